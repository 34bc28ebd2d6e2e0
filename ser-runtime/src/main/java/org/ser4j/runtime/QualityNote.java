package org.ser4j.runtime;

import java.util.Objects;

/**
 * Something about the audio behind a {@link Prediction} that makes it less trustworthy: what the decoder
 * repaired, silence, clipping, or less audio than the model was trained on. Immutable.
 *
 * @param kind what kind of problem
 * @param message one line for people, e.g. {@code "near-silence: RMS -72.4 dBFS"}
 */
public record QualityNote(Kind kind, String message) {

  /** Kinds of quality problems. */
  public enum Kind {
    /** The decoder repaired the file (a truncated data chunk, an unknown length, a partial frame). */
    DECODER_REPAIR,
    /** Silence or near-silence (RMS below -60 dBFS): the prediction says nothing about emotion. */
    SILENCE,
    /** Clipping: more than 0.1% of the samples at full scale. */
    CLIPPING,
    /** Less audio than the model's window (the recipe's duration): classified on what there is. */
    SHORTER_THAN_WINDOW
  }

  /**
   * A note.
   *
   * @param kind what kind of problem
   * @param message one line for people
   */
  public QualityNote {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
