package org.ser4j.audio;

/** A recognised container whose structure is broken: a missing fmt/COMM chunk, zero or absurd channel counts, sample rates or bit depths, no audio data. */
public final class MalformedAudioException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  public MalformedAudioException(String source, String problem) {
    super(source, problem);
  }

  public MalformedAudioException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
