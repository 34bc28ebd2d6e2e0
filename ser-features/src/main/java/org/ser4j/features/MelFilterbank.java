package org.ser4j.features;

import java.util.Arrays;
import java.util.Objects;
import org.ser4j.features.MfccConfig.MelNorm;
import org.ser4j.features.MfccConfig.MelScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mel filterbank exactly as {@code librosa.filters.mel} builds it (float32 weights), stored sparsely: for
 * each band, its first non-zero FFT bin and the run of weights from there to its last non-zero bin.
 *
 * <p>Construction follows librosa step by step: FFT bin frequencies {@code k * sr / n_fft}
 * ({@code numpy.fft.rfftfreq}), {@code n_mels + 2} points evenly spaced on the mel scale between
 * {@code fmin} and {@code fmax} (Slaney's scale is linear at 200/3 Hz per mel below 1000 Hz and logarithmic
 * with step {@code ln(6.4) / 27} above; HTK's is {@code 2595 log10(1 + f / 700)}), triangles
 * {@code max(0, min(lower, upper))}, then the optional Slaney area normalisation {@code 2 / (f[i+2] - f[i])}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MelFilterbank {

  private static final Logger LOG = LoggerFactory.getLogger(MelFilterbank.class);

  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOG_STEP = Math.log(6.4) / 27.0;

  private final int nFft;
  private final int nMels;
  /** First non-zero bin of each band. */
  final int[] first;
  /** Band b's weights are flat[offsets[b] .. offsets[b + 1]). */
  final int[] offsets;
  final float[] flat;

  private MelFilterbank(int nFft, int[] first, float[][] weights) {
    this.nFft = nFft;
    this.nMels = first.length;
    this.first = first;
    this.offsets = new int[nMels + 1];
    for (int b = 0; b < nMels; b++) {
      offsets[b + 1] = offsets[b] + weights[b].length;
    }
    this.flat = new float[offsets[nMels]];
    for (int b = 0; b < nMels; b++) {
      System.arraycopy(weights[b], 0, flat, offsets[b], weights[b].length);
    }
  }

  /**
   * The filterbank of a config ({@code filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm)}).
   *
   * @param config the MFCC parameters (rate, n_fft, bands, range, scale, norm)
   * @return the filterbank
   */
  public static MelFilterbank of(MfccConfig config) {
    return create(config.sampleRate(), config.nFft(), config.nMels(), config.fmin(), config.fmax(),
        config.melScale(), config.melNorm());
  }

  /**
   * {@code librosa.filters.mel(sr=sampleRate, n_fft=nFft, n_mels=nMels, fmin=fmin, fmax=fmax, htk=..., norm=...)}.
   *
   * @param sampleRate the signal's rate in Hz
   * @param nFft the FFT size
   * @param nMels number of bands
   * @param fmin lowest frequency in Hz
   * @param fmax highest frequency in Hz
   * @param scale the mel scale (Slaney or HTK)
   * @param norm the band normalisation
   * @return the filterbank
   * @throws IllegalArgumentException if a size is not positive or {@code fmin >= fmax}
   */
  public static MelFilterbank create(int sampleRate, int nFft, int nMels, double fmin, double fmax,
      MelScale scale, MelNorm norm) {
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(norm, "norm");
    if (sampleRate <= 0 || nFft <= 0 || nMels <= 0) {
      throw new IllegalArgumentException("sampleRate, nFft and nMels must be positive, got " + sampleRate + ", "
          + nFft + ", " + nMels);
    }
    if (!(fmin >= 0) || !(fmax > fmin)) {
      throw new IllegalArgumentException("need 0 <= fmin < fmax, got fmin=" + fmin + ", fmax=" + fmax);
    }
    int bins = 1 + nFft / 2;
    // numpy.fft.rfftfreq(n_fft, d=1/sr)
    double d = 1.0 / sampleRate;
    double val = 1.0 / (nFft * d);
    double[] fftFreqs = new double[bins];
    for (int k = 0; k < bins; k++) {
      fftFreqs[k] = k * val;
    }
    // mel_frequencies(n_mels + 2, fmin, fmax, htk): numpy.linspace on the mel scale
    int nPts = nMels + 2;
    double minMel = hzToMel(fmin, scale);
    double maxMel = hzToMel(fmax, scale);
    double step = (maxMel - minMel) / (nPts - 1);
    double[] melF = new double[nPts];
    for (int i = 0; i < nPts; i++) {
      melF[i] = melToHz(i * step + minMel, scale);
    }
    melF[nPts - 1] = melToHz(maxMel, scale);
    int[] first = new int[nMels];
    float[][] weights = new float[nMels][];
    float[] row = new float[bins];
    int empty = 0;
    for (int i = 0; i < nMels; i++) {
      double fdiffLo = melF[i + 1] - melF[i];
      double fdiffHi = melF[i + 2] - melF[i + 1];
      double enorm = 2.0 / (melF[i + 2] - melF[i]);
      int lo = -1;
      int hi = -1;
      for (int k = 0; k < bins; k++) {
        double lower = -(melF[i] - fftFreqs[k]) / fdiffLo;
        double upper = (melF[i + 2] - fftFreqs[k]) / fdiffHi;
        float w = (float) Math.max(0.0, Math.min(lower, upper));
        if (norm == MelNorm.SLANEY) {
          w = (float) (w * enorm);
        }
        row[k] = w;
        if (w != 0f) {
          if (lo < 0) {
            lo = k;
          }
          hi = k;
        }
      }
      if (lo < 0) {
        empty++;
        first[i] = 0;
        weights[i] = new float[0];
      } else {
        first[i] = lo;
        weights[i] = Arrays.copyOfRange(row, lo, hi + 1);
      }
    }
    if (empty > 0) {
      LOG.warn("Empty filters detected in mel frequency basis: {} of {} bands have no FFT bin "
          + "(n_mels={} too high for n_fft={}, sr={})", empty, nMels, nMels, nFft, sampleRate);
    }
    return new MelFilterbank(nFft, first, weights);
  }

  /**
   * {@code librosa.hz_to_mel(hz, htk)} for one frequency.
   *
   * @param hz a frequency in Hz
   * @param scale the mel scale
   * @return the same frequency in mels
   */
  public static double hzToMel(double hz, MelScale scale) {
    if (scale == MelScale.HTK) {
      return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }
    if (hz >= MIN_LOG_HZ) {
      return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }
    return hz / F_SP;
  }

  /**
   * {@code librosa.mel_to_hz(mel, htk)} for one value.
   *
   * @param mel a frequency in mels
   * @param scale the mel scale
   * @return the same frequency in Hz
   */
  public static double melToHz(double mel, MelScale scale) {
    if (scale == MelScale.HTK) {
      return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }
    if (mel >= MIN_LOG_MEL) {
      return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }
    return F_SP * mel;
  }

  /** {@return number of mel bands (rows)} */
  public int bandCount() {
    return nMels;
  }

  /** {@return number of FFT bins (columns), {@code 1 + n_fft / 2}} */
  public int binCount() {
    return 1 + nFft / 2;
  }

  /** {@return the FFT size the filterbank was made for} */
  public int nFft() {
    return nFft;
  }

  /**
   * First bin with a non-zero weight in {@code band} (0 for an empty band).
   *
   * @param band band index
   * @return the bin
   */
  public int firstBin(int band) {
    return first[band];
  }

  /**
   * The band's weights from {@link #firstBin(int)} to its last non-zero bin (a copy; empty for an empty band).
   *
   * @param band band index
   * @return the weights
   */
  public float[] weights(int band) {
    return Arrays.copyOfRange(flat, offsets[band], offsets[band + 1]);
  }

  /** {@return number of non-zero weights over all bands (the multiply-adds one {@link #apply} costs)} */
  public int nonZeroCount() {
    return flat.length;
  }

  /** {@return the dense {@code n_mels x (1 + n_fft / 2)} matrix, as {@code librosa.filters.mel} returns it} */
  public float[][] toDense() {
    float[][] m = new float[nMels][binCount()];
    for (int b = 0; b < nMels; b++) {
      System.arraycopy(flat, offsets[b], m[b], first[b], offsets[b + 1] - offsets[b]);
    }
    return m;
  }

  /**
   * Applies the filterbank to one spectrum: {@code mel[outOffset + b] = sum_k W[b][k] spectrum[specOffset + k]}.
   * Touches only the non-zero weights.
   *
   * @param spectrum a power spectrum
   * @param specOffset index of FFT bin 0 in {@code spectrum}
   * @param mel receives one value per band
   * @param outOffset index of band 0 in {@code mel}
   */
  public void apply(float[] spectrum, int specOffset, float[] mel, int outOffset) {
    apply(spectrum, specOffset, mel, outOffset, 1);
  }

  /** {@link #apply(float[], int, float[], int)} writing band {@code b} to {@code mel[outOffset + b * stride]}. */
  void apply(float[] spectrum, int specOffset, float[] mel, int outOffset, int stride) {
    final float[] w = flat;
    for (int b = 0; b < nMels; b++) {
      int j = offsets[b];
      final int end = offsets[b + 1];
      int x = specOffset + first[b] - j;
      // four independent accumulators: a single one makes the loop latency-bound
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (; j + 3 < end; j += 4) {
        s0 += w[j] * spectrum[x + j];
        s1 += w[j + 1] * spectrum[x + j + 1];
        s2 += w[j + 2] * spectrum[x + j + 2];
        s3 += w[j + 3] * spectrum[x + j + 3];
      }
      for (; j < end; j++) {
        s0 += w[j] * spectrum[x + j];
      }
      mel[outOffset + b * stride] = (s0 + s1) + (s2 + s3);
    }
  }
}
