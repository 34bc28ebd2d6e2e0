package org.ser4j.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code librosa.load} in Java: decode a file by its content, cut {@code offset}/{@code duration} at the
 * native rate, downmix to mono by the channel mean, and resample to the target rate with {@link Resampler}
 * (librosa's default {@code res_type='soxr_hq'} class of filter).
 *
 * <pre>{@code
 * // y, sr = librosa.load(path, duration=3, offset=0.5)
 * AudioClip y = AudioLoader.load(path, LoadOptions.notebook());
 * }</pre>
 *
 * <p>Only the frames asked for are decoded. Resamplers are built once per rate pair and shared; this class
 * is thread-safe.
 */
public final class AudioLoader {

  private static final Map<Long, Resampler> RESAMPLERS = new ConcurrentHashMap<>();

  private AudioLoader() {}

  /** {@code librosa.load(path)}: 22050 Hz, mono, the whole file. */
  public static AudioClip load(Path path) throws IOException {
    return load(path, LoadOptions.defaults());
  }

  /**
   * Loads {@code path} as {@code options} say.
   *
   * <p>An offset at or past the end gives an empty clip (librosa raises there); the clip's
   * {@linkplain AudioClip#warnings() warnings} carry what the decoder repaired.
   *
   * @throws AudioFormatException if the file is not decodable audio (the message names it)
   * @throws IOException if it cannot be read
   */
  public static AudioClip load(Path path, LoadOptions options) throws IOException {
    AudioInfo info = AudioReader.probe(path);
    int nativeRate = info.sampleRate();
    long start = options.startFrame(nativeRate);
    long count = options.frameCount(nativeRate);
    AudioClip clip = AudioReader.read(path, start, count);
    return convert(clip, options);
  }

  /**
   * Applies the mono and sample-rate parts of {@code options} to a clip already in memory (offset and
   * duration are cut here too, at the clip's rate).
   */
  public static AudioClip load(AudioClip clip, LoadOptions options) {
    int rate = clip.sampleRate();
    long start = Math.min(options.startFrame(rate), clip.frameCount());
    long count = options.frameCount(rate);
    long end = count < 0 ? clip.frameCount() : Math.min(clip.frameCount(), start + count);
    AudioClip cut = (start == 0 && end == clip.frameCount()) ? clip : clip.slice((int) start, (int) end);
    return convert(cut, options);
  }

  private static AudioClip convert(AudioClip clip, LoadOptions options) {
    AudioClip out = options.mono() ? clip.toMono() : clip;
    if (options.sampleRate().isPresent() && options.sampleRate().getAsInt() != out.sampleRate()) {
      out = resampler(out.sampleRate(), options.sampleRate().getAsInt()).resample(out);
    }
    return out;
  }

  /** The shared resampler for a rate pair. */
  static Resampler resampler(int sourceRate, int targetRate) {
    long key = ((long) sourceRate << 32) | (targetRate & 0xffffffffL);
    return RESAMPLERS.computeIfAbsent(key, k -> Resampler.of(sourceRate, targetRate));
  }
}
