package org.ser4j.audio;

/** A recognised container holding a codec this library does not decode (ADPCM, MPEG inside WAV, compressed AIFF-C, ...). */
public final class UnsupportedAudioEncodingException extends AudioFormatException {

  private static final long serialVersionUID = 1L;

  public UnsupportedAudioEncodingException(String source, String problem) {
    super(source, problem);
  }

  public UnsupportedAudioEncodingException(String source, String problem, Throwable cause) {
    super(source, problem, cause);
  }
}
