package org.ser4j.audio;

import java.io.IOException;
import java.nio.file.Path;

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


  private AudioLoader() {}

  /**
   * {@code librosa.load(path)}: 22050 Hz, mono, the whole file.
   *
   * @param path the audio file
   * @return the clip
   * @throws AudioFormatException if the file is not decodable audio (the message names it)
   * @throws IOException if it cannot be read
   */
  public static AudioClip load(Path path) throws IOException {
    return load(path, LoadOptions.defaults());
  }

  /**
   * Loads {@code path} as {@code options} say.
   *
   * <p>An offset at or past the end gives an empty clip (librosa raises there); the clip's
   * {@linkplain AudioClip#warnings() warnings} carry what the decoder repaired.
   *
   * @param path the audio file
   * @param options rate, mono, offset, duration
   * @return the clip
   * @throws AudioFormatException if the file is not decodable audio (the message names it)
   * @throws IOException if it cannot be read
   */
  public static AudioClip load(Path path, LoadOptions options) throws IOException {
    AudioInfo info = AudioReader.probe(path);
    int nativeRate = info.sampleRate();
    long start = options.startFrame(nativeRate);
    long count = options.frameCount(nativeRate);
    AudioClip clip = AudioReader.read(path, start, count);
    if (info.encoding().canHoldNonFinite()) { // integer encodings decode to finite samples by construction
      checkFinite(clip, path.toString());
    }
    return convert(clip, options);
  }

  /**
   * Rejects audio holding NaN or infinite samples, as librosa's {@code util.valid_audio} does: nothing
   * computed from it (a resampled signal, MFCCs, a prediction) would mean anything.
   *
   * @param clip the decoded audio
   * @param sourceName how to name it in the message (a file name)
   * @throws MalformedAudioException naming {@code sourceName}, the channel and the first non-finite frame
   */
  public static void checkFinite(AudioClip clip, String sourceName) throws MalformedAudioException {
    float[][] channels = clip.channelsUnsafe();
    for (int c = 0; c < channels.length; c++) {
      int i = firstNonFinite(channels[c], 0, channels[c].length);
      if (i >= 0) {
        throw new MalformedAudioException(sourceName, "the audio is not finite everywhere (sample " + channels[c][i]
            + " at frame " + i + (channels.length > 1 ? " of channel " + c : "") + ")");
      }
    }
  }

  /** Index of the first NaN or infinite value of {@code x[from, to)}, or -1. */
  static int firstNonFinite(float[] x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Float.isFinite(x[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Opens {@code path} to be loaded as {@code options} say, block by block in constant memory: what
   * {@link #load(Path, LoadOptions)} returns, sample for sample, for files of any length.
   *
   * @param path the audio file
   * @param options rate, mono, offset, duration
   * @return the open stream (close it)
   * @throws AudioFormatException if the file is not decodable audio (the message names it)
   * @throws IllegalArgumentException if the file's rate cannot be resampled to the one asked for (see
   *     {@link Resampler#of})
   * @throws IOException if it cannot be read
   */
  public static AudioStream open(Path path, LoadOptions options) throws IOException {
    AudioBlockReader reader = AudioReader.open(path);
    try {
      return new AudioStream(reader, path.toString(), options);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /**
   * Applies the mono and sample-rate parts of {@code options} to a clip already in memory (offset and
   * duration are cut here too, at the clip's rate).
   *
   * @param clip the audio
   * @param options rate, mono, offset, duration
   * @return the converted clip
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

  /** The resampler for a rate pair, from {@link Resampler#of}'s own bounded cache (no second cache here). */
  static Resampler resampler(int sourceRate, int targetRate) {
    return Resampler.of(sourceRate, targetRate);
  }
}
