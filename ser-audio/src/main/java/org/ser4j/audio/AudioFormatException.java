package org.ser4j.audio;

import java.io.IOException;

/**
 * A file or stream that cannot be used as audio: not decodable, or (see {@link TooShortAudioException}) too
 * short for what was asked. The message always names the source (usually the file's path) and the problem,
 * e.g. {@code "clips/a.wav: WAVE fmt chunk declares 0 channels"}. This is the one checked family for bad
 * audio input across ser4j; a missing or unreadable file stays a plain {@link java.io.IOException}
 * ({@link java.nio.file.NoSuchFileException}, {@link java.nio.file.AccessDeniedException}).
 *
 * <p>Subclasses say which kind of problem it is:
 * <ul>
 *   <li>{@link UnrecognizedAudioException}: not a container we know (empty, random bytes, MP3, FLAC);</li>
 *   <li>{@link UnsupportedAudioEncodingException}: a valid container whose codec we do not decode (ADPCM,
 *       MP3 inside WAV, compressed AIFF-C);</li>
 *   <li>{@link MalformedAudioException}: a known container whose structure is broken (no fmt chunk, zero or
 *       absurd channel counts, sample rates or bit depths, no audio data);</li>
 *   <li>{@link TooShortAudioException}: decodable audio with too little in it (nothing after the offset,
 *       fewer frames than a feature or model needs).</li>
 * </ul>
 */
public class AudioFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The file path or stream description that failed. */
  private final String source;
  /** The problem, without the source. */
  private final String problem;

  /**
   * An exception naming the source and the problem.
   *
   * @param source what was being read: a file path, or a description such as "&lt;stream&gt;"
   * @param problem what is wrong, as one sentence fragment
   */
  public AudioFormatException(String source, String problem) {
    super(source + ": " + problem);
    this.source = source;
    this.problem = problem;
  }

  /**
   * Same, with the low-level cause.
   *
   * @param source what was being read
   * @param problem what is wrong
   * @param cause the low-level cause
   */
  public AudioFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.problem = problem;
  }

  /**
   * The file path or stream description that failed.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * The problem, without the source.
   *
   * @return the problem
   */
  public String problem() {
    return problem;
  }
}
