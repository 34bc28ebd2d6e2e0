package org.ser4j.audio;

/** Not audio in a container this library knows (RIFF/WAVE, AIFF, AIFF-C): an empty file, random bytes, another format. */
public final class UnrecognizedAudioException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  public UnrecognizedAudioException(String source, String problem) {
    super(source, problem);
  }

  public UnrecognizedAudioException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
