package org.ser4j.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.PowerSpectrum.Backend;

/**
 * {@code librosa.feature.mfcc} for one {@link MfccConfig}, with everything that does not depend on the signal
 * precomputed once: the window, the sparse mel filterbank, the DCT matrix (lifter folded in) and the FFT
 * tables.
 *
 * <p>The pipeline per clip: pad and frame, windowed real FFT, power, mel (touching only non-zero filter
 * weights), then, once all frames are known, {@code power_to_db} with the {@code top_db} clamp over the whole
 * clip (librosa's {@code S_db.max()} is global), then DCT-II (ortho), then lifter. Results match librosa 0.11's
 * float32 pipeline within {@code 2e-3 + 1e-4 |x|} (see the parity tests).
 *
 * <p>Immutable and thread-safe: share one instance between threads. Nothing is allocated per frame: each call
 * allocates its padded signal and result arrays, and each thread that uses the extractor keeps one set of FFT
 * rows (about 0.75 MiB) in a {@link ThreadLocal}, reused
 * by later calls on that thread.
 *
 * <p>Speed: when {@code n_fft} is a power of two (and the backend is {@link Backend#AUTO}), the frames of a clip
 * are transformed together, up to 96 at a time, in loops over frames that the JIT vectorises (see
 * {@code benchmarks/README.md}; a 2 s clip at 22050 Hz, 87 frames, takes about 0.3 ms on one core). The
 * results are bit-identical to the frame-by-frame path {@link MfccStream} uses. Other sizes go frame by frame
 * through JTransforms.
 *
 * <p>Output layout (the project's convention): {@code float[frames][nMfcc]}, one row per frame, i.e. the
 * transpose of librosa's {@code (n_mfcc, t)} array.
 */
public final class MfccExtractor {

  private final MfccConfig config;
  private final int nFft;
  private final int hop;
  private final int nMels;
  private final int nMfcc;
  private final int bins;
  private final float[] window;
  private final PowerSpectrum fftPrototype;
  /** Frames-as-lanes FFT for the batch path (null when the size or backend does not allow it). */
  private final LaneFft lane;
  /** Per-thread lane buffers (about {@code 2 n_fft * 96 * 4} bytes per thread that used this extractor). */
  private final ThreadLocal<LaneFft.Buffers> laneBuffers;
  private final MelFilterbank melBank;
  /**
   * DCT rows with lifter, folded by symmetry: {@code cos(pi k (2m+1) / 2N)} at {@code m} and {@code N-1-m}
   * differ by {@code (-1)^k}, so even {@code k} weigh {@code u[m] = x[m] + x[N-1-m]} and odd {@code k} weigh
   * {@code v[m] = x[m] - x[N-1-m]}, {@code m < N/2} (plus the middle band for odd N): half the multiplies.
   */
  private final float[][] dctHalf;
  private final double amin;
  private final double refDb;
  private final boolean hasTopDb;
  private final double topDb;
  private final double halfPower;
  private final boolean aminIsNormalFloat;

  private MfccExtractor(MfccConfig config, Backend backend) {
    this.config = config;
    this.nFft = config.nFft();
    this.hop = config.hopLength();
    this.nMels = config.nMels();
    this.nMfcc = config.nMfcc();
    this.bins = config.binCount();
    this.window = Spectrograms.window(config);
    this.fftPrototype = PowerSpectrum.create(nFft, backend);
    FastRealFft plan = fftPrototype.fastPlan();
    this.lane = plan != null ? new LaneFft(plan) : null;
    this.laneBuffers = lane != null ? ThreadLocal.withInitial(lane::newBuffers) : null;
    this.melBank = MelFilterbank.of(config);
    float[][] d = Dct.matrix(nMfcc, nMels);
    float[] lw = Dct.lifterWeights(nMfcc, config.lifter());
    this.dctHalf = new float[nMfcc][];
    for (int k = 0; k < nMfcc; k++) {
      int len = (k & 1) == 0 ? (nMels + 1) / 2 : nMels / 2;
      dctHalf[k] = new float[len];
      for (int m = 0; m < len; m++) {
        dctHalf[k][m] = d[k][m] * lw[k];
      }
    }
    this.amin = config.amin();
    this.refDb = 10.0 * Math.log10(Math.max(config.amin(), config.ref()));
    this.hasTopDb = config.hasTopDb();
    this.topDb = config.topDb();
    this.halfPower = config.power() / 2.0;
    this.aminIsNormalFloat = (float) config.amin() >= Float.MIN_NORMAL;
  }

  /**
   * An extractor for {@code config}, using ser4j's fast FFT where the size allows.
   *
   * @param config the MFCC parameters
   * @return an extractor (build once, share between threads)
   */
  public static MfccExtractor create(MfccConfig config) {
    return create(config, Backend.AUTO);
  }

  /**
   * An extractor for {@code config} on the given FFT backend ({@link Backend#JTRANSFORMS} for comparison).
   *
   * @param config the MFCC parameters
   * @param backend the FFT implementation
   * @return an extractor
   */
  public static MfccExtractor create(MfccConfig config, Backend backend) {
    return new MfccExtractor(Objects.requireNonNull(config, "config"), Objects.requireNonNull(backend, "backend"));
  }

  /** {@return the configuration} */
  public MfccConfig config() {
    return config;
  }

  /** {@return the FFT backend in use} */
  public Backend backend() {
    return fftPrototype.backend();
  }

  /**
   * Frames {@link #mfcc(float[])} returns for {@code n} samples; see {@link Spectrograms#frameCount}.
   *
   * @param n signal length in samples
   * @return the number of frames
   */
  public int frameCount(int n) {
    return config.frameCount(n);
  }

  /**
   * MFCCs of a mono signal at the config's sample rate: {@code librosa.feature.mfcc(y=y, sr=sr, ...)},
   * transposed.
   *
   * @param y mono samples at the config's rate
   * @return {@code float[frames][nMfcc]}
   * @throws IllegalArgumentException if {@code y} is empty, or shorter than one frame without centring
   */
  public float[][] mfcc(float[] y) {
    Objects.requireNonNull(y, "y");
    int frames = frameCount(y.length);
    // mel power, one row per band (melRows[b][t]): the dB and DCT steps below then run along frames, in loops
    // the JIT vectorises
    float[][] melRows = new float[nMels][frames];
    int maxLanes = lane != null ? lane.maxLanes() : 1;
    int batches = (frames + maxLanes - 1) / maxLanes;
    int lanes = (frames + batches - 1) / batches;
    if (lane != null && lanes >= LaneFft.MIN_LANES) {
      LaneFft.Buffers bf = laneBuffers.get();
      LaneFft.Frames fr = frames(y, frames);
      for (int t0 = 0; t0 < frames; t0 += lanes) {
        int n = Math.min(lanes, frames - t0);
        lane.melBatch(fr, t0, n, window, halfPower, melBank, melRows, t0, bf);
      }
    } else {
      float[] padded = pad(y);
      // one frame at a time through the streaming path's kernel (melFrame), bit-identical to it
      Scratch s = newScratch();
      for (int t = 0; t < frames; t++) {
        melFrame(padded, t * hop, s.mel, 0, s);
        for (int b = 0; b < nMels; b++) {
          melRows[b][t] = s.mel[b];
        }
      }
    }
    // top_db needs the maximum over the whole clip: dB of everything first, then clamp
    float max = Float.NEGATIVE_INFINITY;
    for (float[] row : melRows) {
      max = Math.max(max, toDb(row, 0, frames));
    }
    if (hasTopDb) {
      float floor = floorFor(max);
      for (float[] row : melRows) {
        clamp(row, 0, frames, floor);
      }
    }
    int half = nMels / 2;
    float[][] u = new float[(nMels + 1) / 2][];
    float[][] v = new float[half][frames];
    for (int m = 0; m < half; m++) {
      float[] a = melRows[m];
      float[] b = melRows[nMels - 1 - m];
      float[] um = new float[frames];
      float[] vm = v[m];
      for (int t = 0; t < frames; t++) {
        um[t] = a[t] + b[t];
        vm[t] = a[t] - b[t];
      }
      u[m] = um;
    }
    if ((nMels & 1) == 1) {
      u[half] = melRows[half];
    }
    float[][] cepRows = new float[nMfcc][frames];
    for (int k = 0; k < nMfcc; k++) {
      cepstrumRow((k & 1) == 0 ? u : v, dctHalf[k], cepRows[k], frames);
    }
    float[][] out = new float[frames][nMfcc];
    for (int k = 0; k < nMfcc; k++) {
      float[] row = cepRows[k];
      for (int t = 0; t < frames; t++) {
        out[t][k] = row[t];
      }
    }
    return out;
  }

  /**
   * The frames of {@code y} without padding it whole: only the frames that reach into the padding are read
   * from small edge buffers (the same padded samples {@link #pad} would give), the rest straight from
   * {@code y}.
   */
  LaneFft.Frames frames(float[] y, int frames) {
    final int p = padLength();
    final int n = y.length;
    // interior frames [lo, hi): t hop - p >= 0 and t hop - p + nFft <= n
    int lo = Math.min(frames, (p + hop - 1) / hop);
    int hi = n + p - nFft < 0 ? 0 : Math.min(frames, (n + p - nFft) / hop + 1);
    if (hi <= lo) {
      return new LaneFft.Frames(hop, null, 0, pad(y), 0, frames, null, 0);
    }
    float[] head = lo > 0 ? paddedRange(y, 0, (lo - 1) * hop + nFft) : null;
    int tailStart = hi * hop;
    float[] tail = hi < frames ? paddedRange(y, tailStart, (frames - 1) * hop + nFft) : null;
    return new LaneFft.Frames(hop, head, lo, y, -p, hi, tail, -tailStart);
  }

  /** Samples {@code [from, to)} of the padded signal {@link #pad} returns, computed without padding it all. */
  float[] paddedRange(float[] y, int from, int to) {
    final int p = padLength();
    final int n = y.length;
    final boolean reflect = config.padMode() == PadMode.REFLECT;
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      int j = i - p;
      if (j >= 0 && j < n) {
        out[i - from] = y[j];
      } else if (reflect && n > 0) {
        out[i - from] = y[Spectrograms.reflectIndex(j, n)];
      }
    }
    return out;
  }

  /** One coefficient of every frame: {@code out[t] = sum_m c[m] x[m][t]}, four rows per pass. */
  private static void cepstrumRow(float[][] x, float[] c, float[] out, int frames) {
    final int n = c.length;
    int m = 0;
    for (; m + 3 < n; m += 4) {
      axpy4(c[m], x[m], c[m + 1], x[m + 1], c[m + 2], x[m + 2], c[m + 3], x[m + 3], out, frames);
    }
    for (; m < n; m++) {
      final float cm = c[m];
      final float[] xm = x[m];
      for (int t = 0; t < frames; t++) {
        out[t] += cm * xm[t];
      }
    }
  }

  private static void axpy4(float c0, float[] x0, float c1, float[] x1, float c2, float[] x2, float c3, float[] x3,
      float[] out, int n) {
    for (int t = 0; t < n; t++) {
      out[t] += c0 * x0[t] + c1 * x1[t] + c2 * x2[t] + c3 * x3[t];
    }
  }

  /**
   * MFCCs of a clip; multi-channel clips are first downmixed like librosa's {@code to_mono} (channel mean).
   *
   * @param clip a mono clip at the config's rate
   * @return frames x coefficients
   * @throws IllegalArgumentException if the clip's sample rate is not the config's (both are named), or the
   *     clip is empty
   */
  public float[][] mfcc(AudioClip clip) {
    Objects.requireNonNull(clip, "clip");
    if (clip.sampleRate() != config.sampleRate()) {
      throw new IllegalArgumentException("clip sample rate " + clip.sampleRate()
          + " Hz does not match the MFCC config's sample rate " + config.sampleRate()
          + " Hz; resample the clip first or build the config for " + clip.sampleRate() + " Hz");
    }
    return mfcc(clip.monoSamples());
  }

  /**
   * MFCCs of many signals, computed on {@code executor} (one task per signal). Results are in input order.
   * A failure of any signal is rethrown (unchecked) after all tasks finished or failed.
   *
   * @param signals mono signals at the config's rate
   * @param executor runs the per-signal tasks
   * @return one matrix per signal, in order
   */
  public List<float[][]> mfccAll(List<float[]> signals, Executor executor) {
    Objects.requireNonNull(signals, "signals");
    Objects.requireNonNull(executor, "executor");
    List<CompletableFuture<float[][]>> futures = new ArrayList<>(signals.size());
    for (float[] y : signals) {
      futures.add(CompletableFuture.supplyAsync(() -> mfcc(y), executor));
    }
    List<float[][]> out = new ArrayList<>(signals.size());
    RuntimeException failure = null;
    for (CompletableFuture<float[][]> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (failure == null) {
          Throwable c = e.getCause();
          failure = c instanceof RuntimeException ? (RuntimeException) c : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  /**
   * MFCCs of many signals on {@code parallelism} threads of a pool created for this call (daemon threads, shut
   * down before returning); {@code parallelism == 1} runs on the calling thread.
   *
   * @param signals mono signals at the config's rate
   * @param parallelism threads to use, at least 1
   * @return one matrix per signal, in order
   * @throws IllegalArgumentException if {@code parallelism < 1}
   */
  public List<float[][]> mfccAll(List<float[]> signals, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    if (parallelism == 1 || signals.size() <= 1) {
      List<float[][]> out = new ArrayList<>(signals.size());
      for (float[] y : signals) {
        out.add(mfcc(y));
      }
      return out;
    }
    AtomicInteger count = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "ser4j-mfcc-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, signals.size()), tf);
    try {
      return mfccAll(signals, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A streaming MFCC computation with this extractor: push samples, receive frames as they complete.
   *
   * @see MfccStream
   * @param listener receives each frame as soon as it completes
   * @return a new stream
   */
  public MfccStream stream(MfccStream.FrameListener listener) {
    return new MfccStream(this, listener);
  }

  // ---------------------------------------------------------------------------------------------- internals

  /** Per-call working memory. */
  static final class Scratch {
    final PowerSpectrum fft;
    final float[] power;
    /** Scalar-twin FFT rows (null without a lane plan). */
    final float[] re;
    final float[] im;
    final float[] mel;

    Scratch(PowerSpectrum fft, int bins, int nMels, boolean twin) {
      this.fft = fft;
      this.power = new float[bins];
      this.re = twin ? new float[fft.nFft() / 2] : null;
      this.im = twin ? new float[fft.nFft() / 2] : null;
      this.mel = new float[nMels];
    }
  }

  Scratch newScratch() {
    return new Scratch(fftPrototype.copy(), bins, nMels, lane != null);
  }

  int nMels() {
    return nMels;
  }

  int nMfcc() {
    return nMfcc;
  }

  int hop() {
    return hop;
  }

  int nFft() {
    return nFft;
  }

  int padLength() {
    return config.center() ? nFft / 2 : 0;
  }

  float[] pad(float[] y) {
    return Spectrograms.pad(y, nFft, config.center(), config.padMode());
  }

  /** {@code |FFT(frame * window)|^power} of the frame at {@code padded[off ..]} into {@code out}. */
  void powerFrame(float[] padded, int off, float[] out, Scratch s) {
    s.fft.compute(padded, off, window, out);
    if (halfPower != 1.0) {
      if (halfPower == 0.5) {
        for (int k = 0; k < bins; k++) {
          out[k] = (float) Math.sqrt(out[k]);
        }
      } else {
        for (int k = 0; k < bins; k++) {
          out[k] = (float) Math.pow(out[k], halfPower);
        }
      }
    }
  }

  /** Mel power of the frame at {@code padded[off ..]} into {@code mel[melOff .. melOff + nMels)}. */
  void melFrame(float[] padded, int off, float[] mel, int melOff, Scratch s) {
    if (lane != null) {
      // the scalar twin of the batch path: bit-identical to it
      lane.melFrame(padded, off, window, halfPower, melBank, mel, melOff, s.re, s.im);
      return;
    }
    powerFrame(padded, off, s.power, s);
    melBank.apply(s.power, 0, mel, melOff);
  }

  /** In place {@code 10 log10(max(amin, x)) - refDb}; returns the maximum. */
  float toDb(float[] x, int from, int to) {
    float max = Float.NEGATIVE_INFINITY;
    if (aminIsNormalFloat) {
      // float path (librosa's power_to_db runs in float32 on float32 input)
      final float amin = (float) this.amin;
      final float refDb = (float) this.refDb;
      for (int i = from; i < to; i++) {
        float v = x[i];
        float db = FastLog.tenLog10(v > amin ? v : amin) - refDb;
        x[i] = db;
        max = db > max ? db : max;
      }
      return max;
    }
    final double amin = this.amin;
    final double refDb = this.refDb;
    for (int i = from; i < to; i++) {
      float v = (float) (10.0 * FastLog.log10(Math.max(amin, x[i])) - refDb);
      x[i] = v;
      max = v > max ? v : max;
    }
    return max;
  }

  boolean hasTopDb() {
    return hasTopDb;
  }

  float floorFor(float maxDb) {
    return (float) (maxDb - topDb);
  }

  static void clamp(float[] x, int from, int to, float floor) {
    for (int i = from; i < to; i++) {
      x[i] = Math.max(x[i], floor);
    }
  }

  /**
   * DCT-II (ortho, liftered) of {@code db[off .. off + nMels)} into {@code out[0 .. nMfcc)}: the same sums in
   * the same order as the batch path's {@code cepstrumRow} ({@code uv} is {@code nMels + 1} floats of scratch).
   */
  void cepstrum(float[] db, int off, float[] out, float[] uv) {
    final int half = nMels / 2;
    final int vOff = (nMels + 1) / 2;
    for (int m = 0; m < half; m++) {
      float a = db[off + m];
      float b = db[off + nMels - 1 - m];
      uv[m] = a + b;
      uv[vOff + m] = a - b;
    }
    if ((nMels & 1) == 1) {
      uv[half] = db[off + half];
    }
    for (int k = 0; k < nMfcc; k++) {
      final float[] c = dctHalf[k];
      final int base = (k & 1) == 0 ? 0 : vOff;
      final int n = c.length;
      float acc = 0f;
      int m = 0;
      for (; m + 3 < n; m += 4) {
        acc += c[m] * uv[base + m] + c[m + 1] * uv[base + m + 1] + c[m + 2] * uv[base + m + 2]
            + c[m + 3] * uv[base + m + 3];
      }
      for (; m < n; m++) {
        acc += c[m] * uv[base + m];
      }
      out[k] = acc;
    }
  }
}
