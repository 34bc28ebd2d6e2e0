package org.ser4j.audio;

/** Not audio in a container this library knows (RIFF/WAVE, AIFF, AIFF-C): an empty file, random bytes, another format. */
public final class UnrecognizedAudioException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the source and the problem.
   *
   * @param source the file path or a description such as "&lt;stream&gt;"
   * @param problem what is wrong, as one sentence fragment
   */
  public UnrecognizedAudioException(String source, String problem) {
    super(source, problem);
  }

  /**
   * Same, with the low-level cause.
   *
   * @param source the file path or a description
   * @param problem what is wrong
   * @param cause the low-level cause
   */
  public UnrecognizedAudioException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
