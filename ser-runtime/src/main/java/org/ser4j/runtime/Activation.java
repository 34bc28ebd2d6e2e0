package org.ser4j.runtime;

import java.util.Locale;

/** Element-wise activation of a {@link DenseLayer}; {@link #SOFTMAX} normalises over the layer's outputs. */
public enum Activation {
  IDENTITY, RELU, TANH, SIGMOID, SOFTMAX;

  /** The lower-case name used in bundle files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()} (case-insensitive). */
  public static Activation fromId(String id) {
    for (Activation a : values()) {
      if (a.id().equalsIgnoreCase(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + id + "'");
  }
}
