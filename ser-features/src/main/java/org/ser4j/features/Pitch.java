package org.ser4j.features;

import java.util.Objects;
import org.apache.commons.math3.special.Beta;
import org.ser4j.features.MfccConfig.PadMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fundamental-frequency (F0) estimation matching librosa 0.11: {@link #yin(float[])} ({@code librosa.yin}) and
 * {@link #pyin(float[])} ({@code librosa.pyin}, probabilistic YIN with Viterbi decoding over pitch bins and a
 * voiced/unvoiced state). One value per frame of {@code frame_length} samples every {@code hop_length}, for a
 * mono float signal at {@link #sampleRate()}.
 *
 * <p>Parameters (librosa's names and defaults; {@code fmin} and {@code fmax} have no default, e.g.
 * {@code note_to_hz('C2')} = 65.406 and {@code note_to_hz('C7')} = 2093.0):
 * <table>
 *   <caption>parameters and librosa defaults</caption>
 *   <tr><th>parameter</th><th>librosa name</th><th>default</th></tr>
 *   <tr><td>{@link #frameLength()}</td><td>{@code frame_length}</td><td>2048</td></tr>
 *   <tr><td>{@link #hopLength()}</td><td>{@code hop_length}</td><td>{@code frame_length / 4}</td></tr>
 *   <tr><td>{@link #troughThreshold()}</td><td>{@code trough_threshold} (yin)</td><td>0.1</td></tr>
 *   <tr><td>{@link #center()}, {@link #padMode()}</td><td>{@code center}, {@code pad_mode}</td><td>true,
 *       {@link PadMode#CONSTANT}</td></tr>
 *   <tr><td>{@link Builder#nThresholds(int)}</td><td>{@code n_thresholds}</td><td>100</td></tr>
 *   <tr><td>{@link Builder#betaParameters(double, double)}</td><td>{@code beta_parameters}</td><td>(2, 18)</td></tr>
 *   <tr><td>{@link Builder#boltzmannParameter(double)}</td><td>{@code boltzmann_parameter}</td><td>2</td></tr>
 *   <tr><td>{@link Builder#resolution(double)}</td><td>{@code resolution} (semitones)</td><td>0.1</td></tr>
 *   <tr><td>{@link Builder#maxTransitionRate(double)}</td><td>{@code max_transition_rate} (octaves/s)</td>
 *       <td>35.92</td></tr>
 *   <tr><td>{@link Builder#switchProb(double)}</td><td>{@code switch_prob}</td><td>0.01</td></tr>
 *   <tr><td>{@link Builder#noTroughProb(double)}</td><td>{@code no_trough_prob}</td><td>0.01</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe; build one per sample rate and reuse it (pyin's transition model is
 * computed on first use and shared). pyin's Viterbi decoding uses the band structure of the transition matrix:
 * {@code O(frames n_pitch_bins width)} rather than librosa's {@code O(frames n_pitch_bins^2)}, same path.
 *
 * <p>Accuracy against librosa (golden files, see {@code PitchParityTest}): yin within 0.1% on at least 98% of
 * frames; pyin's voiced flag agrees on at least 97% of frames and its F0 is within 1% on at least 97% of the
 * frames both call voiced.
 */
public final class Pitch {

  private static final Logger LOG = LoggerFactory.getLogger(Pitch.class);
  /** numpy's {@code finfo(float64).tiny}, librosa's {@code util.tiny} of a float64 array. */
  private static final double TINY = Double.MIN_NORMAL;
  /** {@code log(0 + tiny)}: the log transition probability outside pyin's band. */
  private static final double LOG_TINY = Math.log(TINY);

  private final int sampleRate;
  private final double fmin;
  private final double fmax;
  private final int frameLength;
  private final int hopLength;
  private final double troughThreshold;
  private final boolean center;
  private final PadMode padMode;
  private final int nThresholds;
  private final double betaA;
  private final double betaB;
  private final double boltzmannParameter;
  private final double resolution;
  private final double maxTransitionRate;
  private final double switchProb;
  private final double noTroughProb;

  private final int minPeriod;
  private final int maxPeriod;
  private final int fftSize;
  private final DoubleRealFft fft;
  private final double[] thresholds;
  /** pyin's beta prior over thresholds: computed on first use (commons-math3 is needed by pyin only). */
  private volatile double[] betaProbs;
  private final int binsPerSemitone;
  private final int nPitchBins;
  private volatile Transitions transitions;

  private Pitch(Builder b) {
    this.sampleRate = b.sampleRate;
    this.fmin = b.fmin;
    this.fmax = b.fmax;
    this.frameLength = b.frameLength;
    this.hopLength = b.hopLength != null ? b.hopLength : b.frameLength / 4;
    this.troughThreshold = b.troughThreshold;
    this.center = b.center;
    this.padMode = b.padMode;
    this.nThresholds = b.nThresholds;
    this.betaA = b.betaA;
    this.betaB = b.betaB;
    this.boltzmannParameter = b.boltzmannParameter;
    this.resolution = b.resolution;
    this.maxTransitionRate = b.maxTransitionRate;
    this.switchProb = b.switchProb;
    this.noTroughProb = b.noTroughProb;

    this.minPeriod = (int) Math.floor(sampleRate / fmax);
    this.maxPeriod = Math.min((int) Math.ceil(sampleRate / fmin), frameLength - 1);
    int n = 1;
    while (n < 2 * frameLength - 1) {
      n <<= 1;
    }
    this.fftSize = n;
    this.fft = new DoubleRealFft(n); // n is a power of two: no JTransforms needed

    this.thresholds = new double[nThresholds + 1];
    double step = 1.0 / nThresholds;
    for (int i = 0; i < nThresholds; i++) {
      thresholds[i] = i * step;
    }
    thresholds[nThresholds] = 1.0;
    this.binsPerSemitone = (int) Math.ceil(1.0 / resolution);
    this.nPitchBins = (int) Math.floor(12 * binsPerSemitone * log2(fmax / fmin)) + 1;
    if (sampleRate / fmin >= frameLength / 2) {
      LOG.warn("With fmin={}, sr={} and frame_length={}, less than two periods of fmin fit into the frame, which can"
          + " cause inaccurate pitch detection. Consider increasing fmin to {} or frame_length to {}.", fmin,
          sampleRate, frameLength, sampleRate / (frameLength / 2.0), (int) (Math.ceil(sampleRate / fmin) * 2 + 1));
    }
  }

  /**
   * A builder with librosa's defaults for everything but the required sample rate and search range.
   *
   * @param sampleRate the signal's rate in Hz ({@code sr})
   * @param fmin lowest frequency searched, Hz ({@code fmin}, e.g. 65.406 for C2)
   * @param fmax highest frequency searched, Hz ({@code fmax}, e.g. 2093.0 for C7)
   */
  public static Builder builder(int sampleRate, double fmin, double fmax) {
    return new Builder(sampleRate, fmin, fmax);
  }

  /** librosa's defaults at {@code sampleRate} with the search range {@code [fmin, fmax]}; see {@link #builder}. */
  public static Pitch create(int sampleRate, double fmin, double fmax) {
    return builder(sampleRate, fmin, fmax).build();
  }

  /** Sample rate in Hz. */
  public int sampleRate() {
    return sampleRate;
  }

  /** Lowest frequency searched, Hz. */
  public double fmin() {
    return fmin;
  }

  /** Highest frequency searched, Hz. */
  public double fmax() {
    return fmax;
  }

  /** Frame length in samples ({@code frame_length}). */
  public int frameLength() {
    return frameLength;
  }

  /** Hop between frames in samples ({@code hop_length}). */
  public int hopLength() {
    return hopLength;
  }

  /** yin's absolute threshold on the normalised difference ({@code trough_threshold}). */
  public double troughThreshold() {
    return troughThreshold;
  }

  /** Whether frames are centred on {@code t * hop_length}. */
  public boolean center() {
    return center;
  }

  /** Padding when centred. */
  public PadMode padMode() {
    return padMode;
  }

  /** Number of pitch bins of pyin's hidden Markov model, {@code floor(12 / resolution log2(fmax / fmin)) + 1}. */
  public int pitchBinCount() {
    return nPitchBins;
  }

  /** Frames produced for {@code n} samples (as {@link Spectrograms#frameCount} with {@code n_fft = frame_length}). */
  public int frameCount(int n) {
    return Spectrograms.frameCount(n, frameLength, hopLength, center);
  }

  // ---------------------------------------------------------------- yin

  /**
   * {@code librosa.yin(y, fmin=fmin, fmax=fmax, sr=sr, ...)}: per frame, the smallest period whose cumulative
   * mean normalised difference is a local minimum below {@link #troughThreshold()} (the global minimum if none
   * is), refined by parabolic interpolation, as a frequency in Hz.
   *
   * @return F0 in Hz per frame, always within about {@code [fmin, fmax]}
   * @throws IllegalArgumentException if {@code y} is empty, holds NaN or infinity, or is shorter than one frame
   *     without centring
   */
  public float[] yin(float[] y) {
    return yin(y, null);
  }

  /**
   * {@link #yin(float[])}, also writing each frame's aperiodicity (the cumulative mean normalised difference at
   * the chosen period, 0 for a perfectly periodic frame, about 1 for noise) into {@code aperiodicity} when it is
   * not null; a voicing decision for callers that cannot afford pyin.
   */
  float[] yin(float[] y, float[] aperiodicity) {
    SpectralFeatures.requireFinite(y);
    int frames = frameCount(y.length);
    float[] padded = Spectrograms.pad(y, frameLength, center, padMode);
    Work w = new Work();
    float[] out = new float[frames];
    for (int t = 0; t < frames; t++) {
      double[] yinFrame = w.cmnd(padded, t * hopLength);
      double[] shifts = w.shifts(yinFrame);
      int len = yinFrame.length;
      int period = -1;
      int globalMin = 0;
      for (int i = 0; i < len; i++) {
        if (yinFrame[i] < yinFrame[globalMin]) {
          globalMin = i;
        }
        if (period < 0 && yinFrame[i] < troughThreshold && isTrough(yinFrame, i)) {
          period = i;
        }
      }
      if (period < 0) {
        period = globalMin;
      }
      out[t] = (float) (sampleRate / (minPeriod + period + shifts[period]));
      if (aperiodicity != null) {
        aperiodicity[t] = (float) yinFrame[period];
      }
    }
    return out;
  }

  /** librosa's {@code util.localmin} with the first element's special case of yin and pyin. */
  private static boolean isTrough(double[] x, int i) {
    int n = x.length;
    if (i == 0) {
      return n > 1 && x[0] < x[1];
    }
    if (i == n - 1) {
      return x[i] < x[i - 1];
    }
    return x[i] < x[i - 1] && x[i] <= x[i + 1];
  }

  // ---------------------------------------------------------------- pyin

  /**
   * {@code librosa.pyin(y, fmin=fmin, fmax=fmax, sr=sr, ...)}: YIN candidates weighted by a beta prior over
   * thresholds, decoded by Viterbi over {@link #pitchBinCount()} voiced pitch bins ({@code resolution} semitones
   * apart, from {@code fmin}) and as many unvoiced states.
   *
   * @return F0 (NaN where unvoiced), voiced flag and voiced probability per frame
   * @throws IllegalArgumentException if {@code y} is empty, holds NaN or infinity, or is shorter than one frame
   *     without centring
   */
  public PitchTrack pyin(float[] y) {
    SpectralFeatures.requireFinite(y);
    int frames = frameCount(y.length);
    float[] padded = Spectrograms.pad(y, frameLength, center, padMode);
    Work w = new Work();
    int states = 2 * nPitchBins;
    double[][] logObs = new double[frames][];
    float[] voicedProb = new float[frames];
    for (int t = 0; t < frames; t++) {
      double[] yinFrame = w.cmnd(padded, t * hopLength);
      double[] shifts = w.shifts(yinFrame);
      double[] obs = new double[states];
      double vp = observe(yinFrame, shifts, obs);
      voicedProb[t] = (float) vp;
      for (int s = 0; s < states; s++) {
        obs[s] = Math.log(obs[s] + TINY);
      }
      logObs[t] = obs;
    }
    int[] path = viterbi(logObs, transitions());
    float[] f0 = new float[frames];
    boolean[] voiced = new boolean[frames];
    for (int t = 0; t < frames; t++) {
      voiced[t] = path[t] < nPitchBins;
      f0[t] = voiced[t]
          ? (float) (fmin * Math.pow(2.0, (path[t] % nPitchBins) / (12.0 * binsPerSemitone)))
          : Float.NaN;
    }
    return new PitchTrack(f0, voiced, voicedProb);
  }

  /**
   * One frame of librosa's {@code __pyin_helper}: fills {@code obs} (voiced bins then unvoiced states) and
   * returns the voiced probability.
   */
  private double observe(double[] yinFrame, double[] shifts, double[] obs) {
    double[] betaProbs = betaProbs();
    int len = yinFrame.length;
    int[] troughs = new int[len];
    int nTroughs = 0;
    for (int i = 0; i < len; i++) {
      if (isTrough(yinFrame, i)) {
        troughs[nTroughs++] = i;
      }
    }
    if (nTroughs > 0) {
      double[] probs = new double[nTroughs];
      int[] below = new int[nThresholds];
      // per threshold, troughs below it are ranked in period order; the prior weights rank r with a
      // Boltzmann pmf over the troughs below that threshold
      for (int t = 0; t < nThresholds; t++) {
        double thr = thresholds[t + 1];
        int count = 0;
        for (int j = 0; j < nTroughs; j++) {
          if (yinFrame[troughs[j]] < thr) {
            count++;
          }
        }
        below[t] = count;
      }
      for (int t = 0; t < nThresholds; t++) {
        if (below[t] == 0) {
          continue;
        }
        double thr = thresholds[t + 1];
        int rank = 0;
        for (int j = 0; j < nTroughs; j++) {
          if (yinFrame[troughs[j]] < thr) {
            probs[j] += boltzmannPmf(rank, boltzmannParameter, below[t]) * betaProbs[t];
            rank++;
          }
        }
      }
      int globalMin = 0;
      for (int j = 1; j < nTroughs; j++) {
        if (yinFrame[troughs[j]] < yinFrame[troughs[globalMin]]) {
          globalMin = j;
        }
      }
      double hMin = yinFrame[troughs[globalMin]];
      double noTrough = 0;
      for (int t = 0; t < nThresholds; t++) {
        if (!(hMin < thresholds[t + 1])) {
          noTrough += betaProbs[t];
        }
      }
      probs[globalMin] += noTroughProb * noTrough;

      // candidates in period order; a later one overwrites an earlier one in the same bin (numpy's assignment)
      double binsPerOctave = 12.0 * binsPerSemitone;
      for (int j = 0; j < nTroughs; j++) {
        if (probs[j] == 0) {
          continue;
        }
        int i = troughs[j];
        double f0 = sampleRate / (minPeriod + i + shifts[i]);
        double bin = Math.rint(binsPerOctave * log2(f0 / fmin));
        int b = (int) Math.max(0, Math.min(nPitchBins, bin));
        obs[b] = probs[j];
      }
    }
    double voiced = 0;
    for (int b = 0; b < nPitchBins; b++) {
      voiced += obs[b];
    }
    voiced = Math.max(0, Math.min(1, voiced));
    double unvoiced = (1 - voiced) / nPitchBins;
    for (int b = nPitchBins; b < 2 * nPitchBins; b++) {
      obs[b] = unvoiced;
    }
    return voiced;
  }

  /** {@code scipy.stats.boltzmann.pmf(k, lambda, n)}: {@code (1 - e^-l) e^(-l k) / (1 - e^(-l n))}. */
  private static double boltzmannPmf(int k, double lambda, int n) {
    return -Math.expm1(-lambda) * Math.exp(-lambda * k) / -Math.expm1(-lambda * n);
  }

  /** pyin's prior probability of each threshold interval (a beta distribution), computed once. */
  private double[] betaProbs() {
    double[] p = betaProbs;
    if (p == null) {
      p = new double[nThresholds];
      for (int i = 0; i < nThresholds; i++) {
        p[i] = betaCdf(thresholds[i + 1]) - betaCdf(thresholds[i]);
      }
      betaProbs = p;
    }
    return p;
  }

  private double betaCdf(double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    return Beta.regularizedBeta(x, betaA, betaB);
  }

  /** log2, exact for powers of two (as numpy's). */
  private static double log2(double x) {
    double r = Math.log(x) / Math.log(2.0);
    double ri = Math.rint(r);
    if (Math.abs(r - ri) < 1e-12 && Math.scalb(1.0, (int) ri) == x) {
      return ri;
    }
    return r;
  }

  /** pyin's transition model, built on first use and shared. */
  Transitions transitions() {
    Transitions m = transitions;
    if (m == null) {
      synchronized (this) {
        m = transitions;
        if (m == null) {
          m = buildTransitions();
          transitions = m;
        }
      }
    }
    return m;
  }

  /**
   * librosa's pyin transition matrix {@code kron(transition_loop(2, 1 - switch_prob),
   * transition_local(n_pitch_bins, width, 'triangle'))} as {@code log(transition + tiny)}, kept as its band:
   * {@code band[2 from_half + to_half][to_bin][d]} for {@code from_bin = to_bin - halfWidth + d}; every entry
   * outside the band is {@code log(tiny)}.
   */
  static final class Transitions {
    final int bins;
    final int halfWidth;
    final double[][][] band;

    Transitions(int bins, int halfWidth, double[][][] band) {
      this.bins = bins;
      this.halfWidth = halfWidth;
      this.band = band;
    }

    /** The full matrix, transposed ({@code [to][from]}): for tests. */
    double[][] denseTransposed() {
      int n = bins;
      double[][] out = new double[2 * n][2 * n];
      for (double[] row : out) {
        java.util.Arrays.fill(row, LOG_TINY);
      }
      for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
          for (int jb = 0; jb < n; jb++) {
            for (int d = 0; d < 2 * halfWidth + 1; d++) {
              int ib = jb - halfWidth + d;
              if (ib >= 0 && ib < n) {
                out[b * n + jb][a * n + ib] = band[2 * a + b][jb][d];
              }
            }
          }
        }
      }
      return out;
    }
  }

  private Transitions buildTransitions() {
    int n = nPitchBins;
    long maxSemitonesPerFrame = Math.round(Math.rint(maxTransitionRate * 12 * hopLength / sampleRate));
    int width = (int) (maxSemitonesPerFrame * binsPerSemitone + 1);
    if (width > n) {
      throw new IllegalArgumentException("pyin transition width " + width + " bins exceeds the " + n
          + " pitch bins; lower maxTransitionRate (max_transition_rate) or hopLength, or widen [fmin, fmax]");
    }
    // scipy.signal.windows.triang(width, sym=True)
    double[] tri = new double[width];
    int halfCount = (width + 1) / 2;
    if (width % 2 == 0) {
      for (int i = 1; i <= halfCount; i++) {
        tri[i - 1] = (2.0 * i - 1.0) / width;
        tri[width - i] = tri[i - 1];
      }
    } else {
      for (int i = 1; i <= halfCount; i++) {
        tri[i - 1] = 2.0 * i / (width + 1.0);
        tri[width - i] = tri[i - 1];
      }
    }
    double[][] local = new double[n][n];
    int lpad = (n - width) / 2;
    for (int i = 0; i < n; i++) {
      double[] row = new double[n];
      int shift = n / 2 + i + 1;
      for (int p = 0; p < width; p++) {
        row[Math.floorMod(lpad + p + shift, n)] = tri[p];
      }
      for (int j = Math.min(n, i + width / 2 + 1); j < n; j++) {
        row[j] = 0;
      }
      for (int j = 0; j < Math.max(0, i - width / 2); j++) {
        row[j] = 0;
      }
      double sum = 0;
      for (double v : row) {
        sum += v;
      }
      for (int j = 0; j < n; j++) {
        row[j] /= sum;
      }
      local[i] = row;
    }
    double stay = 1 - switchProb;
    double[][] sw = {{stay, (1.0 - stay)}, {(1.0 - stay), stay}};
    int hw = width / 2;
    double[][][] band = new double[4][n][2 * hw + 1];
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        for (int jb = 0; jb < n; jb++) {
          for (int d = 0; d < 2 * hw + 1; d++) {
            int ib = jb - hw + d;
            band[2 * a + b][jb][d] = ib >= 0 && ib < n ? Math.log(sw[a][b] * local[ib][jb] + TINY) : LOG_TINY;
          }
        }
      }
    }
    return new Transitions(n, hw, band);
  }

  /**
   * librosa's {@code sequence.viterbi} with a uniform initial distribution, exploiting the band structure:
   * every transition outside the band has the same log probability, so the best predecessor outside it is a
   * prefix or suffix maximum. Ties go to the lowest state, as numpy's {@code argmax}.
   */
  static int[] viterbi(double[][] logObs, Transitions tr) {
    int frames = logObs.length;
    int n = tr.bins;
    int hw = tr.halfWidth;
    int states = 2 * n;
    int[][] ptr = new int[frames][];
    double logInit = Math.log(1.0 / states + TINY);
    double[] prev = new double[states];
    double[] cur = new double[states];
    for (int s = 0; s < states; s++) {
      prev[s] = logObs[0][s] + logInit;
    }
    double[][] preV = new double[2][n];
    int[][] preK = new int[2][n];
    double[][] sufV = new double[2][n];
    int[][] sufK = new int[2][n];
    for (int t = 1; t < frames; t++) {
      for (int h = 0; h < 2; h++) {
        int base = h * n;
        double bv = Double.NEGATIVE_INFINITY;
        int bk = base;
        for (int i = 0; i < n; i++) {
          double v = prev[base + i];
          if (v > bv) {
            bv = v;
            bk = base + i;
          }
          preV[h][i] = bv;
          preK[h][i] = bk;
        }
        bv = Double.NEGATIVE_INFINITY;
        bk = base + n - 1;
        for (int i = n - 1; i >= 0; i--) {
          double v = prev[base + i];
          if (v >= bv) {
            bv = v;
            bk = base + i;
          }
          sufV[h][i] = bv;
          sufK[h][i] = bk;
        }
      }
      int[] p = new int[states];
      double[] obs = logObs[t];
      for (int j = 0; j < states; j++) {
        int b = j / n;
        int jb = j - b * n;
        int lo = jb - hw;
        int hi = jb + hw;
        double best = Double.NEGATIVE_INFINITY;
        int bestK = 0;
        for (int a = 0; a < 2; a++) {
          int base = a * n;
          if (lo > 0) {
            double v = preV[a][lo - 1] + LOG_TINY;
            if (v > best) {
              best = v;
              bestK = preK[a][lo - 1];
            }
          }
          double[] band = tr.band[2 * a + b][jb];
          for (int ib = Math.max(0, lo), end = Math.min(n - 1, hi); ib <= end; ib++) {
            double v = prev[base + ib] + band[ib - lo];
            if (v > best) {
              best = v;
              bestK = base + ib;
            }
          }
          if (hi < n - 1) {
            double v = sufV[a][hi + 1] + LOG_TINY;
            if (v > best) {
              best = v;
              bestK = sufK[a][hi + 1];
            }
          }
        }
        p[j] = bestK;
        cur[j] = obs[j] + best;
      }
      ptr[t] = p;
      double[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return backtrack(prev, ptr);
  }

  private static int[] backtrack(double[] last, int[][] ptr) {
    int frames = ptr.length;
    int[] path = new int[frames];
    int best = 0;
    for (int s = 1; s < last.length; s++) {
      if (last[s] > last[best]) {
        best = s;
      }
    }
    path[frames - 1] = best;
    for (int t = frames - 2; t >= 0; t--) {
      path[t] = ptr[t + 1][path[t + 1]];
    }
    return path;
  }

  /** librosa's {@code sequence.viterbi} over a dense transposed log matrix: the reference for tests. */
  static int[] viterbiDense(double[][] logObs, double[][] logTransT) {
    int frames = logObs.length;
    int states = logTransT.length;
    int[][] ptr = new int[frames][];
    double logInit = Math.log(1.0 / states + TINY);
    double[] prev = new double[states];
    double[] cur = new double[states];
    for (int s = 0; s < states; s++) {
      prev[s] = logObs[0][s] + logInit;
    }
    for (int t = 1; t < frames; t++) {
      int[] p = new int[states];
      double[] obs = logObs[t];
      for (int j = 0; j < states; j++) {
        double[] col = logTransT[j];
        int best = 0;
        double bestValue = prev[0] + col[0];
        for (int k = 1; k < states; k++) {
          double v = prev[k] + col[k];
          if (v > bestValue) {
            bestValue = v;
            best = k;
          }
        }
        p[j] = best;
        cur[j] = obs[j] + bestValue;
      }
      ptr[t] = p;
      double[] tmp = prev;
      prev = cur;
      cur = tmp;
    }
    return backtrack(prev, ptr);
  }

  // ---------------------------------------------------------------- per-call working memory

  /** Buffers of one call: autocorrelation, float32 energy sums, the normalised difference and its shifts. */
  private final class Work {
    final double[] buf = new double[fftSize];
    final float[] diff = new float[maxPeriod + 1];
    final double[] yinFrame = new double[maxPeriod - minPeriod + 1];
    final double[] shifts = new double[maxPeriod - minPeriod + 1];

    /**
     * librosa's {@code _cumulative_mean_normalized_difference} of the frame at {@code padded[off ..]}, for periods
     * {@code minPeriod .. maxPeriod}, with numpy's float32 steps where librosa's arrays are float32.
     */
    double[] cmnd(float[] padded, int off) {
      double[] a = buf;
      for (int i = 0; i < frameLength; i++) {
        a[i] = padded[off + i];
      }
      java.util.Arrays.fill(a, frameLength, fftSize, 0.0);
      fft.realForward(a);
      a[0] = a[0] * a[0];
      a[1] = a[1] * a[1];
      for (int k = 1; k < fftSize / 2; k++) {
        double re = a[2 * k];
        double im = a[2 * k + 1];
        a[2 * k] = re * re + im * im;
        a[2 * k + 1] = 0;
      }
      fft.realInverse(a, true);
      // a[k] is now the autocorrelation at lag k; energy: float32 cumulative sum of float32 squares, whose
      // first element librosa zeroes before using it
      double acf0 = a[0];
      float energy = 0f;
      diff[0] = 0f;
      for (int k = 1; k <= maxPeriod; k++) {
        float v = padded[off + k - 1];
        energy += v * v; // sum of squares of samples 0 .. k - 1
        double cumBefore = k == 1 ? 0.0 : energy;
        diff[k] = (float) (2 * (acf0 - a[k]) - cumBefore);
      }
      float cum = 0f;
      for (int k = 1; k <= maxPeriod; k++) {
        cum += diff[k];
        if (k >= minPeriod) {
          double mean = (double) cum / k;
          yinFrame[k - minPeriod] = diff[k] / (mean + TINY);
        }
      }
      return yinFrame;
    }

    /** librosa's {@code _parabolic_interpolation} of one frame: the shift of each point's parabola minimum. */
    double[] shifts(double[] x) {
      int n = x.length;
      shifts[0] = 0;
      shifts[n - 1] = 0;
      for (int i = 1; i < n - 1; i++) {
        double a = x[i + 1] + x[i - 1] - 2 * x[i];
        double b = (x[i + 1] - x[i - 1]) / 2;
        shifts[i] = Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
      }
      return shifts;
    }
  }

  /** Mutable builder of {@link Pitch}; starts at librosa's defaults. Not thread-safe. */
  public static final class Builder {
    private final int sampleRate;
    private final double fmin;
    private final double fmax;
    private int frameLength = 2048;
    private Integer hopLength;
    private double troughThreshold = 0.1;
    private boolean center = true;
    private PadMode padMode = PadMode.CONSTANT;
    private int nThresholds = 100;
    private double betaA = 2;
    private double betaB = 18;
    private double boltzmannParameter = 2;
    private double resolution = 0.1;
    private double maxTransitionRate = 35.92;
    private double switchProb = 0.01;
    private double noTroughProb = 0.01;

    private Builder(int sampleRate, double fmin, double fmax) {
      this.sampleRate = sampleRate;
      this.fmin = fmin;
      this.fmax = fmax;
    }

    /** Frame length in samples ({@code frame_length}, default 2048). */
    public Builder frameLength(int frameLength) {
      this.frameLength = frameLength;
      return this;
    }

    /** Hop in samples ({@code hop_length}); null (the default) means {@code frame_length / 4}. */
    public Builder hopLength(Integer hopLength) {
      this.hopLength = hopLength;
      return this;
    }

    /** yin's absolute threshold ({@code trough_threshold}, default 0.1). */
    public Builder troughThreshold(double troughThreshold) {
      this.troughThreshold = troughThreshold;
      return this;
    }

    /** Centre frames on {@code t * hop_length} (default true). */
    public Builder center(boolean center) {
      this.center = center;
      return this;
    }

    /** Padding when centred (default {@link PadMode#CONSTANT}, zeros). */
    public Builder padMode(PadMode padMode) {
      this.padMode = Objects.requireNonNull(padMode, "padMode");
      return this;
    }

    /** pyin: number of thresholds of the beta prior ({@code n_thresholds}, default 100). */
    public Builder nThresholds(int nThresholds) {
      this.nThresholds = nThresholds;
      return this;
    }

    /** pyin: shape parameters of the beta prior over thresholds ({@code beta_parameters}, default (2, 18)). */
    public Builder betaParameters(double alpha, double beta) {
      this.betaA = alpha;
      this.betaB = beta;
      return this;
    }

    /** pyin: shape of the Boltzmann prior over troughs ({@code boltzmann_parameter}, default 2). */
    public Builder boltzmannParameter(double boltzmannParameter) {
      this.boltzmannParameter = boltzmannParameter;
      return this;
    }

    /** pyin: pitch-bin width in semitones ({@code resolution}, default 0.1). */
    public Builder resolution(double resolution) {
      this.resolution = resolution;
      return this;
    }

    /** pyin: largest pitch change in octaves per second ({@code max_transition_rate}, default 35.92). */
    public Builder maxTransitionRate(double maxTransitionRate) {
      this.maxTransitionRate = maxTransitionRate;
      return this;
    }

    /** pyin: probability of switching between voiced and unvoiced ({@code switch_prob}, default 0.01). */
    public Builder switchProb(double switchProb) {
      this.switchProb = switchProb;
      return this;
    }

    /** pyin: probability added to the global minimum when no trough is below a threshold (default 0.01). */
    public Builder noTroughProb(double noTroughProb) {
      this.noTroughProb = noTroughProb;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter: {@code fmax} above Nyquist, {@code fmin >= fmax},
     *     {@code fmin <= 0}, {@code fmin} too low for {@code frame_length} (a period must fit in the frame), a
     *     size that is not positive, or a probability outside [0, 1]
     */
    public Pitch build() {
      if (sampleRate <= 0) {
        throw new IllegalArgumentException("sampleRate (sr) must be positive, got " + sampleRate);
      }
      if (!(fmin > 0) || Double.isInfinite(fmin)) {
        throw new IllegalArgumentException("fmin=" + fmin + " must be strictly positive and finite");
      }
      if (!(fmax > fmin) || Double.isInfinite(fmax)) {
        throw new IllegalArgumentException("fmin=" + fmin + " must be less than fmax=" + fmax);
      }
      if (fmax > sampleRate / 2.0) {
        throw new IllegalArgumentException("fmax=" + fmax + " cannot exceed the Nyquist frequency "
            + sampleRate / 2.0);
      }
      if (frameLength <= 2) {
        throw new IllegalArgumentException("frameLength (frame_length) must be > 2, got " + frameLength);
      }
      if (sampleRate / fmin >= frameLength - 1) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "fmin=%.3f is too small for frame_length=%d and sr=%d. Either increase to fmin=%.3f or frame_length=%d",
            fmin, frameLength, sampleRate, sampleRate / (frameLength - 1.0),
            (int) (Math.ceil(sampleRate / fmin) + 1)));
      }
      int hop = hopLength != null ? hopLength : frameLength / 4;
      if (hop <= 0) {
        throw new IllegalArgumentException("hopLength (hop_length) must be positive, got " + hop);
      }
      if (!(troughThreshold > 0) || Double.isInfinite(troughThreshold)) {
        throw new IllegalArgumentException("troughThreshold (trough_threshold) must be positive, got "
            + troughThreshold);
      }
      if (nThresholds < 1) {
        throw new IllegalArgumentException("nThresholds (n_thresholds) must be positive, got " + nThresholds);
      }
      if (!(betaA > 0) || !(betaB > 0) || Double.isInfinite(betaA) || Double.isInfinite(betaB)) {
        throw new IllegalArgumentException("betaParameters (beta_parameters) must be positive and finite, got ("
            + betaA + ", " + betaB + ")");
      }
      if (!(boltzmannParameter > 0) || Double.isInfinite(boltzmannParameter)) {
        throw new IllegalArgumentException("boltzmannParameter (boltzmann_parameter) must be positive, got "
            + boltzmannParameter);
      }
      if (!(resolution > 0 && resolution < 1)) {
        throw new IllegalArgumentException("resolution must be in (0, 1) semitones, got " + resolution);
      }
      if (!(maxTransitionRate > 0) || Double.isInfinite(maxTransitionRate)) {
        throw new IllegalArgumentException("maxTransitionRate (max_transition_rate) must be positive, got "
            + maxTransitionRate);
      }
      if (!(switchProb >= 0 && switchProb <= 1)) {
        throw new IllegalArgumentException("switchProb (switch_prob) must be in [0, 1], got " + switchProb);
      }
      if (!(noTroughProb >= 0 && noTroughProb <= 1)) {
        throw new IllegalArgumentException("noTroughProb (no_trough_prob) must be in [0, 1], got " + noTroughProb);
      }
      return new Pitch(this);
    }
  }
}
