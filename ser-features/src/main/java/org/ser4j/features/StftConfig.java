package org.ser4j.features;

import java.util.Locale;
import java.util.Objects;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.MfccConfig.Window;

/**
 * The short-time Fourier transform's parameters, named as {@code librosa.stft} names them: the bottom layer of
 * {@code mfcc -> melspectrogram -> _spectrogram -> stft}. Immutable; every {@link MfccConfig} contains one
 * ({@link MfccConfig#stft()}), and a spectrogram on its own needs nothing else (no sample rate, no mel
 * settings).
 *
 * <p>Defaults are librosa's: {@code n_fft=2048}, {@code win_length=n_fft}, {@code hop_length=win_length // 4},
 * {@code window='hann'}, {@code center=True}, {@code pad_mode='constant'}.
 */
public final class StftConfig {
  private final int nFft;
  private final int hopLength;
  private final int winLength;
  private final Window window;
  private final boolean center;
  private final PadMode padMode;

  private StftConfig(int nFft, int hopLength, int winLength, Window window, boolean center, PadMode padMode) {
    if (nFft < 1) {
      throw new IllegalArgumentException("n_fft must be positive, got " + nFft);
    }
    if (winLength < 1 || winLength > nFft) {
      throw new IllegalArgumentException("need 0 < win_length <= n_fft, got win_length " + winLength
          + ", n_fft " + nFft);
    }
    if (hopLength < 1) {
      throw new IllegalArgumentException("hop_length must be positive, got " + hopLength);
    }
    this.nFft = nFft;
    this.hopLength = hopLength;
    this.winLength = winLength;
    this.window = Objects.requireNonNull(window, "window");
    this.center = center;
    this.padMode = Objects.requireNonNull(padMode, "padMode");
  }

  /** librosa's defaults: n_fft 2048, hop 512, Hann of 2048 samples, centred with zero padding. */
  public static StftConfig defaults() {
    return builder().build();
  }

  /** A builder starting from librosa's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder().nFft(nFft).hopLength(hopLength).winLength(winLength).window(window).center(center)
        .padMode(padMode);
  }

  /** {@code n_fft}: FFT size in samples. */
  public int nFft() {
    return nFft;
  }

  /** {@code hop_length}: samples between frame starts. */
  public int hopLength() {
    return hopLength;
  }

  /** {@code win_length}: window length in samples (centred in {@code n_fft}). */
  public int winLength() {
    return winLength;
  }

  /** {@code window}. */
  public Window window() {
    return window;
  }

  /** {@code center}: frames centred on {@code t * hop_length} (the signal padded by {@code n_fft / 2}). */
  public boolean center() {
    return center;
  }

  /** {@code pad_mode} used when centring. */
  public PadMode padMode() {
    return padMode;
  }

  /** Frequency bins per frame: {@code 1 + n_fft / 2}. */
  public int binCount() {
    return 1 + nFft / 2;
  }

  /**
   * Frames for a signal of {@code n} samples ({@link Spectrograms#frameCount}).
   *
   * @throws IllegalArgumentException for an empty signal or one shorter than n_fft without centring
   */
  public int frameCount(int n) {
    return Spectrograms.frameCount(n, nFft, hopLength, center);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StftConfig c && c.nFft == nFft && c.hopLength == hopLength && c.winLength == winLength
        && c.window == window && c.center == center && c.padMode == padMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nFft, hopLength, winLength, window, center, padMode);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "StftConfig[n_fft=%d, hop_length=%d, win_length=%d, window=%s, center=%s,"
        + " pad_mode=%s]", nFft, hopLength, winLength, window.name().toLowerCase(Locale.ROOT), center,
        padMode.name().toLowerCase(Locale.ROOT));
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private int nFft = 2048;
    private Integer hopLength;
    private Integer winLength;
    private Window window = Window.HANN;
    private boolean center = true;
    private PadMode padMode = PadMode.CONSTANT;

    private Builder() {}

    /** {@code n_fft} (default 2048). */
    public Builder nFft(int v) {
      this.nFft = v;
      return this;
    }

    /** {@code hop_length} (default {@code win_length / 4}; null restores the default). */
    public Builder hopLength(Integer v) {
      this.hopLength = v;
      return this;
    }

    /** {@code win_length} (default {@code n_fft}; null restores the default). */
    public Builder winLength(Integer v) {
      this.winLength = v;
      return this;
    }

    /** {@code window} (default Hann). */
    public Builder window(Window v) {
      this.window = v;
      return this;
    }

    /** {@code center} (default true). */
    public Builder center(boolean v) {
      this.center = v;
      return this;
    }

    /** {@code pad_mode} (default constant, i.e. zeros). */
    public Builder padMode(PadMode v) {
      this.padMode = v;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public StftConfig build() {
      int win = winLength != null ? winLength : nFft;
      int hop = hopLength != null ? hopLength : win / 4;
      return new StftConfig(nFft, hop, win, window, center, padMode);
    }
  }
}
