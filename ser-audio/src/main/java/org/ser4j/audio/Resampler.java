package org.ser4j.audio;

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
 * <p><b>Implementation.</b> The rate pair is reduced to {@code up : down} by their greatest common divisor.
 * The filter spans {@code (126.4 - 7.95) / (2.285 * 2 pi * tw) + 1} input samples (Kaiser's estimate;
 * {@code tw} the transition width in cycles per input sample), rounded up to an even number of taps: 214 for
 * 24414 &rarr; 22050 Hz, 294 for 24414 &rarr; 16000 Hz. For ratios from 1/5 (downsampling) to 8 (upsampling),
 * which covers the usual speech and music rates, it runs in two stages, after libsoxr's design: FFT
 * overlap-save convolution to twice the input rate, whose cost per sample grows with the log of the filter
 * length, then a 12 to 18 tap polyphase stage to the output instants; its error against the direct filter is rounding (about -120 dB). Other pairs run one
 * direct polyphase FIR: one dot product of the filter phase per output, coefficients tabulated per output
 * phase or, for pairs with very many phases, linearly interpolated between 1024 phases per input sample.
 *
 * <p>Non-finite input (NaN, infinity) makes the outputs around it non-finite: with the direct filter those
 * within half a filter length, with the two-stage one those of its FFT blocks (a few thousand samples).
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
  /** The arithmetic for this pair (null when the rates are equal). */
  private final ResampleEngine engine;
  /** The filter: half its taps, and the kernel in input samples (null when the rates are equal). */
  private final int half;
  private final KaiserKernel kernel;

  private Resampler(int sourceRate, int targetRate) {
    this.sourceRate = sourceRate;
    this.targetRate = targetRate;
    int g = gcd(sourceRate, targetRate);
    this.up = targetRate / g;
    this.down = sourceRate / g;
    if (up == down) {
      engine = null;
      half = 0;
      kernel = null;
      return;
    }
    // Filter in units of input samples: cutoff and transition scale with the lower Nyquist frequency.
    double scale = Math.min(1.0, (double) up / down);
    double cutoff = 0.5 * (PASSBAND_END + STOPBAND_BEGIN) / 2 * scale; // cycles per input sample
    double transition = 0.5 * (STOPBAND_BEGIN - PASSBAND_END) * scale; // cycles per input sample
    double length = (ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition) + 1;
    double halfWidth = length / 2;
    this.half = (int) Math.ceil(halfWidth);
    this.kernel = new KaiserKernel(cutoff, halfWidth, KAISER_BETA);
    ResampleEngine twoStage = TwoStageEngine.tryCreate(up, down, half, kernel, ATTENUATION_DB);
    engine = twoStage != null ? twoStage : new PolyphaseEngine(up, down, half, kernel);
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
    engine.resample(x, out);
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

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** The strategy converting this pair (for tests); null when the rates are equal. */
  ResampleEngine engine() {
    return engine;
  }

  /** Taps of the filter, in input samples (for tests and diagnostics). */
  int taps() {
    return 2 * half;
  }

  /** The same filter as one direct polyphase FIR, whatever this pair uses (the tests' reference). */
  PolyphaseEngine directEngine() {
    return engine instanceof PolyphaseEngine ? (PolyphaseEngine) engine : new PolyphaseEngine(up, down, half, kernel);
  }

  /** Floats held by the coefficient tables (for tests). */
  long tableFloats() {
    return engine == null ? 0 : engine.tableFloats();
  }

  @Override
  public String toString() {
    return "Resampler[" + sourceRate + " -> " + targetRate + " Hz, " + up + ":" + down
        + (engine == null ? "" : ", " + engine) + "]";
  }

  /**
   * Streaming conversion: push blocks of any size with {@link #process}, then call {@link #flush} once at the
   * end. The concatenated output of all calls equals {@link Resampler#resample(float[])} of the concatenated
   * input, sample for sample. Output lags the input: by about half the filter length with the direct filter,
   * by up to a few thousand input samples with the two-stage one (it works on FFT blocks); {@code flush}
   * releases the rest.
   *
   * <p>A stream holds fixed buffers (about 0.5 MB for the two-stage engine at speech rates: input, the grid
   * at twice the input rate and the FFT rows of eight block pairs; a few KB for the direct one) and allocates
   * nothing after construction. It is not thread-safe. After {@code flush} it must be
   * {@link #reset()} before it takes more input. When the rates are equal it copies input to output.
   */
  public final class Stream {

    /** Null when the rates are equal. */
    private final ResampleEngine.StreamState state;
    private long consumed;
    private long produced;
    private boolean flushed;

    private Stream() {
      state = engine == null ? null : engine.newStream();
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
      if (state != null) {
        state.reset();
      }
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
     * Pushes {@code len} input samples and writes every output sample they complete, up to
     * {@link #maxOutput(int) maxOutput(len)} (the rest follows with later calls or the flush).
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
      int maxOut = maxOutput(len);
      Objects.checkFromIndexSize(outOff, maxOut, out.length);
      if (flushed) {
        throw new IllegalStateException("stream already flushed; call reset() to reuse it");
      }
      int written;
      if (state == null) {
        System.arraycopy(in, off, out, outOff, len);
        written = len;
      } else {
        written = state.process(in, off, len, out, outOff, maxOut);
      }
      consumed += len;
      produced += written;
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
      if (state == null) {
        return 0;
      }
      int written = state.flush(outputLength(consumed), out, outOff);
      produced += written;
      return written;
    }
  }
}
