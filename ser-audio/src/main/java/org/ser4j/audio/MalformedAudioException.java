package org.ser4j.audio;

/** A recognised container whose structure is broken: a missing fmt/COMM chunk, zero or absurd channel counts, sample rates or bit depths, no audio data. */
public final class MalformedAudioException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the source and the problem.
   *
   * @param source the file path or a description such as "&lt;stream&gt;"
   * @param problem what is wrong, as one sentence fragment
   */
  public MalformedAudioException(String source, String problem) {
    super(source, problem);
  }

  /**
   * Same, with the low-level cause.
   *
   * @param source the file path or a description
   * @param problem what is wrong
   * @param cause the low-level cause
   */
  public MalformedAudioException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
