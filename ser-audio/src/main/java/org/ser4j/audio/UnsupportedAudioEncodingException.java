package org.ser4j.audio;

/** A recognised container holding a codec this library does not decode (ADPCM, MPEG inside WAV, compressed AIFF-C, ...). */
public final class UnsupportedAudioEncodingException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the source and the problem.
   *
   * @param source the file path or a description such as "&lt;stream&gt;"
   * @param problem what is wrong, as one sentence fragment
   */
  public UnsupportedAudioEncodingException(String source, String problem) {
    super(source, problem);
  }

  /**
   * Same, with the low-level cause.
   *
   * @param source the file path or a description
   * @param problem what is wrong
   * @param cause the low-level cause
   */
  public UnsupportedAudioEncodingException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
