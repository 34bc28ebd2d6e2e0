package org.ser4j.data;

/** Which labels a corpus scan gives its utterances. */
public enum LabelSet {
  /**
   * The seven TESS classes ({@link Emotion}); the default. Recordings whose corpus label has no TESS
   * counterpart (RAVDESS's calm, EmoDB's boredom) are left out and each is reported as a {@link Problem}.
   */
  TESS,
  /** The corpus's own labels, all of them kept (e.g. RAVDESS's eight, EmoDB's seven). */
  NATIVE
}
