package org.ser4j.runtime;

/** How a bundle's network reads its input. */
public enum InputMode {
  /**
   * A sequence of time steps x features: framewise MFCC frames (any number of steps), or one step holding an
   * utterance's statistics (the {@code stats} preset's 240 values).
   */
  SEQUENCE,
  /**
   * A fixed-length vector (e.g. the notebook's 40 mean MFCCs) read as that many time steps of ONE feature
   * each, as the notebook's Keras model did ({@code X.reshape(n, 40, 1)}). Written {@code pooled} in bundle
   * files (the name it had before).
   */
  VECTOR_AS_STEPS;

  /** The token a bundle file stores. */
  String fileToken() {
    return this == SEQUENCE ? "sequence" : "pooled";
  }

  /** The mode a bundle file's token names ({@code sequence} or {@code pooled}), or null. */
  static InputMode fromFileToken(String token) {
    return switch (token.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "sequence" -> SEQUENCE;
      case "pooled" -> VECTOR_AS_STEPS;
      default -> null;
    };
  }
}
