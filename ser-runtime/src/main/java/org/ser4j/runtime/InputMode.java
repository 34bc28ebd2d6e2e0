package org.ser4j.runtime;

/** How a bundle's network reads its input. */
public enum InputMode {
  /** A sequence of time steps x features (framewise MFCC frames); any number of steps. */
  SEQUENCE,
  /**
   * A fixed-length pooled vector (e.g. 40 mean MFCCs) read as that many time steps of one feature each, as
   * the notebook's Keras model did ({@code X.reshape(n, 40, 1)}).
   */
  POOLED
}
