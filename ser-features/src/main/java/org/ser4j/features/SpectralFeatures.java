package org.ser4j.features;

import java.util.Arrays;
import java.util.Objects;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.MfccConfig.Window;

/**
 * Frame-wise spectral and energy features matching {@code librosa.feature} 0.11: {@code rms},
 * {@code zero_crossing_rate}, {@code spectral_centroid}, {@code spectral_bandwidth}, {@code spectral_rolloff},
 * {@code spectral_flatness} and {@code spectral_contrast}. Results are {@code float[frames]} (one value per
 * frame) or {@code float[frames][bands]} (one row per frame, the transpose of librosa's arrays), for a mono
 * float signal at {@link #sampleRate()}.
 *
 * <p>The spectral features work on the magnitude spectrogram {@code |stft(y)|} (librosa's {@code power=1}),
 * framed like {@link Spectrograms} and {@link MfccExtractor}; each has an overload taking that spectrogram
 * ({@link #magnitudeSpectrogram(float[])}) so that several features can share one STFT. The STFT parameters are
 * this instance's {@link #stft()} ({@link StftConfig}, librosa's defaults unless set: n_fft 2048, hop 512, Hann,
 * centred with zero padding) at {@link #sampleRate()} (default 22050).
 *
 * <p>{@link #rms(float[])} and {@link #zeroCrossingRate(float[])} are static: they frame the waveform directly
 * ({@code frame_length} 2048, {@code hop_length} 512, centred; {@code rms} pads with zeros, {@code zero_crossing_rate}
 * repeats the edge samples, as librosa does).
 *
 * <p>The STFT runs in double precision (ser4j's own FFT for power-of-two {@code n_fft}, so that the recognizer
 * needs no JTransforms; JTransforms' {@code DoubleFFT_1D} for other sizes), as librosa's does through
 * {@code numpy.fft}, then rounds to float32 like librosa's {@code complex64} result.
 *
 * <p>Instances are immutable and thread-safe (the window and FFT plan are computed once, working buffers per
 * call). Accuracy against librosa's float32 results: within {@code 1e-4 + 1e-4 |x|} for every value but the
 * roll-off, which is within one FFT bin ({@code sr / n_fft}); see {@code SpectralFeaturesParityTest}.
 */
public final class SpectralFeatures {

  private final int sampleRate;
  private final StftConfig stft;
  private final double[] windowWeights;
  /** ser4j's double FFT for powers of two; JTransforms (optional dependency) for other sizes. */
  private final DoubleRealFft fftPlan;
  private final Object jtPlan;
  private final double[] freq;

  private SpectralFeatures(Builder b) {
    this.sampleRate = b.sampleRate;
    this.stft = b.stft;
    this.windowWeights = doubleWindow(stft.window(), stft.winLength(), stft.nFft());
    int nFft = stft.nFft();
    this.fftPlan = DoubleRealFft.supports(nFft) ? new DoubleRealFft(nFft) : null;
    this.jtPlan = fftPlan == null && nFft > 1 ? JTransformsDouble.plan(nFft) : null;
    this.freq = fftFrequencies(sampleRate, stft.nFft());
  }

  /** librosa's defaults at {@code sampleRate}: n_fft 2048, hop 512, Hann, centred with zero padding. */
  public static SpectralFeatures create(int sampleRate) {
    return builder(sampleRate).build();
  }

  /** A builder starting at librosa's defaults, with the given sample rate. */
  public static Builder builder(int sampleRate) {
    return new Builder().sampleRate(sampleRate);
  }

  /** Sample rate in Hz ({@code sr}). */
  public int sampleRate() {
    return sampleRate;
  }

  /** The STFT parameters ({@code n_fft}, {@code hop_length}, {@code win_length}, window, centring, padding). */
  public StftConfig stft() {
    return stft;
  }

  /** Number of frequency bins, {@code 1 + n_fft / 2}. */
  public int binCount() {
    return stft.binCount();
  }

  /** Frames produced for {@code n} samples; see {@link Spectrograms#frameCount(int, int, int, boolean)}. */
  public int frameCount(int n) {
    return stft.frameCount(n);
  }

  /**
   * {@code librosa.fft_frequencies(sr, n_fft)}: the centre frequency of each bin, {@code k sr / n_fft}.
   *
   * @return a new array of {@code 1 + nFft / 2} frequencies in Hz
   */
  public static double[] fftFrequencies(int sampleRate, int nFft) {
    if (sampleRate <= 0 || nFft <= 0) {
      throw new IllegalArgumentException("sampleRate and nFft must be positive, got " + sampleRate + ", " + nFft);
    }
    double[] f = new double[1 + nFft / 2];
    double val = 1.0 / (nFft * (1.0 / sampleRate));
    for (int k = 0; k < f.length; k++) {
      f[k] = k * val;
    }
    return f;
  }

  // ---------------------------------------------------------------- spectrogram

  /**
   * The magnitude spectrogram {@code abs(librosa.stft(y, n_fft, hop_length, win_length, window, center,
   * pad_mode))}, transposed.
   *
   * @return {@code float[frames][1 + nFft / 2]}
   * @throws IllegalArgumentException if {@code y} is empty, holds NaN or infinity, or is shorter than one frame
   *     without centring
   */
  public float[][] magnitudeSpectrogram(float[] y) {
    requireFinite(y);
    int frames = frameCount(y.length);
    final int nFft = stft.nFft();
    final int hopLength = stft.hopLength();
    float[] padded = Spectrograms.pad(y, nFft, stft.center(), stft.padMode());
    int bins = binCount();
    float[][] out = new float[frames][bins];
    double[] a = new double[nFft];
    for (int t = 0; t < frames; t++) {
      int off = t * hopLength;
      for (int i = 0; i < nFft; i++) {
        a[i] = padded[off + i] * windowWeights[i];
      }
      float[] row = out[t];
      if (nFft == 1) {
        row[0] = (float) Math.abs(a[0]);
        continue;
      }
      if (fftPlan != null) {
        fftPlan.realForward(a);
      } else {
        JTransformsDouble.realForward(jtPlan, a);
      }
      row[0] = Math.abs((float) a[0]);
      int half = (nFft - 1) / 2;
      int plain = (nFft & 1) == 0 ? half : half - 1;
      for (int k = 1; k <= plain; k++) {
        row[k] = (float) Math.hypot((float) a[2 * k], (float) a[2 * k + 1]);
      }
      if ((nFft & 1) == 0) {
        row[nFft / 2] = Math.abs((float) a[1]);
      } else {
        // odd n: JTransforms keeps Im of the last bin in a[1]
        row[half] = (float) Math.hypot((float) a[nFft - 1], (float) a[1]);
      }
    }
    return out;
  }

  /**
   * The window of {@link Spectrograms#window(Window, int, int)} in double precision: librosa multiplies the
   * float32 frames by a float64 window and transforms in float64 ({@code numpy.fft}), and the quietest bins,
   * which spectral contrast averages, need that precision.
   */
  private static double[] doubleWindow(Window window, int winLength, int nFft) {
    double[] w = new double[nFft];
    int lpad = (nFft - winLength) / 2;
    for (int k = 0; k < winLength; k++) {
      double c = Math.cos(2.0 * Math.PI * k / winLength);
      w[lpad + k] = window == Window.HANN ? 0.5 - 0.5 * c : window == Window.HAMMING ? 0.54 - 0.46 * c : 1.0;
    }
    return w;
  }

  // ---------------------------------------------------------------- centroid, bandwidth

  /** {@code librosa.feature.spectral_centroid(y=y, sr=sr)}: see {@link #spectralCentroid(float[][])}. */
  public float[] spectralCentroid(float[] y) {
    return spectralCentroid(magnitudeSpectrogram(y));
  }

  /**
   * {@code spectral_centroid(S=S)}: per frame, the mean of the bin frequencies weighted by the magnitudes,
   * {@code sum_k f_k S_k / sum_k S_k} (0 for a silent frame).
   *
   * @param s magnitude spectrogram, {@code float[frames][1 + nFft / 2]}
   * @throws IllegalArgumentException if a row does not have {@link #binCount()} values or a value is negative
   */
  public float[] spectralCentroid(float[][] s) {
    checkSpectrogram(s);
    float[] out = new float[s.length];
    for (int t = 0; t < s.length; t++) {
      out[t] = (float) centroid(s[t]);
    }
    return out;
  }

  private double centroid(float[] row) {
    double norm = l1(row);
    double c = 0;
    for (int k = 0; k < row.length; k++) {
      c += freq[k] * (row[k] / norm);
    }
    return c;
  }

  /** {@code sum |S|} of a frame, or 1 when below float32's smallest normal (librosa's {@code util.normalize}). */
  private static double l1(float[] row) {
    double sum = 0;
    for (float v : row) {
      sum += Math.abs(v);
    }
    return sum < Float.MIN_NORMAL ? 1.0 : sum;
  }

  /** {@code librosa.feature.spectral_bandwidth(y=y, sr=sr)} (p = 2): see {@link #spectralBandwidth(float[][], double)}. */
  public float[] spectralBandwidth(float[] y) {
    return spectralBandwidth(magnitudeSpectrogram(y));
  }

  /** {@code spectral_bandwidth(S=S)} with librosa's default p = 2. */
  public float[] spectralBandwidth(float[][] s) {
    return spectralBandwidth(s, 2.0);
  }

  /**
   * {@code spectral_bandwidth(S=S, p=p)} (norm=True): per frame {@code (sum_k S_k / sum S |f_k - centroid|^p)^(1/p)}.
   *
   * @param s magnitude spectrogram, {@code float[frames][1 + nFft / 2]}
   * @param p the order, librosa's default 2
   * @throws IllegalArgumentException if {@code p} is not positive and finite, or the spectrogram is malformed
   */
  public float[] spectralBandwidth(float[][] s, double p) {
    if (!(p > 0) || Double.isInfinite(p)) {
      throw new IllegalArgumentException("p must be positive and finite, got " + p);
    }
    checkSpectrogram(s);
    float[] out = new float[s.length];
    for (int t = 0; t < s.length; t++) {
      float[] row = s[t];
      double c = (float) centroid(row);
      double norm = l1(row);
      double sum = 0;
      for (int k = 0; k < row.length; k++) {
        double dev = Math.abs(freq[k] - c);
        sum += (row[k] / norm) * (p == 2.0 ? dev * dev : Math.pow(dev, p));
      }
      out[t] = (float) (p == 2.0 ? Math.sqrt(sum) : Math.pow(sum, 1.0 / p));
    }
    return out;
  }

  // ---------------------------------------------------------------- rolloff

  /** {@code librosa.feature.spectral_rolloff(y=y, sr=sr)} (roll_percent 0.85). */
  public float[] spectralRolloff(float[] y) {
    return spectralRolloff(magnitudeSpectrogram(y));
  }

  /** {@code spectral_rolloff(S=S)} with librosa's default roll_percent 0.85. */
  public float[] spectralRolloff(float[][] s) {
    return spectralRolloff(s, 0.85);
  }

  /**
   * {@code spectral_rolloff(S=S, roll_percent=rollPercent)}: per frame, the lowest bin frequency at which the
   * cumulative magnitude reaches {@code rollPercent} of the frame's total (0 for a silent frame).
   *
   * @param rollPercent in (0, 1), librosa's default 0.85
   * @throws IllegalArgumentException if {@code rollPercent} is outside (0, 1) or the spectrogram is malformed
   */
  public float[] spectralRolloff(float[][] s, double rollPercent) {
    if (!(rollPercent > 0 && rollPercent < 1)) {
      throw new IllegalArgumentException("rollPercent (roll_percent) must lie in (0, 1), got " + rollPercent);
    }
    checkSpectrogram(s);
    float[] out = new float[s.length];
    float[] cum = new float[binCount()];
    float pct = (float) rollPercent;
    for (int t = 0; t < s.length; t++) {
      float[] row = s[t];
      // float32 running sum, as numpy's cumsum of librosa's float32 spectrogram
      float acc = 0f;
      for (int k = 0; k < row.length; k++) {
        acc += row[k];
        cum[k] = acc;
      }
      float threshold = pct * acc;
      int k = 0;
      while (k < row.length - 1 && cum[k] < threshold) {
        k++;
      }
      out[t] = (float) freq[k];
    }
    return out;
  }

  // ---------------------------------------------------------------- flatness

  /** {@code librosa.feature.spectral_flatness(y=y)} (amin 1e-10, power 2). */
  public float[] spectralFlatness(float[] y) {
    return spectralFlatness(magnitudeSpectrogram(y));
  }

  /** {@code spectral_flatness(S=S)} with librosa's defaults amin 1e-10, power 2. */
  public float[] spectralFlatness(float[][] s) {
    return spectralFlatness(s, 1e-10, 2.0);
  }

  /**
   * {@code spectral_flatness(S=S, amin=amin, power=power)}: per frame the geometric over the arithmetic mean of
   * {@code max(amin, S^power)}, in [0, 1] (1 for white noise and for a silent frame).
   *
   * @param amin floor, librosa's default 1e-10
   * @param power exponent applied to the magnitudes, librosa's default 2 (power spectrum)
   * @throws IllegalArgumentException if {@code amin} or {@code power} is not positive and finite
   */
  public float[] spectralFlatness(float[][] s, double amin, double power) {
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new IllegalArgumentException("amin must be positive and finite, got " + amin);
    }
    if (!(power > 0) || Double.isInfinite(power)) {
      throw new IllegalArgumentException("power must be positive and finite, got " + power);
    }
    checkSpectrogram(s);
    float[] out = new float[s.length];
    for (int t = 0; t < s.length; t++) {
      float[] row = s[t];
      double logSum = 0;
      double sum = 0;
      for (float v : row) {
        double x = Math.max(amin, power == 2.0 ? (double) v * v : Math.pow(v, power));
        logSum += Math.log(x);
        sum += x;
      }
      out[t] = (float) (Math.exp(logSum / row.length) / (sum / row.length));
    }
    return out;
  }

  // ---------------------------------------------------------------- contrast

  /** {@code librosa.feature.spectral_contrast(y=y, sr=sr)} (fmin 200, 6 bands, quantile 0.02, in dB). */
  public float[][] spectralContrast(float[] y) {
    return spectralContrast(magnitudeSpectrogram(y));
  }

  /** {@code spectral_contrast(S=S, sr=sr)} with librosa's defaults fmin 200, 6 bands, quantile 0.02, in dB. */
  public float[][] spectralContrast(float[][] s) {
    return spectralContrast(s, 200.0, 6, 0.02, false);
  }

  /**
   * {@code spectral_contrast(S=S, fmin=fmin, n_bands=nBands, quantile=quantile, linear=linear)}: per frame and
   * octave band ({@code [0, fmin]}, {@code [fmin, 2 fmin]}, ..., the last band extended to Nyquist), the
   * difference between the mean of the top and of the bottom {@code quantile} of the band's magnitudes; in dB
   * ({@code power_to_db} of peak minus of valley, each with librosa's defaults ref 1, amin 1e-10, top_db 80 over
   * the whole clip) unless {@code linear}.
   *
   * @return {@code float[frames][nBands + 1]}
   * @throws IllegalArgumentException if {@code fmin <= 0}, {@code nBands < 1}, {@code quantile} is outside
   *     (0, 1), a band starts at or above Nyquist, a band has no FFT bin, or the spectrogram is malformed
   */
  public float[][] spectralContrast(float[][] s, double fmin, int nBands, double quantile, boolean linear) {
    if (!(fmin > 0) || Double.isInfinite(fmin)) {
      throw new IllegalArgumentException("fmin must be positive and finite, got " + fmin);
    }
    if (nBands < 1) {
      throw new IllegalArgumentException("nBands (n_bands) must be a positive integer, got " + nBands);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must lie in (0, 1), got " + quantile);
    }
    checkSpectrogram(s);
    double[] octa = new double[nBands + 2];
    for (int i = 1; i < octa.length; i++) {
      octa[i] = fmin * Math.pow(2.0, i - 1);
    }
    for (int i = 0; i < octa.length - 1; i++) {
      if (octa[i] >= 0.5 * sampleRate) {
        throw new IllegalArgumentException("Frequency band exceeds Nyquist: band " + i + " starts at " + octa[i]
            + " Hz >= sr / 2 = " + (0.5 * sampleRate) + " Hz. Reduce either fmin or nBands (n_bands).");
      }
    }
    int bins = binCount();
    // per band: first and last bin used, and how many values to average at each end
    int[] from = new int[nBands + 1];
    int[] to = new int[nBands + 1];
    int[] take = new int[nBands + 1];
    for (int b = 0; b <= nBands; b++) {
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        if (freq[k] >= octa[b] && freq[k] <= octa[b + 1]) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        throw new IllegalArgumentException("spectral contrast band " + b + " [" + octa[b] + ", " + octa[b + 1]
            + "] Hz holds no FFT bin at n_fft=" + stft.nFft() + ", sr=" + sampleRate + "; increase nFft or fmin");
      }
      int lo = b > 0 ? Math.max(first - 1, 0) : first;
      int hi = b == nBands ? bins - 1 : last;
      int count = 0;
      for (int k = 0; k < bins; k++) {
        boolean in = (freq[k] >= octa[b] && freq[k] <= octa[b + 1]) || (b > 0 && k == first - 1)
            || (b == nBands && k > last);
        if (in) {
          count++;
        }
      }
      from[b] = lo;
      to[b] = b < nBands ? hi - 1 : hi; // librosa drops the top bin of every band but the last
      take[b] = Math.max((int) Math.rint(quantile * count), 1);
    }
    int frames = s.length;
    double[][] peak = new double[frames][nBands + 1];
    double[][] valley = new double[frames][nBands + 1];
    float[] sub = new float[bins];
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b <= nBands; b++) {
        int n = to[b] - from[b] + 1;
        System.arraycopy(s[t], from[b], sub, 0, n);
        Arrays.sort(sub, 0, n);
        int q = Math.min(take[b], n);
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < q; i++) {
          lo += sub[i];
          hi += sub[n - 1 - i];
        }
        valley[t][b] = lo / q;
        peak[t][b] = hi / q;
      }
    }
    float[][] out = new float[frames][nBands + 1];
    if (linear) {
      for (int t = 0; t < frames; t++) {
        for (int b = 0; b <= nBands; b++) {
          out[t][b] = (float) (peak[t][b] - valley[t][b]);
        }
      }
      return out;
    }
    toDb(peak);
    toDb(valley);
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b <= nBands; b++) {
        out[t][b] = (float) (peak[t][b] - valley[t][b]);
      }
    }
    return out;
  }

  /** In place {@code power_to_db(m)} with ref 1, amin 1e-10, top_db 80 over the whole matrix. */
  private static void toDb(double[][] m) {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : m) {
      for (int i = 0; i < row.length; i++) {
        row[i] = 10.0 * Math.log10(Math.max(1e-10, row[i]));
        max = Math.max(max, row[i]);
      }
    }
    double floor = max - 80.0;
    for (double[] row : m) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.max(row[i], floor);
      }
    }
  }

  private void checkSpectrogram(float[][] s) {
    Objects.requireNonNull(s, "S");
    int bins = binCount();
    for (int t = 0; t < s.length; t++) {
      float[] row = s[t];
      if (row == null || row.length != bins) {
        throw new IllegalArgumentException("spectrogram frame " + t + " has " + (row == null ? "no" : row.length)
            + " values; expected 1 + n_fft / 2 = " + bins + " (n_fft=" + stft.nFft() + ")");
      }
      for (float v : row) {
        if (!(v >= 0)) {
          throw new IllegalArgumentException("spectrogram frame " + t + " holds " + v
              + ": spectral features are defined only for non-negative, non-NaN magnitudes");
        }
      }
    }
  }

  /**
   * librosa's {@code util.valid_audio}: rejects a signal holding NaN or infinity, naming the first such sample.
   */
  static void requireFinite(float[] y) {
    Objects.requireNonNull(y, "y");
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        throw new IllegalArgumentException("audio buffer is not finite everywhere: sample " + i + " is " + y[i]);
      }
    }
  }

  // ---------------------------------------------------------------- time-domain features

  /** {@code librosa.feature.rms(y=y)}: frame length 2048, hop 512, centred with zero padding. */
  public static float[] rms(float[] y) {
    return rms(y, 2048, 512, true);
  }

  /**
   * {@code librosa.feature.rms(y=y, frame_length=frameLength, hop_length=hopLength, center=center)}: per frame
   * {@code sqrt(mean(x^2))}; when centred the signal is padded with {@code frameLength / 2} zeros on both sides.
   *
   * @throws IllegalArgumentException if {@code y} is empty or not finite everywhere, a size is not positive, or
   *     the (padded) signal is shorter than one frame
   */
  public static float[] rms(float[] y, int frameLength, int hopLength, boolean center) {
    requireFinite(y);
    int frames = Spectrograms.frameCount(y.length, frameLength, hopLength, center);
    float[] padded = Spectrograms.pad(y, frameLength, center, PadMode.CONSTANT);
    float[] out = new float[frames];
    for (int t = 0; t < frames; t++) {
      int off = t * hopLength;
      double sum = 0;
      for (int i = 0; i < frameLength; i++) {
        double v = padded[off + i];
        sum += v * v;
      }
      out[t] = (float) Math.sqrt(sum / frameLength);
    }
    return out;
  }

  /** {@code librosa.feature.zero_crossing_rate(y)}: frame length 2048, hop 512, centred (edge padding). */
  public static float[] zeroCrossingRate(float[] y) {
    return zeroCrossingRate(y, 2048, 512, true);
  }

  /**
   * {@code librosa.feature.zero_crossing_rate(y, frame_length=frameLength, hop_length=hopLength, center=center)}:
   * per frame the number of sign changes between consecutive samples, divided by {@code frameLength}. Samples
   * within {@code 1e-10} of zero count as zero and zero counts as positive (librosa's {@code zero_crossings}
   * defaults); when centred the signal is extended by repeating its first and last sample
   * ({@code numpy.pad(mode='edge')}).
   *
   * @throws IllegalArgumentException if {@code y} is empty or not finite everywhere, a size is not positive, or
   *     the (padded) signal is shorter than one frame
   */
  public static float[] zeroCrossingRate(float[] y, int frameLength, int hopLength, boolean center) {
    requireFinite(y);
    int frames = Spectrograms.frameCount(y.length, frameLength, hopLength, center);
    int pad = center ? frameLength / 2 : 0;
    int n = y.length;
    // negative[i]: the padded sample i is below -threshold (signbit after clipping near-zeros to +0)
    boolean[] negative = new boolean[n + 2 * pad];
    float threshold = 1e-10f;
    for (int i = 0; i < negative.length; i++) {
      int src = Math.min(Math.max(i - pad, 0), n - 1);
      negative[i] = y[src] < -threshold;
    }
    float[] out = new float[frames];
    for (int t = 0; t < frames; t++) {
      int off = t * hopLength;
      int count = 0;
      for (int i = 1; i < frameLength; i++) {
        if (negative[off + i] != negative[off + i - 1]) {
          count++;
        }
      }
      out[t] = (float) ((double) count / frameLength);
    }
    return out;
  }

  /** Mutable builder of {@link SpectralFeatures}; starts at librosa's defaults. Not thread-safe. */
  public static final class Builder {
    private int sampleRate = 22050;
    private StftConfig stft = StftConfig.defaults();

    private Builder() {}

    /** Sample rate in Hz ({@code sr}, default 22050). */
    public Builder sampleRate(int sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    /** The STFT parameters (default {@link StftConfig#defaults()}: librosa's). */
    public Builder stft(StftConfig stft) {
      this.stft = Objects.requireNonNull(stft, "stft");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if the sample rate is not positive
     */
    public SpectralFeatures build() {
      if (sampleRate <= 0) {
        throw new IllegalArgumentException("sampleRate (sr) must be positive, got " + sampleRate);
      }
      return new SpectralFeatures(this);
    }
  }
}
