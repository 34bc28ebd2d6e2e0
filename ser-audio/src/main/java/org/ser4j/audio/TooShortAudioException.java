package org.ser4j.audio;

/**
 * Audio that decodes but holds too little to be used: nothing after the offset, or fewer samples than a
 * computation needs (e.g. the frames an MFCC delta or a model's window requires). The message names the
 * source, what it holds and what is needed.
 */
public final class TooShortAudioException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  /** Seconds of usable audio found. */
  private final double seconds;
  /** Seconds of audio needed. */
  private final double minimumSeconds;

  /**
   * An exception naming the source and the problem.
   *
   * @param source the file path or a description such as "&lt;stream&gt;"
   * @param seconds seconds of usable audio found
   * @param minimumSeconds seconds needed
   * @param problem what is wrong, as one sentence fragment
   */
  public TooShortAudioException(String source, double seconds, double minimumSeconds, String problem) {
    super(source, problem);
    this.seconds = seconds;
    this.minimumSeconds = minimumSeconds;
  }

  /**
   * Seconds of usable audio found.
   *
   * @return the usable duration
   */
  public double seconds() {
    return seconds;
  }

  /**
   * Seconds of audio needed.
   *
   * @return the minimum duration
   */
  public double minimumSeconds() {
    return minimumSeconds;
  }
}
