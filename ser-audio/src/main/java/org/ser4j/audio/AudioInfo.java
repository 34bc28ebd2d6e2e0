package org.ser4j.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file's headers say about its audio, as {@link AudioReader#probe(Path)} finds it without decoding.
 *
 * @param source the file, or {@code null} for in-memory data
 * @param container RIFF/WAVE or AIFF flavour
 * @param encoding how samples are stored
 * @param sampleRate samples per second per channel, positive
 * @param channels channel count, positive
 * @param frames frames that can actually be decoded: the header's claim bounded by the bytes present, whole
 *     frames only (so a truncated file reports what it really holds)
 * @param warnings what a read will have to repair (truncation, unknown length, partial frame); empty for a
 *     clean file; immutable
 */
public record AudioInfo(
    Path source,
    Container container,
    SampleEncoding encoding,
    int sampleRate,
    int channels,
    long frames,
    List<String> warnings) {

  /**
   * Validates the values and copies {@code warnings}.
   *
   * @param source the file, or {@code null} for in-memory data
   * @param container RIFF/WAVE or AIFF flavour
   * @param encoding how samples are stored
   * @param sampleRate samples per second per channel, positive
   * @param channels channel count, positive
   * @param frames frames that can actually be decoded
   * @param warnings what a read will have to repair
   */
  public AudioInfo {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(encoding, "encoding");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channels must be positive, got " + channels);
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frames must not be negative, got " + frames);
    }
    warnings = List.copyOf(warnings);
  }

  /** {@return length in seconds: {@code frames / sampleRate}} */
  public double durationSeconds() {
    return (double) frames / sampleRate;
  }

  /** {@return bits per sample of one channel as stored: 8, 16, 24, 32 or 64} */
  public int bitsPerSample() {
    return encoding.bitsPerSample();
  }

  /** {@return bytes one frame (one sample of every channel) occupies in the file} */
  public int bytesPerFrame() {
    return encoding.bytesPerSample() * channels;
  }

  /**
   * A note when the content's container is not what the file name says (AIFF under {@code .wav}, WAV under
   * {@code .aif}/{@code .aiff}/{@code .aifc}), as real corpora have; empty when they agree, when the name has
   * no audio extension, or for in-memory data.
   *
   * @return the note, or empty when the name fits the content
   */
  public Optional<String> nameMismatch() {
    if (source == null || source.getFileName() == null) {
      return Optional.empty();
    }
    String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean wavName = name.endsWith(".wav") || name.endsWith(".wave");
    boolean aiffName = name.endsWith(".aif") || name.endsWith(".aiff") || name.endsWith(".aifc");
    boolean wavContent = container == Container.WAV || container == Container.WAV_EXTENSIBLE
        || container == Container.RF64;
    if ((wavName && !wavContent) || (aiffName && wavContent)) {
      return Optional.of(container + " content under a ." + name.substring(name.lastIndexOf('.') + 1)
          + " name (decoded by content)");
    }
    return Optional.empty();
  }
}
