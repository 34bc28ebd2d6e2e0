package org.ser4j.runtime;

import java.util.Locale;

/** Element-wise activation of a {@link DenseLayer}; {@link #SOFTMAX} normalises over the layer's outputs. */
public enum Activation {
  /** {@code f(x) = x}. */
  IDENTITY,
  /** {@code max(0, x)}. */
  RELU,
  /** {@code tanh(x)}. */
  TANH,
  /** {@code 1 / (1 + e^-x)}. */
  SIGMOID,
  /** {@code e^x_i / sum_j e^x_j} over the layer's outputs. */
  SOFTMAX;

  /**
   * The lower-case name used in bundle files.
   *
   * @return e.g. {@code "relu"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@link #id()} (case-insensitive).
   *
   * @param id a name such as {@code "softmax"}
   * @return the activation
   * @throws IllegalArgumentException if the name is unknown
   */
  public static Activation fromId(String id) {
    for (Activation a : values()) {
      if (a.id().equalsIgnoreCase(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + id + "'");
  }
}
