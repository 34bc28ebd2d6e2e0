package org.ser4j.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate conversion between any two integer rates, matching librosa 0.11's default
 * {@code librosa.resample(y, orig_sr=sourceRate, target_sr=targetRate)} ({@code res_type='soxr_hq'}, libsoxr
 * 0.1.3 "high quality").
 *
 * <p><b>What it computes.</b> Output sample {@code k} is the input, taken as zero outside {@code [0, n)},
 * low-pass filtered and evaluated at input time {@code k * sourceRate / targetRate} (exactly; no delay, no
 * drift). The filter is a linear-phase Kaiser-windowed sinc designed as libsoxr designs its HQ filter: pass
 * band flat to 0.9136 of the lower of the two Nyquist frequencies, stop band from that Nyquist frequency on,
 * attenuation 126 dB (21 bits). On speech its output differs from librosa's {@code soxr_hq} by a
 * signal-to-error ratio of about 100 dB, far below what any later feature can see; scipy's
 * {@code resample_poly} and resampy's {@code kaiser_best} differ from it by 51-52 dB.
 *
 * <p><b>Length.</b> {@code n} input samples give exactly {@link #outputLength(long) ceil(n * targetRate /
 * sourceRate)} output samples, librosa's length (0 for 0). The signal is not rescaled: a DC input stays at
 * the same level (librosa's {@code scale=False}).
 *
 * <p><b>Implementation.</b> Polyphase FIR: the rate pair is reduced to {@code up : down} by their greatest
 * common divisor. The filter spans {@code (126.4 - 7.95) / (2.285 * 2 pi * tw) + 1} input samples (Kaiser's
 * estimate; {@code tw} the transition width in cycles per input sample), rounded up to an even number of
 * taps: 214 for 24414 &rarr; 22050 Hz, 294 for 24414 &rarr; 16000 Hz. When {@code up} (the number of
 * distinct output phases) times the taps is at most 2<sup>20</sup> (4 MB) one filter phase is tabulated per
 * output phase (TESS's 24414 &rarr; 22050 Hz is 3675 : 4069, 3 MB); otherwise the filter is tabulated at 1024
 * phases per input sample (fewer for long filters, the table always under 8 MB) and linearly interpolated
 * between neighbouring phases, an error below -120 dB. Exact mode: per output an 8-way float dot product.
 * Interpolated mode: per output the interpolated coefficients times the window, in a loop C2 vectorises, then
 * the products of eight outputs summed side by side; nothing is allocated per sample.
 *
 * <p>Instances are immutable and thread-safe; {@link #of} caches a few of them, since building the table
 * takes up to a few tens of milliseconds. For audio that arrives in blocks use a {@link #newStream() Stream}, whose
 * concatenated output equals {@link #resample(float[])} of the concatenated input exactly.
 */
public final class Resampler {

  /** The highest sample rate accepted, in Hz (10 MHz). */
  public static final int MAX_RATE = 10_000_000;

  /**
   * The largest accepted ratio between the two rates, either way. Downsampling by a factor {@code r} makes
   * the filter {@code r} times longer; beyond this the conversion is certainly a mistake.
   */
  public static final int MAX_RATIO = 1024;

  /** libsoxr HQ: 20-bit precision. */
  private static final int PRECISION_BITS = 20;

  /** Stop-band attenuation: libsoxr designs for precision + 1 bits, 126.4 dB. */
  static final double ATTENUATION_DB = (PRECISION_BITS + 1) * 20 * Math.log10(2);

  /**
   * End of the pass band as a fraction of the lower Nyquist frequency: libsoxr's
   * {@code 1 - 0.05 / to3dB(rejection)} for 20 bits, 0.9136.
   */
  static final double PASSBAND_END;

  /** Start of the stop band as a fraction of the lower Nyquist frequency: libsoxr's default, the Nyquist. */
  static final double STOPBAND_BEGIN = 1.0;

  /**
   * Kaiser window shape. Kaiser's formula gives 12.97 for 126 dB; 12.1 matches libsoxr's own output best. On
   * the golden voice file (24414 Hz to 22050 / 16000 Hz, signal-to-error ratio against librosa's soxr_hq,
   * first and last 64 samples excluded), with this length, in a double-precision prototype of this design:
   * beta 12.97 gives 91.6 / 92.2 dB, 12.5 gives 97.9 / 98.2 dB, 12.25 gives 103.1 / 103.5 dB, 12.1 gives
   * 104.3 / 105.7 dB, 12.0 gives 102.6 / 104.6 dB (this float implementation: 105.2 / 107.1 dB at 12.1).
   * Other parts of the design matter more: a pass band ending at 0.91 or 0.917 instead of 0.9136 costs 30 dB
   * (75 / 77 dB), a stop band starting at 0.99 or 1.01 of Nyquist 38 dB (67 / 68 dB), designing for 100 dB
   * instead of 126 dB 27 dB (78 / 79 dB). ResamplerTest asserts at least 80 dB.
   */
  static final double KAISER_BETA = 12.1;

  /** Coefficients tabulated one phase per output phase up to this many floats (4 MB). */
  static final int EXACT_TABLE_LIMIT = 1 << 20;

  /** Phases per input sample of the interpolated table. */
  static final int DENSE_PHASES = 1024;

  /** Upper bound on the interpolated table (values and differences), in floats (6 MB). */
  static final int DENSE_TABLE_LIMIT = 3 << 19;

  private static final int CACHE_SIZE = 16;
  private static final Map<Long, Resampler> CACHE = new ConcurrentHashMap<>();

  static {
    double rejection = PRECISION_BITS * 20 * Math.log10(2);
    double to3dB = (1.6e-6 * rejection - 7.5e-4) * rejection + 0.646;
    PASSBAND_END = 1 - 0.05 / to3dB;
  }

  private final int sourceRate;
  private final int targetRate;
  /** Reduced ratio: {@code targetRate / sourceRate = up / down}. */
  private final int up;
  private final int down;
  /** Taps per output sample; output at input time {@code n + p/up} reads input {@code n - half + 1 .. n + half}. */
  private final int taps;
  private final int half;
  /**
   * Coefficient rows of {@code taps}, each its own array (so that the inner loops index every array alike,
   * which C2 needs to vectorise them). Exact mode: {@code up} rows, one per output phase. Dense mode:
   * {@code densePhases + 1} rows.
   */
  private final float[][] rows;
  /** Dense mode only: row {@code q + 1} minus row {@code q}; null in exact mode. */
  private final float[][] deltas;
  private final int densePhases;
  /** Exact mode only: the {@code up} rows of {@code rows} end to end (the 8-way dot product reads this). */
  private final float[] flatRows;

  private Resampler(int sourceRate, int targetRate) {
    this.sourceRate = sourceRate;
    this.targetRate = targetRate;
    int g = gcd(sourceRate, targetRate);
    this.up = targetRate / g;
    this.down = sourceRate / g;

    // Filter in units of input samples: cutoff and transition scale with the lower Nyquist frequency.
    double scale = Math.min(1.0, (double) up / down);
    double cutoff = 0.5 * (PASSBAND_END + STOPBAND_BEGIN) / 2 * scale; // cycles per input sample
    double transition = 0.5 * (STOPBAND_BEGIN - PASSBAND_END) * scale; // cycles per input sample
    double length = (ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition) + 1;
    double halfWidth = length / 2;
    this.half = (int) Math.ceil(halfWidth);
    this.taps = 2 * half;
    Kernel kernel = new Kernel(cutoff, halfWidth, KAISER_BETA);

    if ((long) up * taps <= EXACT_TABLE_LIMIT) {
      densePhases = 0;
      float[] flat = new float[up * taps];
      for (int p = 0; p < up; p++) {
        if (p > up - p) {
          mirrorRow(flat, (up - p) * taps, p * taps); // the kernel is even: phase p is phase up - p reversed
        } else {
          fillRow(kernel, (double) p / up, flat, p * taps);
        }
      }
      rows = null;
      flatRows = flat;
      deltas = null;
    } else {
      int phases = DENSE_PHASES;
      while (phases > 16 && 2L * (phases + 1) * taps > DENSE_TABLE_LIMIT) {
        phases /= 2;
      }
      densePhases = phases;
      float[] table = new float[(phases + 1) * taps];
      for (int q = 0; q <= phases; q++) {
        if (q > phases - q && q < phases) {
          mirrorRow(table, (phases - q) * taps, q * taps);
        } else {
          fillRow(kernel, (double) q / phases, table, q * taps);
        }
      }
      float[] delta = new float[phases * taps];
      for (int i = 0; i < delta.length; i++) {
        delta[i] = table[i + taps] - table[i];
      }
      rows = split(table, phases + 1);
      deltas = split(delta, phases);
      flatRows = null;
    }
  }

  private float[][] split(float[] flat, int count) {
    float[][] r = new float[count][];
    for (int i = 0; i < count; i++) {
      r[i] = Arrays.copyOfRange(flat, i * taps, (i + 1) * taps);
    }
    return r;
  }

  /**
   * Coefficients for an output at input time {@code n + frac}: tap {@code m} multiplies input
   * {@code n - half + 1 + m}, at distance {@code frac + half - 1 - m}.
   */
  private void fillRow(Kernel kernel, double frac, float[] dst, int off) {
    for (int m = 0; m < taps; m++) {
      dst[off + m] = (float) kernel.value(frac + half - 1 - m);
    }
  }

  /**
   * Row at {@code dst} = row at {@code src} reversed: the kernel is even, so tap {@code m} at phase {@code f}
   * equals tap {@code taps - 1 - m} at phase {@code 1 - f}.
   */
  private void mirrorRow(float[] t, int src, int dst) {
    for (int m = 0; m < taps; m++) {
      t[dst + m] = t[src + taps - 1 - m];
    }
  }

  /**
   * The resampler from {@code sourceRate} to {@code targetRate} Hz, libsoxr-HQ quality (the only one).
   *
   * @param sourceRate rate of the input, Hz, in {@code [1, MAX_RATE]} ({@code orig_sr} in librosa)
   * @param targetRate rate of the output, Hz, in {@code [1, MAX_RATE]} ({@code target_sr} in librosa)
   * @return the resampler, possibly shared with earlier callers (it is immutable)
   * @throws IllegalArgumentException naming the parameter, if a rate is not positive or above
   *     {@link #MAX_RATE}, or the rates differ by more than {@link #MAX_RATIO} times
   */
  public static Resampler of(int sourceRate, int targetRate) {
    checkRate("sourceRate", sourceRate);
    checkRate("targetRate", targetRate);
    if ((long) sourceRate > (long) targetRate * MAX_RATIO || (long) targetRate > (long) sourceRate * MAX_RATIO) {
      throw new IllegalArgumentException("sourceRate " + sourceRate + " and targetRate " + targetRate
          + " differ by more than " + MAX_RATIO + " times");
    }
    Long key = ((long) sourceRate << 32) | targetRate;
    Resampler cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    Resampler made = new Resampler(sourceRate, targetRate);
    if (CACHE.size() >= CACHE_SIZE) {
      CACHE.clear();
    }
    CACHE.put(key, made);
    return made;
  }

  /**
   * Convenience for {@code of(sourceRate, targetRate).resample(x)}.
   *
   * @param x the signal at {@code sourceRate} ({@code y} in librosa); not modified
   * @param sourceRate rate of {@code x}, Hz ({@code orig_sr})
   * @param targetRate wanted rate, Hz ({@code target_sr})
   * @return a new array of {@code ceil(x.length * targetRate / sourceRate)} samples; a copy of {@code x} when
   *     the rates are equal
   * @throws IllegalArgumentException as {@link #of}
   */
  public static float[] resample(float[] x, int sourceRate, int targetRate) {
    Objects.requireNonNull(x, "x");
    return of(sourceRate, targetRate).resample(x);
  }

  private static void checkRate(String name, int rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + rate);
    }
    if (rate > MAX_RATE) {
      throw new IllegalArgumentException(name + " must be at most " + MAX_RATE + " Hz, got " + rate);
    }
  }

  /**
   * Rate of the input.
   *
   * @return samples per second, Hz ({@code orig_sr})
   */
  public int sourceRate() {
    return sourceRate;
  }

  /**
   * Rate of the output.
   *
   * @return samples per second, Hz ({@code target_sr})
   */
  public int targetRate() {
    return targetRate;
  }

  /**
   * Number of output samples for {@code n} input samples: {@code ceil(n * targetRate / sourceRate)}, as
   * librosa computes it.
   *
   * @param n input length, non-negative
   * @return {@code ceil(n * targetRate / sourceRate)}
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws ArithmeticException if the result does not fit a {@code long}
   */
  public long outputLength(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    long whole = Math.multiplyExact(n / down, (long) up);
    long rest = n % down * up; // < down * up <= 1e14
    return Math.addExact(whole, (rest + down - 1) / down);
  }

  /**
   * Resamples one signal.
   *
   * @param x the signal at {@link #sourceRate()} ({@code y} in librosa); not modified
   * @return a new array of {@link #outputLength(long) outputLength(x.length)} samples at
   *     {@link #targetRate()}; a copy of {@code x} when the rates are equal
   * @throws IllegalArgumentException if the output would exceed the largest Java array
   */
  public float[] resample(float[] x) {
    Objects.requireNonNull(x, "x");
    if (sourceRate == targetRate) {
      return x.clone();
    }
    int n = x.length;
    long outLen = outputLength(n);
    if (outLen > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("x: " + n + " samples resample to " + outLen
          + ", more than an array can hold");
    }
    float[] out = new float[(int) outLen];
    if (n == 0) {
      return out;
    }
    // zero-padded copy: padded index j holds input j - (half - 1); the window of output k starts at n_k
    float[] padded = new float[n + taps - 1];
    System.arraycopy(x, 0, padded, half - 1, n);
    compute(padded, 0, 0, out.length, out, 0, new float[GROUP + 1][taps]);
    return out;
  }

  /**
   * Resamples every channel of a clip.
   *
   * @param clip audio at {@link #sourceRate()}
   * @return a clip at {@link #targetRate()} with the same channel count and warnings; {@code clip} itself when
   *     the rates are equal (clips are immutable)
   * @throws IllegalArgumentException if the clip's rate is not {@link #sourceRate()}
   */
  public AudioClip resample(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    if (clip.sampleRate() != sourceRate) {
      throw new IllegalArgumentException("clip is at " + clip.sampleRate() + " Hz, this resampler converts from "
          + sourceRate + " Hz");
    }
    if (sourceRate == targetRate) {
      return clip;
    }
    float[][] in = clip.channelsUnsafe();
    float[][] out = new float[in.length][];
    for (int c = 0; c < in.length; c++) {
      out[c] = resample(in[c]);
    }
    List<String> warnings = clip.warnings();
    return AudioClip.wrap(out, targetRate, warnings);
  }

  /**
   * A new streaming converter for this rate pair: push blocks of any size, then {@link Stream#flush flush}.
   * Each stream is for one thread; the resampler itself may be shared.
   *
   * @return a fresh stream, positioned at the start of a signal
   */
  public Stream newStream() {
    return new Stream();
  }

  /** Outputs computed together in dense mode: independent sums that pipeline. */
  private static final int GROUP = 8;

  /** Padded index of the first input in output {@code k}'s window: {@code floor(k * down / up)}, no overflow. */
  private long windowStart(long k) {
    return k / up * down + k % up * down / up;
  }

  /** Phase of output {@code k}: {@code k * down mod up}. */
  private int phaseOf(long k) {
    return (int) (k % up * down % up);
  }

  /** The number of outputs whose window starts before padded index {@code e}: {@code ceil(e * up / down)}. */
  private long outputsStartingBefore(long e) {
    if (e <= 0) {
      return 0;
    }
    return e / down * up + (e % down * up + down - 1) / down;
  }

  /**
   * Outputs {@code kFrom .. kTo - 1} into {@code out} from {@code outOff}. {@code xp[q]} is padded input
   * {@code xBase + q} and must cover every window. Each output is summed in an order fixed by the output alone
   * (see {@link #resampleScalar}), whatever the range: a stream's blocks give the batch result exactly.
   *
   * <p>Exact mode: {@link #dotExact} per output. Dense mode: per output, the products of its window and coefficients go into a row of {@code scratch} (a loop with
   * no reduction over arrays indexed alike: C2 vectorises it); then the rows of {@link #GROUP} outputs are
   * summed side by side, each sequentially, so that the additions pipeline.
   *
   * @param scratch {@code GROUP + 1} rows of {@code taps}: products, then the window
   */
  private void compute(float[] xp, long xBase, long kFrom, long kTo, float[] out, int outOff, float[][] scratch) {
    int n = taps;
    long k = kFrom;
    int o = outOff;
    if (deltas == null) {
      // exact mode: measured faster as one 8-way dot product per output than as grouped product rows
      if (k >= kTo) {
        return;
      }
      // window start and phase stepped, not divided, per output
      int stepWhole = down / up;
      int stepFrac = down % up;
      int pos = (int) (windowStart(k) - xBase);
      int phase = phaseOf(k);
      float[] h = flatRows;
      int u = up;
      for (int end = o + (int) (kTo - k); o < end; o++) {
        out[o] = dotExact(xp, pos, h, phase * n, n);
        phase += stepFrac;
        if (phase >= u) {
          phase -= u;
          pos++;
        }
        pos += stepWhole;
      }
      return;
    }
    float[] p0 = scratch[0];
    float[] p1 = scratch[1];
    float[] p2 = scratch[2];
    float[] p3 = scratch[3];
    float[] p4 = scratch[4];
    float[] p5 = scratch[5];
    float[] p6 = scratch[6];
    float[] p7 = scratch[7];
    float[] win = scratch[GROUP];
    for (; k + GROUP <= kTo; k += GROUP, o += GROUP) {
      for (int g = 0; g < GROUP; g++) {
        products(xp, xBase, k + g, scratch[g], win);
      }
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (int j = 0; j < n; j++) {
        s0 += p0[j];
        s1 += p1[j];
        s2 += p2[j];
        s3 += p3[j];
        s4 += p4[j];
        s5 += p5[j];
        s6 += p6[j];
        s7 += p7[j];
      }
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
      out[o + 4] = s4;
      out[o + 5] = s5;
      out[o + 6] = s6;
      out[o + 7] = s7;
    }
    for (; k < kTo; k++, o++) {
      products(xp, xBase, k, p0, win);
      float s = 0;
      for (int j = 0; j < n; j++) {
        s += p0[j];
      }
      out[o] = s;
    }
  }

  /** Exact mode: eight partial sums over {@code m mod 8}, combined pairwise (see {@link #resampleScalar}). */
  static float dotExact(float[] x, int xOff, float[] h, int hOff, int len) {
    // eight independent sums: the additions pipeline instead of waiting on one another
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int m = 0;
    for (; m + 7 < len; m += 8) {
      s0 += x[xOff + m] * h[hOff + m];
      s1 += x[xOff + m + 1] * h[hOff + m + 1];
      s2 += x[xOff + m + 2] * h[hOff + m + 2];
      s3 += x[xOff + m + 3] * h[hOff + m + 3];
      s4 += x[xOff + m + 4] * h[hOff + m + 4];
      s5 += x[xOff + m + 5] * h[hOff + m + 5];
      s6 += x[xOff + m + 6] * h[hOff + m + 6];
      s7 += x[xOff + m + 7] * h[hOff + m + 7];
    }
    for (; m < len; m++) {
      s0 += x[xOff + m] * h[hOff + m];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code dst[j]} = coefficient {@code j} of output {@code k} times its input {@code j}; {@code win} scratch. */
  private void products(float[] xp, long xBase, long k, float[] dst, float[] win) {
    int n = taps;
    System.arraycopy(xp, (int) (windowStart(k) - xBase), win, 0, n);
    int phase = phaseOf(k);
    if (deltas == null) {
      float[] h = rows[phase];
      for (int j = 0; j < n; j++) {
        dst[j] = h[j] * win[j];
      }
    } else {
      long scaled = (long) phase * densePhases;
      int row = (int) (scaled / up);
      float weight = (float) ((double) (scaled - (long) row * up) / up);
      float[] h = rows[row];
      float[] d = deltas[row];
      for (int j = 0; j < n; j++) {
        dst[j] = (h[j] + weight * d[j]) * win[j];
      }
    }
  }

  /** Exact mode, for tests: the coefficients phase-major, {@code up} rows of {@code taps}. */
  float[] exactCoefficients() {
    float[] flat = new float[up * taps];
    for (int p = 0; p < up; p++) {
      System.arraycopy(flatRows, p * taps, flat, p * taps, taps);
    }
    return flat;
  }

  /**
   * The reference implementation (for tests): output by output, coefficient by coefficient. Dense mode: one
   * float accumulator, terms in input order; exact mode: eight partial sums (tap {@code j mod 8}, the tail
   * into the first), combined pairwise. {@link #resample(float[])} and {@link Stream} must equal it exactly.
   */
  float[] resampleScalar(float[] x) {
    if (sourceRate == targetRate) {
      return x.clone();
    }
    int n = x.length;
    float[] out = new float[(int) outputLength(n)];
    float[] padded = new float[n + taps - 1];
    System.arraycopy(x, 0, padded, half - 1, n);
    float[] c = new float[taps];
    for (int k = 0; k < out.length; k++) {
      int phase = phaseOf(k);
      if (deltas == null) {
        System.arraycopy(flatRows, phase * taps, c, 0, taps);
      } else {
        long scaled = (long) phase * densePhases;
        int row = (int) (scaled / up);
        float weight = (float) ((double) (scaled - (long) row * up) / up);
        for (int j = 0; j < taps; j++) {
          c[j] = rows[row][j] + weight * deltas[row][j];
        }
      }
      int start = (int) windowStart(k);
      if (deltas == null) {
        // exact mode: partial sum j mod 8 over full blocks of 8, the tail into sum 0, combined pairwise
        float[] part = new float[8];
        int full = taps / 8 * 8;
        for (int j = 0; j < taps; j++) {
          part[j < full ? j % 8 : 0] += c[j] * padded[start + j];
        }
        out[k] = ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
        continue;
      }
      float s = 0;
      for (int j = 0; j < taps; j++) {
        s += c[j] * padded[start + j];
      }
      out[k] = s;
    }
    return out;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** Filter taps per output sample (for tests and diagnostics). */
  int taps() {
    return taps;
  }

  /** Whether the coefficients are interpolated between tabulated phases (for tests). */
  boolean interpolatesPhases() {
    return deltas != null;
  }

  /** Floats held by the coefficient tables (for tests). */
  long tableFloats() {
    return deltas == null ? flatRows.length : (long) (rows.length + deltas.length) * taps;
  }

  @Override
  public String toString() {
    return "Resampler[" + sourceRate + " -> " + targetRate + " Hz, " + up + ":" + down + ", " + taps + " taps, "
        + (deltas == null ? up + " phases" : densePhases + " interpolated phases") + "]";
  }

  /** Kaiser-windowed sinc, evaluated in double precision. */
  private static final class Kernel {
    private final double cutoff;
    private final double halfWidth;
    private final double beta;
    private final double norm;

    Kernel(double cutoff, double halfWidth, double beta) {
      this.cutoff = cutoff;
      this.halfWidth = halfWidth;
      this.beta = beta;
      this.norm = 1 / besselI0(beta);
    }

    /** Impulse response at {@code u} input samples from the output instant. */
    double value(double u) {
      double v = u / halfWidth;
      if (v <= -1 || v >= 1) {
        return 0;
      }
      double x = 2 * cutoff * u;
      double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      return 2 * cutoff * sinc * besselI0(beta * Math.sqrt(1 - v * v)) * norm;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
      double q = x * x / 4;
      double term = 1;
      double sum = 1;
      for (int k = 1; k < 500; k++) {
        term *= q / ((double) k * k);
        sum += term;
        if (term < sum * 1e-17) {
          break;
        }
      }
      return sum;
    }
  }

  /**
   * Streaming conversion: push blocks of any size with {@link #process}, then call {@link #flush} once at the
   * end. The concatenated output of all calls equals {@link Resampler#resample(float[])} of the concatenated
   * input, sample for sample. Output lags the input by about half the filter length ({@code taps / 2} input
   * samples), which {@code flush} releases.
   *
   * <p>A stream holds a fixed buffer of {@code taps + 4095} samples (4309 for 24414 &rarr; 22050 Hz) and
   * allocates nothing after construction. It is not thread-safe. After {@code flush} it must be
   * {@link #reset()} before it takes more input. When the rates are equal it copies input to output.
   */
  public final class Stream {

    private static final int CHUNK = 4096;

    /** Padded input: {@code buf[i]} is padded index {@code bufBase + i} (input index minus {@code half - 1}). */
    private final float[] buf;
    private int bufLen;
    private long bufBase;
    /** Rows of products and the window, for {@link Resampler#compute}. */
    private final float[][] scratch;
    private long consumed;
    private long produced;
    private boolean flushed;

    private Stream() {
      buf = sourceRate == targetRate ? new float[0] : new float[taps - 1 + CHUNK];
      scratch = sourceRate == targetRate ? null : new float[GROUP + 1][taps];
      reset();
    }

    /**
     * The resampler this stream runs.
     *
     * @return the owning resampler
     */
    public Resampler resampler() {
      return Resampler.this;
    }

    /** Forgets all input, as a new stream. */
    public void reset() {
      Arrays.fill(buf, 0f);
      bufLen = sourceRate == targetRate ? 0 : half - 1; // the zeros before the signal
      bufBase = 0;
      consumed = 0;
      produced = 0;
      flushed = false;
    }

    /**
     * The most samples one {@link #process} call with {@code len} input samples can write:
     * {@code ceil(len * targetRate / sourceRate)}.
     *
     * @param len input block length, non-negative
     * @return {@code ceil(len * targetRate / sourceRate)}, an upper bound reached at some stream positions
     */
    public int maxOutput(int len) {
      long max = outputLength(len);
      if (max > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("len " + len + " gives up to " + max + " samples, too many for one call");
      }
      return (int) max;
    }

    /**
     * What {@link #flush} will write now.
     *
     * @return exactly the number of samples owed ({@code outputLength(inputCount())}) minus those written; 0
     *     after a flush
     */
    public int flushLength() {
      return flushed ? 0 : (int) (outputLength(consumed) - produced);
    }

    /**
     * Input pushed so far.
     *
     * @return input samples pushed since construction or the last reset
     */
    public long inputCount() {
      return consumed;
    }

    /**
     * Output written so far.
     *
     * @return output samples written since construction or the last reset
     */
    public long outputCount() {
      return produced;
    }

    /**
     * Pushes {@code len} input samples and writes every output sample they complete.
     *
     * @param in input samples at the source rate
     * @param off first sample to read from {@code in}
     * @param len number of samples to read, {@code >= 0}
     * @param out receives the output; must have room for {@link #maxOutput(int) maxOutput(len)} samples from
     *     {@code outOff}
     * @param outOff where to write the first output sample
     * @return the number of samples written, at most {@code maxOutput(len)}
     * @throws IndexOutOfBoundsException if a range is outside its array
     * @throws IllegalStateException after {@link #flush} without {@link #reset}
     */
    public int process(float[] in, int off, int len, float[] out, int outOff) {
      Objects.checkFromIndexSize(off, len, in.length);
      Objects.checkFromIndexSize(outOff, maxOutput(len), out.length);
      if (flushed) {
        throw new IllegalStateException("stream already flushed; call reset() to reuse it");
      }
      if (sourceRate == targetRate) {
        System.arraycopy(in, off, out, outOff, len);
        consumed += len;
        produced += len;
        return len;
      }
      int written = 0;
      while (len > 0) {
        int n = Math.min(len, buf.length - bufLen);
        System.arraycopy(in, off, buf, bufLen, n);
        bufLen += n;
        off += n;
        len -= n;
        consumed += n;
        written += drain(out, outOff + written, Long.MAX_VALUE);
      }
      return written;
    }

    /**
     * Ends the input (as if followed by zeros) and writes the remaining output, {@link #flushLength()}
     * samples.
     *
     * @param out receives the output; must have room for {@code flushLength()} samples from {@code outOff}
     * @param outOff where to write the first output sample
     * @return the number of samples written
     * @throws IndexOutOfBoundsException if {@code out} is too short
     */
    public int flush(float[] out, int outOff) {
      int remaining = flushLength();
      Objects.checkFromIndexSize(outOff, remaining, out.length);
      if (flushed) {
        return 0;
      }
      flushed = true;
      if (sourceRate == targetRate) {
        return 0;
      }
      long total = outputLength(consumed);
      int written = 0;
      while (produced < total) {
        Arrays.fill(buf, bufLen, buf.length, 0f);
        bufLen = buf.length;
        written += drain(out, outOff + written, total);
      }
      return written;
    }

    /** Writes every output whose window is in the buffer (up to {@code limit} in all), then compacts it. */
    private int drain(float[] out, int outOff, long limit) {
      long end = bufBase + bufLen;
      long to = Math.min(limit, outputsStartingBefore(end - taps + 1)); // windows ending by end
      int written = 0;
      if (to > produced) {
        written = (int) (to - produced);
        compute(buf, bufBase, produced, to, out, outOff, scratch);
        produced = to;
      }
      long nextPos = windowStart(produced);
      int drop = (int) Math.min(nextPos - bufBase, bufLen);
      if (drop > 0) {
        System.arraycopy(buf, drop, buf, 0, bufLen - drop);
        bufLen -= drop;
        bufBase += drop;
      }
      return written;
    }
  }
}
