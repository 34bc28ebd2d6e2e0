package org.ser4j.features;

import java.util.Objects;

/**
 * The parameters of an MFCC computation, named and defaulted like {@code librosa.feature.mfcc} (librosa
 * 0.11) and the functions it calls ({@code melspectrogram}, {@code stft}, {@code filters.mel},
 * {@code power_to_db}, {@code scipy.fftpack.dct}). Immutable; build one with {@link #builder(int)} or take a
 * preset ({@link #librosaDefaults(int)}, {@link #notebook(int)}).
 *
 * <p>Defaults (librosa's):
 * <table>
 *   <caption>parameters and librosa defaults</caption>
 *   <tr><th>parameter</th><th>librosa name</th><th>default</th></tr>
 *   <tr><td>{@link #sampleRate()}</td><td>{@code sr}</td><td>22050</td></tr>
 *   <tr><td>{@link #nMfcc()}</td><td>{@code n_mfcc}</td><td>20 ({@link #notebook(int)}: 40)</td></tr>
 *   <tr><td>{@link #nFft()}</td><td>{@code n_fft}</td><td>2048</td></tr>
 *   <tr><td>{@link #winLength()}</td><td>{@code win_length}</td><td>{@code n_fft}</td></tr>
 *   <tr><td>{@link #hopLength()}</td><td>{@code hop_length}</td><td>{@code win_length / 4} (512)</td></tr>
 *   <tr><td>{@link #window()}</td><td>{@code window}</td><td>{@link Window#HANN} (periodic)</td></tr>
 *   <tr><td>{@link #center()}</td><td>{@code center}</td><td>true</td></tr>
 *   <tr><td>{@link #padMode()}</td><td>{@code pad_mode}</td><td>{@link PadMode#CONSTANT} (zeros)</td></tr>
 *   <tr><td>{@link #power()}</td><td>{@code power}</td><td>2.0</td></tr>
 *   <tr><td>{@link #nMels()}</td><td>{@code n_mels}</td><td>128</td></tr>
 *   <tr><td>{@link #fmin()}</td><td>{@code fmin}</td><td>0</td></tr>
 *   <tr><td>{@link #fmax()}</td><td>{@code fmax}</td><td>{@code sr / 2}</td></tr>
 *   <tr><td>{@link #melScale()}</td><td>{@code htk}</td><td>{@link MelScale#SLANEY} ({@code htk=False})</td></tr>
 *   <tr><td>{@link #melNorm()}</td><td>{@code norm}</td><td>{@link MelNorm#SLANEY}</td></tr>
 *   <tr><td>{@link #ref()}</td><td>{@code ref}</td><td>1.0</td></tr>
 *   <tr><td>{@link #amin()}</td><td>{@code amin}</td><td>1e-10</td></tr>
 *   <tr><td>{@link #topDb()}</td><td>{@code top_db}</td><td>80 (NaN = off, librosa's {@code None})</td></tr>
 *   <tr><td>DCT</td><td>{@code dct_type}, {@code norm}</td><td>type 2, {@code 'ortho'} (the only ones offered)</td></tr>
 *   <tr><td>{@link #lifter()}</td><td>{@code lifter}</td><td>0 (off)</td></tr>
 * </table>
 *
 * <p>Note that librosa's {@code mfcc(..., htk=True)} switches only the mel scale to HTK's formula; the
 * filterbank keeps the Slaney area normalisation unless {@code norm=None} is also given. This class follows
 * that: {@link MelScale} and {@link MelNorm} are independent.
 *
 * <p>{@link #equals(Object)} and {@link #hashCode()} compare every parameter, so a config can key a cache.
 */
public final class MfccConfig {

  /** Analysis window ({@code scipy.signal.get_window(name, win_length, fftbins=True)}: periodic). */
  public enum Window {
    /** Periodic Hann: {@code 0.5 - 0.5 cos(2 pi k / N)}, librosa's default. */
    HANN,
    /** Periodic Hamming: {@code 0.54 - 0.46 cos(2 pi k / N)}. */
    HAMMING,
    /** Rectangular (all ones), scipy's {@code 'boxcar'}. */
    RECTANGULAR
  }

  /** How {@code center=True} pads the signal ({@code numpy.pad} modes). */
  public enum PadMode {
    /** Zeros, librosa's default since 0.10. */
    CONSTANT,
    /** Mirror without repeating the edge sample ({@code numpy.pad(mode='reflect')}). */
    REFLECT
  }

  /** The Hz to mel mapping ({@code htk} argument of {@code librosa.filters.mel}). */
  public enum MelScale {
    /** Slaney's Auditory Toolbox scale: linear below 1000 Hz, logarithmic above ({@code htk=False}). */
    SLANEY,
    /** {@code 2595 log10(1 + f / 700)} ({@code htk=True}). */
    HTK
  }

  /** Filterbank normalisation ({@code norm} argument of {@code librosa.filters.mel}). */
  public enum MelNorm {
    /** Each triangle divided by its width in Hz ({@code 2 / (f[i+2] - f[i])}): constant energy per band. */
    SLANEY,
    /** Triangles of peak 1 ({@code norm=None}). */
    NONE
  }

  private final int sampleRate;
  private final int nMfcc;
  /** The STFT layer (n_fft, hop, window, centring): one object, as librosa layers mfcc -> melspectrogram -> stft. */
  private final StftConfig stft;
  private final double power;
  private final int nMels;
  private final double fmin;
  private final double fmax;
  private final MelScale melScale;
  private final MelNorm melNorm;
  private final double ref;
  private final double amin;
  private final double topDb;
  private final double lifter;

  private MfccConfig(Builder b) {
    this.sampleRate = b.sampleRate;
    this.nMfcc = b.nMfcc;
    this.stft = StftConfig.builder().nFft(b.nFft).hopLength(b.hopLength).winLength(b.winLength).window(b.window)
        .center(b.center).padMode(b.padMode).build();
    this.power = b.power;
    this.nMels = b.nMels;
    this.fmin = b.fmin;
    this.fmax = b.fmax != null ? b.fmax : b.sampleRate / 2.0;
    this.melScale = b.melScale;
    this.melNorm = b.melNorm;
    this.ref = b.ref;
    this.amin = b.amin;
    this.topDb = b.topDb;
    this.lifter = b.lifter;
  }

  /**
   * librosa's {@code mfcc} defaults at the given sample rate (20 coefficients).
   *
   * @param sampleRate the signal's rate in Hz
   * @return the config
   */
  public static MfccConfig librosaDefaults(int sampleRate) {
    return builder(sampleRate).build();
  }

  /**
   * The seed notebook's feature configuration: librosa defaults with {@code n_mfcc=40}, at the given sample
   * rate (the notebook loads at 22050 Hz).
   *
   * @param sampleRate the signal's rate in Hz
   * @return the config
   */
  public static MfccConfig notebook(int sampleRate) {
    return builder(sampleRate).nMfcc(40).build();
  }

  /** {@return a builder holding librosa's defaults, sample rate 22050 Hz} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding librosa's defaults at the given sample rate.
   *
   * @param sampleRate the signal's rate in Hz
   * @return a builder
   */
  public static Builder builder(int sampleRate) {
    return new Builder().sampleRate(sampleRate);
  }

  /** {@return a builder initialised with this config's values (hop, window length and fmax as explicit values)} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sampleRate = sampleRate;
    b.nMfcc = nMfcc;
    b.stft(stft);
    b.power = power;
    b.nMels = nMels;
    b.fmin = fmin;
    b.fmax = fmax;
    b.melScale = melScale;
    b.melNorm = melNorm;
    b.ref = ref;
    b.amin = amin;
    b.topDb = topDb;
    b.lifter = lifter;
    return b;
  }

  /** {@return sample rate in Hz the signal is expected at ({@code sr})} */
  public int sampleRate() {
    return sampleRate;
  }

  /** {@return number of cepstral coefficients kept ({@code n_mfcc})} */
  public int nMfcc() {
    return nMfcc;
  }

  /** {@return FFT size in samples ({@code n_fft})} */
  public int nFft() {
    return stft.nFft();
  }

  /** {@return samples between successive frames ({@code hop_length})} */
  public int hopLength() {
    return stft.hopLength();
  }

  /** {@return window length ({@code win_length}); the window is centred in {@code n_fft} and zero-padded} */
  public int winLength() {
    return stft.winLength();
  }

  /** {@return analysis window} */
  public Window window() {
    return stft.window();
  }

  /** {@return whether frames are centred: the signal is padded by {@code n_fft / 2} on both sides} */
  public boolean center() {
    return stft.center();
  }

  /** {@return padding used when {@link #center()}} */
  public PadMode padMode() {
    return stft.padMode();
  }

  /** {@return exponent of the magnitude spectrogram (2 = power, 1 = magnitude)} */
  public double power() {
    return power;
  }

  /** {@return number of mel bands ({@code n_mels})} */
  public int nMels() {
    return nMels;
  }

  /** {@return lowest filterbank frequency in Hz} */
  public double fmin() {
    return fmin;
  }

  /** {@return highest filterbank frequency in Hz} */
  public double fmax() {
    return fmax;
  }

  /** {@return mel scale formula} */
  public MelScale melScale() {
    return melScale;
  }

  /** {@return filterbank normalisation} */
  public MelNorm melNorm() {
    return melNorm;
  }

  /** {@return {@code power_to_db} reference: {@code 10 log10(max(amin, ref))} is subtracted} */
  public double ref() {
    return ref;
  }

  /** {@return {@code power_to_db} floor applied before the logarithm} */
  public double amin() {
    return amin;
  }

  /** {@return {@code power_to_db} dynamic range: values below {@code max - topDb} (over the whole clip) are raised to it} */
  public double topDb() {
    return topDb;
  }

  /** {@return whether the {@link #topDb()} clamp is on (it is off when {@code topDb} is NaN)} */
  public boolean hasTopDb() {
    return !Double.isNaN(topDb);
  }

  /** {@return cepstral liftering coefficient; 0 = none, else coefficient {@code n} is scaled by {@code 1 + (L/2) sin(pi (n+1) / L)}} */
  public double lifter() {
    return lifter;
  }

  /**
   * The STFT layer of this configuration: {@code n_fft}, {@code hop_length}, {@code win_length},
   * {@code window}, {@code center}, {@code pad_mode} (librosa's {@code mfcc -> melspectrogram -> stft}).
   */
  public StftConfig stft() {
    return stft;
  }

  /** {@return number of FFT bins, {@code 1 + n_fft / 2}} */
  public int binCount() {
    return stft.binCount();
  }

  /**
   * Number of frames librosa produces for a signal of {@code n} samples: with {@code center},
   * {@code 1 + (n + 2 (n_fft/2) - n_fft) / hop} ({@code 1 + n / hop} for even {@code n_fft}); without,
   * {@code 1 + (n - n_fft) / hop}.
   *
   * @param n signal length in samples
   * @return the number of frames
   * @throws IllegalArgumentException if the (padded) signal is shorter than one frame or {@code n} is 0
   */
  public int frameCount(int n) {
    return stft.frameCount(n);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MfccConfig)) {
      return false;
    }
    MfccConfig c = (MfccConfig) o;
    return sampleRate == c.sampleRate && nMfcc == c.nMfcc && stft.equals(c.stft) && Double.compare(power, c.power) == 0 && nMels == c.nMels && Double.compare(fmin, c.fmin) == 0
        && Double.compare(fmax, c.fmax) == 0 && melScale == c.melScale && melNorm == c.melNorm
        && Double.compare(ref, c.ref) == 0 && Double.compare(amin, c.amin) == 0
        && Double.compare(topDb, c.topDb) == 0 && Double.compare(lifter, c.lifter) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleRate, nMfcc, stft, power, nMels,
        fmin, fmax, melScale, melNorm, ref, amin, topDb, lifter);
  }

  @Override
  public String toString() {
    return "MfccConfig{sr=" + sampleRate + ", n_mfcc=" + nMfcc + ", n_fft=" + nFft() + ", hop_length="
        + hopLength() + ", win_length=" + winLength() + ", window=" + window() + ", center=" + center()
        + ", pad_mode=" + padMode()
        + ", power=" + power + ", n_mels=" + nMels + ", fmin=" + fmin + ", fmax=" + fmax + ", mel_scale="
        + melScale + ", mel_norm=" + melNorm + ", ref=" + ref + ", amin=" + amin + ", top_db="
        + (hasTopDb() ? Double.toString(topDb) : "None") + ", dct=2/ortho, lifter=" + lifter + "}";
  }

  /** Mutable builder of {@link MfccConfig}; starts at librosa's defaults. Not thread-safe. */
  public static final class Builder {
    private int sampleRate = 22050;
    private int nMfcc = 20;
    private int nFft = 2048;
    private Integer hopLength;
    private Integer winLength;
    private Window window = Window.HANN;
    private boolean center = true;
    private PadMode padMode = PadMode.CONSTANT;
    private double power = 2.0;
    private int nMels = 128;
    private double fmin = 0.0;
    private Double fmax;
    private MelScale melScale = MelScale.SLANEY;
    private MelNorm melNorm = MelNorm.SLANEY;
    private double ref = 1.0;
    private double amin = 1e-10;
    private double topDb = 80.0;
    private double lifter = 0.0;

    private Builder() {}

    /**
     * Sample rate in Hz (default 22050).
     *
     * @param sampleRate the value
     * @return this builder
     */
    public Builder sampleRate(int sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    /**
     * Coefficients kept (default 20).
     *
     * @param nMfcc the value
     * @return this builder
     */
    public Builder nMfcc(int nMfcc) {
      this.nMfcc = nMfcc;
      return this;
    }

    /**
     * FFT size (default 2048).
     *
     * @param nFft the value
     * @return this builder
     */
    public Builder nFft(int nFft) {
      this.nFft = nFft;
      return this;
    }

    /**
     * Hop in samples; {@code null} (default) = {@code win_length / 4}.
     *
     * @param hopLength the value
     * @return this builder
     */
    public Builder hopLength(Integer hopLength) {
      this.hopLength = hopLength;
      return this;
    }

    /**
     * Window length; {@code null} (default) = {@code n_fft}.
     *
     * @param winLength the value
     * @return this builder
     */
    public Builder winLength(Integer winLength) {
      this.winLength = winLength;
      return this;
    }

    /**
     * Window (default periodic Hann).
     *
     * @param window the value
     * @return this builder
     */
    public Builder window(Window window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Centred frames (default true).
     *
     * @param center the value
     * @return this builder
     */
    public Builder center(boolean center) {
      this.center = center;
      return this;
    }

    /**
     * Padding for centred frames (default zeros).
     *
     * @param padMode the value
     * @return this builder
     */
    public Builder padMode(PadMode padMode) {
      this.padMode = Objects.requireNonNull(padMode, "padMode");
      return this;
    }

    /**
     * Spectrogram exponent (default 2.0).
     *
     * @param power the value
     * @return this builder
     */
    public Builder power(double power) {
      this.power = power;
      return this;
    }

    /**
     * Mel bands (default 128).
     *
     * @param nMels the value
     * @return this builder
     */
    public Builder nMels(int nMels) {
      this.nMels = nMels;
      return this;
    }

    /**
     * Lowest frequency in Hz (default 0).
     *
     * @param fmin the value
     * @return this builder
     */
    public Builder fmin(double fmin) {
      this.fmin = fmin;
      return this;
    }

    /**
     * Highest frequency in Hz; {@code null} (default) = {@code sr / 2}.
     *
     * @param fmax the value
     * @return this builder
     */
    public Builder fmax(Double fmax) {
      this.fmax = fmax;
      return this;
    }

    /**
     * Mel scale (default Slaney, librosa's {@code htk=False}).
     *
     * @param melScale the value
     * @return this builder
     */
    public Builder melScale(MelScale melScale) {
      this.melScale = Objects.requireNonNull(melScale, "melScale");
      return this;
    }

    /**
     * Shorthand for {@code melScale(htk ? HTK : SLANEY)}, like librosa's {@code htk} flag.
     *
     * @param htk the value
     * @return this builder
     */
    public Builder htk(boolean htk) {
      return melScale(htk ? MelScale.HTK : MelScale.SLANEY);
    }

    /**
     * Filterbank normalisation (default Slaney).
     *
     * @param melNorm the value
     * @return this builder
     */
    public Builder melNorm(MelNorm melNorm) {
      this.melNorm = Objects.requireNonNull(melNorm, "melNorm");
      return this;
    }

    /**
     * {@code power_to_db} reference (default 1.0).
     *
     * @param ref the value
     * @return this builder
     */
    public Builder ref(double ref) {
      this.ref = ref;
      return this;
    }

    /**
     * {@code power_to_db} floor (default 1e-10).
     *
     * @param amin the value
     * @return this builder
     */
    public Builder amin(double amin) {
      this.amin = amin;
      return this;
    }

    /**
     * {@code power_to_db} dynamic range in dB (default 80); {@code null} or NaN = no clamp.
     *
     * @param topDb the value
     * @return this builder
     */
    public Builder topDb(Double topDb) {
      this.topDb = topDb == null ? Double.NaN : topDb;
      return this;
    }

    /**
     * Liftering coefficient (default 0 = off).
     *
     * @param lifter the value
     * @return this builder
     */
    public Builder lifter(double lifter) {
      this.lifter = lifter;
      return this;
    }

    /** Takes every STFT parameter ({@code n_fft}, hop, window length, window, centring, padding) from {@code stft}. */
    public Builder stft(StftConfig stft) {
      return nFft(stft.nFft()).hopLength(stft.hopLength()).winLength(stft.winLength()).window(stft.window())
          .center(stft.center()).padMode(stft.padMode());
    }

    /**
     * Validates and builds.
     *
     * @return the config
     * @throws IllegalArgumentException naming the offending parameter, e.g. {@code win_length} greater than
     *     {@code n_fft}, {@code fmax} above {@code sr / 2}, {@code n_mfcc} greater than {@code n_mels}, or a
     *     size that is not positive
     */
    public MfccConfig build() {
      positive("sampleRate (sr)", sampleRate);
      positive("nFft (n_fft)", nFft);
      positive("nMels (n_mels)", nMels);
      positive("nMfcc (n_mfcc)", nMfcc);
      if (winLength != null) {
        positive("winLength (win_length)", winLength);
        if (winLength > nFft) {
          throw new IllegalArgumentException(
              "winLength (win_length) = " + winLength + " must not exceed nFft (n_fft) = " + nFft);
        }
      }
      int win = winLength != null ? winLength : nFft;
      if (hopLength != null) {
        positive("hopLength (hop_length)", hopLength);
      } else if (win / 4 <= 0) {
        throw new IllegalArgumentException("hopLength (hop_length) defaults to win_length / 4 = " + (win / 4)
            + ", which is not positive; set it explicitly");
      }
      if (nMfcc > nMels) {
        throw new IllegalArgumentException(
            "nMfcc (n_mfcc) = " + nMfcc + " must not exceed nMels (n_mels) = " + nMels);
      }
      if (!(power > 0) || Double.isInfinite(power)) {
        throw new IllegalArgumentException("power must be positive and finite, got " + power);
      }
      if (!(fmin >= 0) || Double.isInfinite(fmin)) {
        throw new IllegalArgumentException("fmin must be >= 0 and finite, got " + fmin);
      }
      double nyquist = sampleRate / 2.0;
      double fmaxValue = fmax != null ? fmax : nyquist;
      if (!(fmaxValue <= nyquist)) {
        throw new IllegalArgumentException("fmax = " + fmaxValue + " must not exceed sr / 2 = " + nyquist);
      }
      if (!(fmaxValue > fmin)) {
        throw new IllegalArgumentException("fmax = " + fmaxValue + " must be greater than fmin = " + fmin);
      }
      if (!(ref > 0) || Double.isInfinite(ref)) {
        throw new IllegalArgumentException("ref must be positive and finite, got " + ref);
      }
      if (!(amin > 0) || Double.isInfinite(amin)) {
        throw new IllegalArgumentException("amin must be positive and finite, got " + amin);
      }
      if (!Double.isNaN(topDb) && !(topDb >= 0 && !Double.isInfinite(topDb))) {
        throw new IllegalArgumentException("topDb (top_db) must be >= 0 and finite (or NaN/null for none), got "
            + topDb);
      }
      if (!(lifter >= 0) || Double.isInfinite(lifter)) {
        throw new IllegalArgumentException("lifter must be >= 0 and finite, got " + lifter);
      }
      return new MfccConfig(this);
    }

    private static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }
  }
}
