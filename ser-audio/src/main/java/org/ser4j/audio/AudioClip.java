package org.ser4j.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decoded audio: float samples per channel at one sample rate, immutable.
 *
 * <p>Samples are in [-1, 1) for integer sources, scaled as soundfile/libsndfile scale them (PCM16 / 32768,
 * PCM24 / 2^23, PCM8 (x - 128) / 128); float sources keep their values. A clip may carry
 * {@linkplain #warnings() warnings}: what the decoder had to repair to give you this audio (a truncated data
 * chunk, a header with an unknown length). An empty list means the file was read as its header describes.
 *
 * <p>Accessors that return arrays return copies; the clip itself never changes and is safe to share between
 * threads.
 */
public final class AudioClip {

  private final float[][] channels;
  private final int sampleRate;
  private final List<String> warnings;

  private AudioClip(float[][] channels, int sampleRate, List<String> warnings) {
    this.channels = channels;
    this.sampleRate = sampleRate;
    this.warnings = warnings;
  }

  /**
   * A clip of one or more channels, copied from the given arrays.
   *
   * @param sampleRate samples per second, positive
   * @param channels one array per channel, all of the same length (zero-length allowed)
   * @return the clip
   * @throws IllegalArgumentException if there is no channel, the lengths differ or the rate is not positive
   */
  public static AudioClip of(int sampleRate, float[]... channels) {
    Objects.requireNonNull(channels, "channels");
    float[][] copy = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      copy[c] = Objects.requireNonNull(channels[c], "channel " + c).clone();
    }
    return wrap(copy, sampleRate, List.of());
  }

  /**
   * A one-channel clip copied from {@code samples}.
   *
   * @param sampleRate samples per second, positive
   * @param samples the samples (copied)
   * @return the clip
   */
  public static AudioClip ofMono(int sampleRate, float[] samples) {
    return of(sampleRate, samples);
  }

  /** Takes ownership of {@code channels} without copying; for decoders and transforms in this package. */
  static AudioClip wrap(float[][] channels, int sampleRate, List<String> warnings) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    if (channels.length == 0) {
      throw new IllegalArgumentException("a clip needs at least one channel");
    }
    int n = channels[0].length;
    for (int c = 1; c < channels.length; c++) {
      if (channels[c].length != n) {
        throw new IllegalArgumentException(
            "channel " + c + " has " + channels[c].length + " frames, channel 0 has " + n);
      }
    }
    return new AudioClip(channels, sampleRate, List.copyOf(warnings));
  }

  /** {@return samples per second} */
  public int sampleRate() {
    return sampleRate;
  }

  /** {@return number of channels, at least 1} */
  public int channelCount() {
    return channels.length;
  }

  /** {@return number of frames (samples per channel)} */
  public int frameCount() {
    return channels[0].length;
  }

  /** {@return length in seconds: {@code frameCount() / sampleRate()}} */
  public double durationSeconds() {
    return (double) frameCount() / sampleRate;
  }

  /**
   * One sample.
   *
   * @param channel channel index
   * @param frame frame index
   * @return the sample
   */
  public float sample(int channel, int frame) {
    return channels[channel][frame];
  }

  /**
   * A copy of one channel's samples.
   *
   * @param channel channel index
   * @return a copy of its samples
   */
  public float[] channel(int channel) {
    return channels[channel].clone();
  }

  /**
   * The mono signal as librosa's {@code to_mono} makes it: the mean of the channels, frame by frame. For a
   * one-channel clip, a copy of that channel.
   *
   * @return a new array of {@link #frameCount()} samples
   */
  public float[] monoSamples() {
    if (channels.length == 1) {
      return channels[0].clone();
    }
    int n = frameCount();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (float[] ch : channels) {
        sum += ch[i];
      }
      out[i] = (float) (sum / channels.length);
    }
    return out;
  }

  /** {@return this clip downmixed to one channel by {@link #monoSamples()}; itself when it is already mono} */
  public AudioClip toMono() {
    return channels.length == 1 ? this : new AudioClip(new float[][] {monoSamples()}, sampleRate, warnings);
  }

  /**
   * Frames {@code [from, to)} as a new clip with the same rate and warnings.
   *
   * @param from first frame, inclusive
   * @param to last frame, exclusive
   * @return the slice
   * @throws IndexOutOfBoundsException if the range is not within the clip
   */
  public AudioClip slice(int from, int to) {
    Objects.checkFromToIndex(from, to, frameCount());
    float[][] out = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      out[c] = Arrays.copyOfRange(channels[c], from, to);
    }
    return new AudioClip(out, sampleRate, warnings);
  }

  /** {@return what the decoder repaired to produce this clip, one sentence each; empty for a clean read} */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * This clip with {@code more} warnings appended.
   *
   * @param more warnings to add
   * @return a clip sharing these samples, or this clip when {@code more} is empty
   */
  public AudioClip withWarnings(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new AudioClip(channels, sampleRate, all);
  }

  /** Direct access for code in this package that must not copy (resampling, writing). */
  float[][] channelsUnsafe() {
    return channels;
  }

  @Override
  public String toString() {
    return "AudioClip[" + channelCount() + " ch, " + sampleRate + " Hz, " + frameCount() + " frames"
        + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)") + "]";
  }
}
