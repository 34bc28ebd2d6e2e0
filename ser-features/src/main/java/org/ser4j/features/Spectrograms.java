package org.ser4j.features;

import java.util.Objects;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.MfccConfig.Window;

/**
 * librosa's spectrogram steps as stand-alone functions: framing and padding ({@code stft}), the power
 * spectrogram {@code abs(stft(y)) ** power}, the mel spectrogram ({@code feature.melspectrogram}) and
 * {@code power_to_db}. Matrices are {@code float[frames][values]} (one row per frame), the project's layout;
 * librosa's arrays are the transpose.
 *
 * <p>All methods are stateless and thread-safe. For repeated MFCC work use {@link MfccExtractor}, which
 * precomputes everything these functions compute per call.
 */
public final class Spectrograms {

  private Spectrograms() {}

  /**
   * The number of frames {@code librosa.stft} produces for {@code n} samples: with {@code center} the signal is
   * padded by {@code nFft / 2} on both sides, giving {@code 1 + (n + 2 (nFft / 2) - nFft) / hop} frames
   * ({@code 1 + n / hop} for even {@code nFft}, also when {@code n < nFft}: librosa warns and pads); without
   * centring {@code 1 + (n - nFft) / hop}.
   *
   * <p>An empty signal is rejected: ser4j treats it as a caller error rather than returning a frame of padding.
   *
   * @param n signal length in samples
   * @param nFft frame length
   * @param hopLength samples between frame starts
   * @param center whether the signal is padded by {@code nFft / 2} on both sides
   * @return the number of frames
   * @throws IllegalArgumentException if {@code n == 0}, or the (padded) signal is shorter than {@code nFft}
   *     (librosa raises a {@code ParameterError} there), or a size is not positive
   */
  public static int frameCount(int n, int nFft, int hopLength, boolean center) {
    if (nFft <= 0 || hopLength <= 0) {
      throw new IllegalArgumentException("nFft and hopLength must be positive, got " + nFft + ", " + hopLength);
    }
    if (n <= 0) {
      throw new IllegalArgumentException("empty signal (0 samples): no frame to analyse");
    }
    long padded = center ? (long) n + 2L * (nFft / 2) : n;
    if (padded < nFft) {
      throw new IllegalArgumentException("signal of " + n + " samples is shorter than n_fft=" + nFft
          + (center ? " even after centre padding" : " (center=false)"));
    }
    return (int) (1 + (padded - nFft) / hopLength);
  }

  /**
   * {@code librosa.filters.get_window(window, winLength, fftbins=True)} centred in {@code nFft} samples
   * ({@code util.pad_center}), as float.
   *
   * @param window the window shape
   * @param winLength window length, at most {@code nFft}
   * @param nFft the FFT size (the window is centred and zero-padded to it)
   * @return {@code nFft} weights
   * @throws IllegalArgumentException unless {@code 0 < winLength <= nFft}
   */
  public static float[] window(Window window, int winLength, int nFft) {
    Objects.requireNonNull(window, "window");
    if (winLength <= 0 || winLength > nFft) {
      throw new IllegalArgumentException("need 0 < winLength <= nFft, got " + winLength + ", " + nFft);
    }
    float[] w = new float[nFft];
    int lpad = (nFft - winLength) / 2;
    for (int k = 0; k < winLength; k++) {
      double c = Math.cos(2.0 * Math.PI * k / winLength);
      double v;
      switch (window) {
        case HANN:
          v = 0.5 - 0.5 * c;
          break;
        case HAMMING:
          v = 0.54 - 0.46 * c;
          break;
        default:
          v = 1.0;
      }
      w[lpad + k] = (float) v;
    }
    return w;
  }

  /**
   * The window of a config: {@link #window(Window, int, int)} with its window, win_length and n_fft.
   *
   * @param config the MFCC parameters
   * @return {@code nFft} weights
   */
  public static float[] window(MfccConfig config) {
    return window(config.window(), config.winLength(), config.nFft());
  }

  /** The window of an STFT config: {@link #window(Window, int, int)} with its window, win_length and n_fft. */
  public static float[] window(StftConfig stft) {
    return window(stft.window(), stft.winLength(), stft.nFft());
  }

  /**
   * {@code abs(librosa.stft(y, ...)) ** power} for an STFT config alone (no sample rate or mel settings
   * needed): {@code frames x (1 + n_fft / 2)}. {@code power} 2 is the power spectrogram, 1 the magnitude.
   *
   * @throws IllegalArgumentException for an empty signal, one shorter than n_fft without centring, or a
   *     power that is not positive
   */
  public static float[][] spectrogram(float[] y, StftConfig stft, double power) {
    Objects.requireNonNull(stft, "stft");
    if (!(power > 0) || Double.isInfinite(power)) {
      throw new IllegalArgumentException("power must be positive and finite, got " + power);
    }
    int frames = stft.frameCount(y.length);
    float[] padded = pad(y, stft.nFft(), stft.center(), stft.padMode());
    float[] w = window(stft);
    PowerSpectrum ps = PowerSpectrum.create(stft.nFft());
    float[][] out = new float[frames][stft.binCount()];
    for (int t = 0; t < frames; t++) {
      float[] row = out[t];
      ps.compute(padded, t * stft.hopLength(), w, row);
      if (power != 2.0) {
        double half = power / 2.0;
        for (int k = 0; k < row.length; k++) {
          row[k] = (float) Math.pow(row[k], half);
        }
      }
    }
    return out;
  }

  /**
   * The signal as {@code stft} frames it: padded by {@code nFft / 2} on both sides with zeros or
   * {@code numpy.pad(mode='reflect')} when {@code center}, else a copy.
   *
   * @param y the samples
   * @param nFft the FFT size
   * @param center whether to pad
   * @param mode the padding mode
   * @return a new, padded array
   */
  public static float[] pad(float[] y, int nFft, boolean center, PadMode mode) {
    if (!center) {
      return y.clone();
    }
    int p = nFft / 2;
    int n = y.length;
    float[] out = new float[n + 2 * p];
    System.arraycopy(y, 0, out, p, n);
    if (mode == PadMode.REFLECT && n > 0) {
      for (int i = 0; i < p; i++) {
        out[p - 1 - i] = y[reflectIndex(-1 - i, n)];
        out[p + n + i] = y[reflectIndex(n + i, n)];
      }
    }
    return out;
  }

  /** numpy's 'reflect' extension: the periodic mirror of period 2 (n - 1) without repeating the edges. */
  static int reflectIndex(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int r = Math.floorMod(i, period);
    return r >= n ? period - r : r;
  }

  /**
   * {@code abs(librosa.stft(y, n_fft, hop_length, win_length, window, center, pad_mode)) ** power} with the
   * config's parameters; {@code frames x (1 + n_fft / 2)}.
   *
   * @param y mono samples
   * @param config the MFCC parameters
   * @return frames x FFT bins
   */
  public static float[][] powerSpectrogram(float[] y, MfccConfig config) {
    MfccExtractor ex = MfccExtractor.create(config);
    float[] padded = ex.pad(y);
    int frames = config.frameCount(y.length);
    float[][] out = new float[frames][config.binCount()];
    MfccExtractor.Scratch s = ex.newScratch();
    for (int t = 0; t < frames; t++) {
      ex.powerFrame(padded, t * config.hopLength(), out[t], s);
    }
    return out;
  }

  /**
   * {@code librosa.feature.melspectrogram(y, sr, ...)} with the config's parameters; {@code frames x n_mels}.
   *
   * @param y mono samples
   * @param config the MFCC parameters
   * @return frames x mel bands
   */
  public static float[][] melSpectrogram(float[] y, MfccConfig config) {
    MfccExtractor ex = MfccExtractor.create(config);
    float[] padded = ex.pad(y);
    int frames = config.frameCount(y.length);
    float[][] out = new float[frames][config.nMels()];
    MfccExtractor.Scratch s = ex.newScratch();
    for (int t = 0; t < frames; t++) {
      ex.melFrame(padded, t * config.hopLength(), out[t], 0, s);
    }
    return out;
  }

  /**
   * {@code librosa.power_to_db(S, ref=ref, amin=amin, top_db=topDb)}: {@code 10 log10(max(amin, S)) -
   * 10 log10(max(amin, ref))}, then, unless {@code topDb} is NaN, {@code max(S_db, max(S_db) - topDb)} with the
   * maximum over the whole matrix. Returns a new matrix.
   *
   * @param s power values, frames x bins
   * @param ref reference power (0 dB)
   * @param amin floor applied before the logarithm
   * @param topDb dynamic range kept below the peak, or NaN for all
   * @return dB values, same shape
   * @throws IllegalArgumentException if {@code amin <= 0} or {@code topDb < 0}
   */
  public static float[][] powerToDb(float[][] s, double ref, double amin, double topDb) {
    if (!(amin > 0)) {
      throw new IllegalArgumentException("amin must be positive, got " + amin);
    }
    if (topDb < 0) {
      throw new IllegalArgumentException("topDb must be non-negative, got " + topDb);
    }
    double refDb = 10.0 * Math.log10(Math.max(amin, Math.abs(ref)));
    float[][] out = new float[s.length][];
    float max = Float.NEGATIVE_INFINITY;
    for (int t = 0; t < s.length; t++) {
      out[t] = new float[s[t].length];
      for (int i = 0; i < s[t].length; i++) {
        float v = (float) (10.0 * FastLog.log10(Math.max(amin, s[t][i])) - refDb);
        out[t][i] = v;
        max = Math.max(max, v);
      }
    }
    if (!Double.isNaN(topDb)) {
      float floor = (float) (max - topDb);
      for (float[] row : out) {
        for (int i = 0; i < row.length; i++) {
          row[i] = Math.max(row[i], floor);
        }
      }
    }
    return out;
  }
}
