package org.ser4j.audio;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Two-stage conversion for ratios from 1/5 (downsampling) to 8 (upsampling), after libsoxr's design.
 *
 * <p><b>Stage 1</b> evaluates the band-limited signal {@code y(t) = sum_i x[i] h(t - i)} (the same Kaiser
 * filter {@code h} as {@link PolyphaseEngine}) on a grid of twice the input rate, by FFT overlap-save: blocks
 * of {@code F} padded input samples (a power of two, at least twice the filter length) overlap by the filter
 * length less one; each block's spectrum is multiplied by the conjugate spectra of the filter's two phases
 * ({@code h(m)} and {@code h(m + 1/2)}) and transformed back, which yields {@code V = F - taps + 1} samples of
 * each phase. Two real blocks ride in one complex transform (one as real, one as imaginary part), and the
 * block pairs of a call are transformed together with the pairs as the innermost ("lane") index of every
 * array, a loop form C2 vectorises: the cost per sample grows with the log of {@code F}, not with the filter
 * length.
 *
 * <p><b>Stage 2</b> reads {@code y} at the output instants from that grid with a short polyphase filter
 * (12 to 18 taps): on the grid the signal occupies at most a quarter of the sample rate, so a wide transition
 * band suffices. Its Kaiser design keeps pass-band ripple and image leakage near -126 dB, so the two stages
 * together differ from the direct single-stage filter by rounding only (about -120 dB). Normally the grid
 * is kept as its two phases and the stage runs tap by tap across consecutive input indices (see
 * {@link #emitSplit}), which C2 vectorises; output by output (a scalar dot product) only where the table
 * that needs would be too large.
 *
 * <p>Every output depends only on its own index (blocks sit at fixed positions of the padded input, and lane
 * arithmetic is element-wise and strict), so a stream's blocks, whatever their sizes, give the batch result
 * exactly.
 */
final class TwoStageEngine implements ResampleEngine {

  /** Pairs of blocks transformed together in a batch call. */
  static final int MAX_LANES = 96;
  /** Pairs of blocks transformed together by a stream. */
  static final int STREAM_LANES = 8;
  /** Input samples a stream accepts beyond what its pairs need. */
  private static final int CHUNK = 4096;
  /** Largest upsampling factor taken (beyond it the grid is far coarser than the output). */
  static final int MAX_UP = 8;
  /** Largest downsampling factor taken (beyond it the stage-1 filter, and so the FFT, grows long). */
  static final int MAX_DOWN = 5;
  /** Upper bound on the stage-2 table, in floats (4 MB). */
  static final int TABLE_LIMIT = 1 << 20;
  /** Input indices whose virtual outputs the split stage 2 computes together. */
  static final int CHUNK2 = 2048;

  private final int up;
  private final int down;
  /** Stage-1 taps (input samples per window) and the FFT geometry. */
  final int taps1;
  final int fft;
  final int valid;
  /** Block pairs per batch call: whole vectors, fewer for long blocks. */
  private final int batchLanes;
  /** Leading zeros of the padded input {@code xp}: {@code xp[q] = x[q - lead]}. */
  private final int lead;
  /** Conjugate filter spectra over {@code fft}, phase 0 and phase 1/2, natural bin order. */
  private final float[] g0r;
  private final float[] g0i;
  private final float[] g1r;
  private final float[] g1i;
  private final int[] rev;
  private final float[][] twiddles;
  /** Stage 2: output {@code k} sits at grid index {@code k * d2 / u2} (grid at twice the input rate). */
  final int u2;
  final int d2;
  final int taps2;
  /** Row length of the stage-2 table: {@code taps2} rounded up to a multiple of 4 with zeros. */
  final int span2;
  /** Grid index {@code j} is {@code Y} index {@code j + offset2} ... see {@link #windowStart}. */
  private final int start2;
  /** Scalar stage 2 coefficients, one row per output phase; null when {@link #split}. */
  private final float[] table2;
  /**
   * Stage 2 on the phase-split grid (see {@link #emitSplit}), or null where its table would exceed half
   * {@link #TABLE_LIMIT}; the grid buffer then holds the two phases in separate arrays.
   */
  private final Split sp;
  /** Whether stage 2 runs on the phase-split grid ({@code sp != null}). */
  final boolean split;
  /** {@code Y} samples from an output's window start that it reads (its window, or one more when split). */
  final int reach;

  /** The tables of the split stage 2 (see {@link #emitSplit}). */
  private static final class Split {
    /** Taps on phase 0 and on phase 1/2. */
    final int taps0;
    final int taps1h;
    /** Slots (input indices) per period, and the row length of {@link #table} (slots + {@link #CHUNK2}). */
    final int slots;
    final int rowV;
    /** Input index of output 0's window, the origin of the slots. */
    final long slot0;
    /** Outputs starting at one input index, at most (1 when downsampling). */
    final int subs;
    /** Coefficients: row per tap (per sub), column per slot (wrapped past {@link #slots} by {@link #CHUNK2}). */
    final float[][] table;
    /**
     * Outputs per period; per output {@code k mod period}, the input index step to the next output and which
     * of the outputs starting at its input index it is (its "sub", 0 to {@code subs - 1}).
     */
    final int period;
    final byte[] step;
    final byte[] sub;

    Split(int taps0, int taps1h, int slots, long slot0, int subs, int period) {
      this.taps0 = taps0;
      this.taps1h = taps1h;
      this.slots = slots;
      this.rowV = slots + CHUNK2;
      this.slot0 = slot0;
      this.subs = subs;
      this.table = new float[subs * (taps0 + taps1h)][rowV];
      this.period = period;
      // wrapped by CHUNK2 (times subs): a chunk of CHUNK2 input indices has at most subs CHUNK2 outputs
      this.step = new byte[period + subs * CHUNK2];
      this.sub = new byte[step.length];
    }
  }

  private final ConcurrentLinkedQueue<Workspace> pool = new ConcurrentLinkedQueue<>();

  private TwoStageEngine(int up, int down, int half1, KaiserKernel kernel1, int u2, int d2, int half2,
      KaiserKernel kernel2, int span2) {
    this.up = up;
    this.down = down;
    this.taps1 = 2 * half1;
    int f = 256;
    while (f < 2 * taps1) {
      f *= 2;
    }
    this.fft = f;
    this.valid = f - taps1 + 1;
    // about the same rows in memory whatever F: 96 lanes at F = 512, 48 at 1024, 8 from F = 4096 on
    this.batchLanes = Math.max(8, Math.min(MAX_LANES, MAX_LANES * 512 / f) / 8 * 8);
    int extra = half2; // grid samples before t = 0 that stage 2 reads: half2 - 1 at most
    this.lead = half1 - 1 + extra;
    // Y index of grid index j (time j / 2): j + 2 * extra; window of output k starts at grid floor(..) - half2 + 1
    this.start2 = 2 * extra - half2 + 1;
    this.u2 = u2;
    this.d2 = d2;
    this.taps2 = 2 * half2;
    this.span2 = span2;

    // stage-1 spectra: z_phase[n] = sum_m h_phase[m] xp[n + m], a correlation: Z = X conj(H), scaled by 1/F
    double[] cos = new double[f];
    double[] sin = new double[f];
    for (int i = 0; i < f; i++) {
      cos[i] = Math.cos(2 * Math.PI * i / f);
      sin[i] = Math.sin(2 * Math.PI * i / f);
    }
    float[][] spectra = new float[4][f];
    for (int phase = 0; phase < 2; phase++) {
      double[] h = new double[taps1];
      for (int m = 0; m < taps1; m++) {
        h[m] = kernel1.value(0.5 * phase + half1 - 1 - m);
      }
      for (int k = 0; k < f; k++) {
        double re = 0;
        double im = 0;
        for (int m = 0; m < taps1; m++) {
          int a = (int) ((long) k * m % f);
          re += h[m] * cos[a];
          im -= h[m] * sin[a];
        }
        spectra[2 * phase][k] = (float) (re / f);
        spectra[2 * phase + 1][k] = (float) (-im / f);
      }
    }
    g0r = spectra[0];
    g0i = spectra[1];
    g1r = spectra[2];
    g1i = spectra[3];
    int bits = Integer.numberOfTrailingZeros(f);
    rev = new int[f];
    for (int i = 0; i < f; i++) {
      rev[i] = Integer.reverse(i) >>> (32 - bits);
    }
    twiddles = new float[bits][];
    for (int st = 0, h = 1; st < bits; st++, h *= 2) {
      float[] t = new float[2 * h];
      for (int j = 0; j < h; j++) {
        double a = -Math.PI * j / h;
        t[2 * j] = (float) Math.cos(a);
        t[2 * j + 1] = (float) Math.sin(a);
      }
      twiddles[st] = t;
    }

    sp = splitStage(half2, kernel2);
    split = sp != null;
    reach = split ? Math.max(span2, taps2 + 1) : span2;
    table2 = split ? null : scalarTable(half2, kernel2);
  }

  /**
   * The split stage 2's tables: input index i (grid indices 2i and 2i + 1) gets the window of the output
   * starting there; null where they would exceed half {@link #TABLE_LIMIT}.
   */
  private Split splitStage(int half2, KaiserKernel kernel2) {
    int t0 = half2 + 1;
    int t1 = half2;
    boolean odd = d2 % 2 != 0;
    long m2 = odd ? d2 : d2 / 2; // input indices per period of the output windows
    long q2 = odd ? 2L * u2 : u2; // outputs per period
    int most = 1;
    if (down < up) {
      for (long k = 1, run = 1; k < q2 && most <= MAX_UP + 1; k++) {
        run = windowStart(k) >> 1 == windowStart(k - 1) >> 1 ? run + 1 : 1;
        most = (int) Math.max(most, run);
      }
    }
    if (most > MAX_UP + 1 || (long) most * (t0 + t1) * (m2 + CHUNK2) > TABLE_LIMIT / 2) {
      return null;
    }
    Split s = new Split(t0, t1, (int) m2, windowStart(0) >> 1, most, (int) q2);
    for (int k = 0; k < s.step.length; k++) {
      s.step[k] = (byte) ((windowStart(k + 1) >> 1) - (windowStart(k) >> 1));
      s.sub[k] = k == 0 || s.step[k - 1] != 0 ? 0 : (byte) (s.sub[k - 1] + 1);
    }
    for (long k = 0; k < q2; k++) {
      long start = windowStart(k);
      int slot = (int) ((start >> 1) - s.slot0);
      int sub = s.sub[(int) k] * (t0 + t1);
      int parity = (int) (start & 1);
      double frac = (double) (k % u2 * d2 % u2) / u2;
      for (int m = 0; m < taps2; m++) {
        float c = (float) kernel2.value(frac + half2 - 1 - m);
        int q = parity + m; // grid index 2 i + q
        int row = (q & 1) == 0 ? q >> 1 : t0 + (q >> 1);
        s.table[sub + row][slot] = c;
      }
    }
    for (float[] r : s.table) {
      for (int c = s.slots; c < s.rowV; c++) {
        r[c] = r[c % s.slots];
      }
    }
    return s;
  }

  /**
   * The scalar stage 2's table: row j holds the coefficients of outputs k = j mod u2, in output order, so that
   * outputs read it sequentially (phase (j d2) mod u2 jumps around; its rows would be fetched from L2 at random).
   */
  private float[] scalarTable(int half2, KaiserKernel kernel2) {
    float[] t = new float[u2 * span2];
    for (int j = 0; j < u2; j++) {
      double frac = (double) ((long) j * d2 % u2) / u2;
      for (int m = 0; m < taps2; m++) {
        t[j * span2 + m] = (float) kernel2.value(frac + half2 - 1 - m);
      }
    }
    return t;
  }

  /**
   * The two-stage engine for {@code up : down}, or null when the pair is outside its range (ratio beyond 2
   * beyond {@link #MAX_UP} or {@link #MAX_DOWN}, or a stage-2 table over {@link #TABLE_LIMIT}).
   *
   * @param attenuationDb stop-band attenuation to design stage 2 for
   * @param kernel1 the single-stage filter, in input samples, of half length {@code half1}
   */
  static TwoStageEngine tryCreate(int up, int down, int half1, KaiserKernel kernel1, double attenuationDb) {
    if ((long) up > (long) MAX_UP * down || (long) MAX_DOWN * up < down) {
      return null;
    }
    double scale = Math.min(1.0, (double) up / down);
    // on the grid (2 per input sample) the signal ends at scale / 4 cycles per sample; its first image starts
    // at 1 - scale / 4: cut-off half-way, at 1/2
    double transition = 1 - 0.5 * scale;
    double length = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition) + 1;
    int half2 = Math.max(2, (int) Math.round(length / 2));
    int span2 = (2 * half2 + 3) / 4 * 4;
    long twoDown = 2L * down;
    long g = gcd(twoDown, up);
    long u2 = up / g;
    long d2 = twoDown / g;
    if (u2 * span2 > TABLE_LIMIT || d2 > Integer.MAX_VALUE) {
      return null;
    }
    double beta = 0.1102 * (attenuationDb - 8.7);
    KaiserKernel kernel2 = new KaiserKernel(0.5, half2, beta);
    return new TwoStageEngine(up, down, half1, kernel1, (int) u2, (int) d2, half2, kernel2, span2);
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public long tableFloats() {
    return (split ? (long) sp.table.length * sp.rowV + sp.step.length / 2 : table2.length) + 4L * fft;
  }

  @Override
  public String toString() {
    return "two stages: FFT " + fft + " x " + taps1 + " taps to twice the input rate, then " + taps2 + " taps, "
        + u2 + " phases";
  }

  private long outputLength(long n) {
    return n / down * up + (n % down * up + down - 1) / down;
  }

  /** {@code Y} index of the first grid sample in output {@code k}'s window. */
  long windowStart(long k) {
    return k / u2 * d2 + k % u2 * d2 / u2 + start2;
  }

  /** Outputs whose window (of {@code span2}) ends before {@code Y} index {@code yEnd}. */
  private long outputsBefore(long yEnd) {
    long last = yEnd - reach - start2; // largest grid floor allowed
    if (last < 0) {
      return 0;
    }
    // smallest k with floor(k d2 / u2) > last: ceil((last + 1) u2 / d2)
    long a = last + 1;
    return a / d2 * u2 + (a % d2 * u2 + d2 - 1) / d2;
  }

  /** Pairs whose stage-1 output the first {@code outputs} outputs need. */
  private long pairsFor(long outputs) {
    if (outputs == 0) {
      return 0;
    }
    long yNeeded = windowStart(outputs - 1) + reach;
    long perPair = 4L * valid;
    return (yNeeded + perPair - 1) / perPair;
  }

  // ------------------------------------------------------------------------------------------------ batch

  /** Lane rows of one thread, and its grid buffer. */
  private static final class Workspace {
    final float[][] reA;
    final float[][] imA;
    final float[][] reB;
    final float[][] imB;
    /** The grid, interleaved ({@code y}) or, when split, by phase ({@code y0}, {@code y1}, half as long). */
    final float[] y;
    final float[] y0;
    final float[] y1;
    /** Virtual outputs of one chunk and the grid aligned to them per tap (split stage 2), by slot. */
    final float[][] v;
    final float[] taps;
    /** Capacity in grid samples. */
    final int cap;

    Workspace(int fft, int lanes, int yCap, Split sp) {
      boolean split = sp != null;
      reA = new float[fft][lanes];
      imA = new float[fft][lanes];
      reB = new float[fft][lanes];
      imB = new float[fft][lanes];
      cap = (yCap + 1) & ~1;
      y = split ? null : new float[cap];
      y0 = split ? new float[cap / 2] : null;
      y1 = split ? new float[cap / 2] : null;
      v = split ? new float[sp.subs][sp.rowV] : null;
      taps = split ? new float[sp.rowV] : null;
    }
  }

  @Override
  public void resample(float[] x, float[] out) {
    Workspace ws = pool.poll();
    if (ws == null) {
      ws = new Workspace(fft, batchLanes, 4 * valid * batchLanes + 2 * reach + 16, sp);
    }
    Cursor c = new Cursor(ws);
    c.run(x, -lead, 0, x.length, Long.MAX_VALUE, out, 0, out.length);
    if (pool.size() < 4) {
      pool.offer(ws);
    }
  }

  /** Progress through one signal: pairs computed, the grid buffer, outputs written. */
  private final class Cursor {
    final Workspace ws;
    long pairsDone;
    /** {@code ws.y[i]} is {@code Y} index {@code yBase + i}; {@code yBase + yLen = 4 valid pairsDone}. */
    long yBase;
    int yLen;
    long produced;

    Cursor(Workspace ws) {
      this.ws = ws;
    }

    /** Drops grid samples no later output reads. */
    void compact() {
      long keepFrom = windowStart(produced) & ~1L; // even: split windows start at grid index 2i
      int drop = (int) Math.min(Math.max(0, keepFrom - yBase), yLen);
      if (drop > 0) {
        if (split) {
          System.arraycopy(ws.y0, drop / 2, ws.y0, 0, (yLen - drop) / 2);
          System.arraycopy(ws.y1, drop / 2, ws.y1, 0, (yLen - drop) / 2);
        } else {
          System.arraycopy(ws.y, drop, ws.y, 0, yLen - drop);
        }
        yLen -= drop;
        yBase += drop;
      }
    }

    void reset() {
      pairsDone = 0;
      yBase = 0;
      yLen = 0;
      produced = 0;
    }

    /**
     * Computes pairs and writes outputs until outputs {@code limit} are written or nothing more can be done.
     * Padded input {@code q} is {@code src[q + shift]} when that index is in {@code [lo, hi)}, else zero;
     * only input below {@code availEnd} (padded index) may be used.
     *
     * @return outputs written
     */
    int run(float[] src, long shift, int lo, int hi, long availEnd, float[] out, int outOff, long limit) {
      int written = 0;
      int perPair = 4 * valid;
      while (true) {
        long target = Math.min(limit, outputsBefore(yBase + yLen));
        if (target > produced) {
          if (split) {
            emitSplit(ws, yBase, produced, target, out, outOff + written);
          } else {
            emit(ws.y, yBase, produced, target, out, outOff + written);
          }
          written += (int) (target - produced);
          produced = target;
        }
        if (produced >= limit) {
          return written;
        }
        long count;
        if (availEnd == Long.MAX_VALUE) {
          count = pairsFor(limit) - pairsDone; // zeros follow the input: only the pairs the outputs need
        } else {
          count = Math.floorDiv(availEnd - valid - fft, 2L * valid) + 1 - pairsDone; // every pair the input completes
        }
        count = Math.min(count, ws.reA[0].length);
        if (count > 0 && (ws.cap - yLen) / perPair < count) {
          compact(); // only when short of room: each compaction copies what is kept
        }
        count = Math.min(count, (ws.cap - yLen) / perPair);
        if (count <= 0) {
          return written;
        }
        pairs(src, shift, lo, hi, pairsDone, (int) count, ws, yLen);
        pairsDone += count;
        yLen += (int) count * perPair;
      }
    }
  }

  /** Stage 1 for pairs {@code p0 .. p0 + lanes - 1}: grid samples to {@code ws.y} from {@code yOff}. */
  private void pairs(float[] src, long shift, int lo, int hi, long p0, int lanes, Workspace ws, int yOff) {
    final int f = fft;
    final int v = valid;
    final float[][] reA = ws.reA;
    final float[][] imA = ws.imA;
    final float[][] reB = ws.reB;
    final float[][] imB = ws.imB;
    // whole vectors of lanes: C2's vector loops have no scalar tail then (extra lanes compute zeros)
    final int width = lanes < 8 ? lanes : (lanes + 7) & ~7;
    long first = p0 * 2 * v + shift;
    long last = (p0 + lanes - 1) * 2 * v + v + f - 1 + shift;
    if (first >= lo && last < hi) {
      int base = (int) first;
      for (int i = 0; i < f; i++) {
        float[] ra = reA[rev[i]];
        float[] ia = imA[rev[i]];
        for (int l = 0, o = base + i; l < lanes; l++, o += 2 * v) {
          ra[l] = src[o];
          ia[l] = src[o + v];
        }
        for (int l = lanes; l < width; l++) {
          ra[l] = 0f;
          ia[l] = 0f;
        }
      }
    } else {
      for (int i = 0; i < f; i++) {
        float[] ra = reA[rev[i]];
        float[] ia = imA[rev[i]];
        for (int l = 0; l < lanes; l++) {
          long o = first + (long) l * 2 * v + i;
          ra[l] = o >= lo && o < hi ? src[(int) o] : 0f;
          long o2 = o + v;
          ia[l] = o2 >= lo && o2 < hi ? src[(int) o2] : 0f;
        }
        for (int l = lanes; l < width; l++) {
          ra[l] = 0f;
          ia[l] = 0f;
        }
      }
    }
    transform(reA, imA, width);
    for (int phase = 0; phase < 2; phase++) {
      float[] gr = phase == 0 ? g0r : g1r;
      float[] gi = phase == 0 ? g0i : g1i;
      // product, stored bit-reversed and with re and im swapped: the forward transform then inverts
      for (int k = 0; k < f; k++) {
        multiply(reA[k], imA[k], gr[k], gi[k], reB[rev[k]], imB[rev[k]], width);
      }
      transform(reB, imB, width);
      // re rows now hold the odd block of each pair, im rows the even one
      if (split) {
        float[] y = phase == 0 ? ws.y0 : ws.y1;
        for (int j = 0; j < v; j++) {
          float[] odd = reB[j];
          float[] even = imB[j];
          for (int l = 0, o = yOff / 2 + j; l < lanes; l++, o += 2 * v) {
            y[o] = even[l];
            y[o + v] = odd[l];
          }
        }
      } else {
        float[] y = ws.y;
        for (int j = 0; j < v; j++) {
          float[] odd = reB[j];
          float[] even = imB[j];
          for (int l = 0, o = yOff + 2 * j + phase; l < lanes; l++, o += 4 * v) {
            y[o] = even[l];
            y[o + 2 * v] = odd[l];
          }
        }
      }
    }
  }

  private static void multiply(float[] ar, float[] ai, float gr, float gi, float[] swappedIm, float[] swappedRe,
      int lanes) {
    for (int l = 0; l < lanes; l++) {
      float a = ar[l];
      float b = ai[l];
      swappedRe[l] = a * gr - b * gi;
      swappedIm[l] = a * gi + b * gr;
    }
  }

  /** Stage 2: outputs {@code kFrom .. kTo - 1} from grid buffer {@code y} ({@code Y} index {@code yBase + i}). */
  private void emit(float[] y, long yBase, long kFrom, long kTo, float[] out, int outOff) {
    int n = span2;
    int stepWhole = d2 / u2;
    int stepFrac = d2 % u2;
    int pos = (int) (windowStart(kFrom) - yBase);
    int phase = (int) (kFrom % u2 * d2 % u2);
    int row = (int) (kFrom % u2) * n;
    int tableEnd = u2 * n;
    float[] h = table2;
    int u = u2;
    int end = outOff + (int) (kTo - kFrom);
    if (n == 16) {
      for (int o = outOff; o < end; o++) {
        out[o] = dot16(y, pos, h, row);
        row += 16;
        if (row == tableEnd) {
          row = 0;
        }
        phase += stepFrac;
        int wrap = (u - 1 - phase) >> 31; // -1 when the phase passed a whole grid sample, else 0 (no branch)
        phase -= u & wrap;
        pos += stepWhole - wrap;
      }
      return;
    }
    for (int o = outOff; o < end; o++) {
      out[o] = dot(y, pos, h, row, n);
      row += n;
      if (row == tableEnd) {
        row = 0;
      }
      phase += stepFrac;
      int wrap = (u - 1 - phase) >> 31;
      phase -= u & wrap;
      pos += stepWhole - wrap;
    }
  }

  /**
   * Stage 2 on the phase-split grid, vectorised across outputs: every input index {@code i} gets the
   * "virtual output" of the window starting at grid index {@code 2i} or {@code 2i + 1}, with the
   * coefficients of the output whose window starts there (zeros where none does), so that the sums run
   * tap by tap over consecutive indices, a loop form C2 vectorises; outputs then pick their index. When
   * downsampling, consecutive outputs start at different input indices, so each index serves at most one
   * output; when upsampling, up to {@link Split#subs} outputs start at one index, and each index has that many
   * virtual outputs (one table, one row of sums per sub). Each virtual output is the same sequential sum over
   * its taps whatever the chunking.
   */
  private void emitSplit(Workspace ws, long yBase, long kFrom, long kTo, float[] out, int outOff) {
    final float[][] v = ws.v;
    final Split sp = this.sp;
    final int t0 = sp.taps0;
    final int t1 = sp.taps1h;
    final byte[] step = sp.step;
    final byte[] sub = sp.sub;
    long iBase = yBase >> 1; // yBase is even
    int lastIndex = (int) ((windowStart(kTo - 1) >> 1) - iBase);
    int a = (int) ((windowStart(kFrom) >> 1) - iBase);
    long k = kFrom;
    int o = outOff;
    while (k < kTo) {
      int n = Math.min(CHUNK2, lastIndex - a + 1);
      int s0 = (int) ((iBase + a - sp.slot0) % sp.slots);
      // everything indexed by slot: C2 (JDK 17) packs only accesses at the same index
      taps(ws, ws.y0, a, 0, t0, s0, n, true);
      taps(ws, ws.y1, a, t0, t1, s0, n, false);
      long kEnd = Math.min(kTo, outputsStartingBefore(2 * (iBase + a + n)));
      int count = (int) (kEnd - k);
      int kq = (int) (k % sp.period);
      int j = s0;
      if (sp.subs == 1) {
        float[] v0 = v[0];
        for (int i = 0; i < count; i++) {
          out[o + i] = v0[j];
          j += step[kq + i];
        }
      } else {
        for (int i = 0; i < count; i++) {
          out[o + i] = v[sub[kq + i]][j];
          j += step[kq + i];
        }
      }
      o += count;
      k = kEnd;
      a += j - s0;
    }
  }

  /** Outputs whose window starts before {@code Y} index {@code yIndex}. */
  private long outputsStartingBefore(long yIndex) {
    long g = yIndex - start2; // smallest k with floor(k d2 / u2) >= g: ceil(g u2 / d2)
    if (g <= 0) {
      return 0;
    }
    return g / d2 * u2 + (g % d2 * u2 + d2 - 1) / d2;
  }

  /**
   * Adds taps {@code row0 .. row0 + count - 1} (grid {@code y} from {@code a}) to the chunk's virtual outputs,
   * one loop per tap: C2 (JDK 17) vectorises only short loop bodies, and only accesses at the same index, so
   * each tap's grid samples are first copied to the slots' positions.
   */
  private void taps(Workspace ws, float[] y, int a, int row0, int count, int s0, int n, boolean first) {
    final Split sp = this.sp;
    final float[][] tb = sp.table;
    final float[] g = ws.taps;
    final int rows = sp.taps0 + sp.taps1h;
    int e = s0 + n;
    for (int t = 0; t < count; t++) {
      System.arraycopy(y, a + t, g, s0, n);
      for (int r = 0; r < sp.subs; r++) {
        float[] v = ws.v[r];
        float[] c = tb[r * rows + row0 + t];
        if (first && t == 0) {
          set1(v, c, g, s0, e);
        } else {
          add1(v, c, g, s0, e);
        }
      }
    }
  }

  private static void set1(float[] v, float[] c, float[] y, int s, int e) {
    for (int j = s; j < e; j++) {
      v[j] = c[j] * y[j];
    }
  }

  private static void add1(float[] v, float[] c, float[] y, int s, int e) {
    for (int j = s; j < e; j++) {
      v[j] += c[j] * y[j];
    }
  }

  /** {@link #dot} for 16 taps, unrolled: the same sums in the same order. */
  private static float dot16(float[] x, int xo, float[] h, int ho) {
    float s0 = x[xo] * h[ho];
    float s1 = x[xo + 1] * h[ho + 1];
    float s2 = x[xo + 2] * h[ho + 2];
    float s3 = x[xo + 3] * h[ho + 3];
    s0 += x[xo + 4] * h[ho + 4];
    s1 += x[xo + 5] * h[ho + 5];
    s2 += x[xo + 6] * h[ho + 6];
    s3 += x[xo + 7] * h[ho + 7];
    s0 += x[xo + 8] * h[ho + 8];
    s1 += x[xo + 9] * h[ho + 9];
    s2 += x[xo + 10] * h[ho + 10];
    s3 += x[xo + 11] * h[ho + 11];
    s0 += x[xo + 12] * h[ho + 12];
    s1 += x[xo + 13] * h[ho + 13];
    s2 += x[xo + 14] * h[ho + 14];
    s3 += x[xo + 15] * h[ho + 15];
    return (s0 + s1) + (s2 + s3);
  }

  /** Four partial sums over {@code m mod 4}, combined pairwise; {@code len} a multiple of 4. */
  private static float dot(float[] x, int xOff, float[] h, int hOff, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    for (int m = 0; m < len; m += 4) {
      s0 += x[xOff + m] * h[hOff + m];
      s1 += x[xOff + m + 1] * h[hOff + m + 1];
      s2 += x[xOff + m + 2] * h[hOff + m + 2];
      s3 += x[xOff + m + 3] * h[hOff + m + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }

  // ------------------------------------------------------------------------------------------------ FFT

  /**
   * Radix-2 decimation in time on bit-reversed rows, in place, natural order out; lanes innermost (the
   * schedule of ser-features' LaneFft: early stages blocked for L1, later ones three at a time).
   */
  private void transform(float[][] re, float[][] im, int lanes) {
    final int m = fft;
    int rowBytes = 4 * lanes + 16;
    int blk = 2;
    while (blk < m && 2 * blk * 2 * rowBytes <= 16 * 1024) {
      blk *= 2;
    }
    for (int b0 = 0; b0 < m; b0 += blk) {
      for (int i = b0; i < b0 + blk; i += 2) {
        radix2(re[i], im[i], re[i + 1], im[i + 1], lanes);
      }
      for (int h = 2, st = 1; h < blk; h *= 2, st++) {
        final float[] tw = twiddles[st];
        for (int b = b0; b < b0 + blk; b += 2 * h) {
          radix2(re[b], im[b], re[b + h], im[b + h], lanes);
          for (int j = 1; j < h; j++) {
            radix2(re[b + j], im[b + j], re[b + j + h], im[b + j + h], tw[2 * j], tw[2 * j + 1], lanes);
          }
        }
      }
    }
    int h = blk;
    int st = Integer.numberOfTrailingZeros(blk);
    while (h < m) {
      int g = 1;
      while (g < 3 && (h << g) < m) {
        g++;
      }
      final int rows = 1 << g;
      for (int b = 0; b < m; b += rows * h) {
        for (int j = 0; j < h; j++) {
          final int base = b + j;
          for (int sg = 0; sg < g; sg++) {
            final int d = 1 << sg;
            final float[] tw = twiddles[st + sg];
            for (int t = 0; t < rows; t++) {
              if ((t & d) != 0) {
                continue;
              }
              final int x = base + t * h;
              final int y = x + d * h;
              final int jj = j + (t & (d - 1)) * h;
              if (jj == 0) {
                radix2(re[x], im[x], re[y], im[y], lanes);
              } else {
                radix2(re[x], im[x], re[y], im[y], tw[2 * jj], tw[2 * jj + 1], lanes);
              }
            }
          }
        }
      }
      h <<= g;
      st += g;
    }
  }

  private static void radix2(float[] ar, float[] ai, float[] br, float[] bi, int lanes) {
    for (int f = 0; f < lanes; f++) {
      float xr = ar[f];
      float xi = ai[f];
      float yr = br[f];
      float yi = bi[f];
      ar[f] = xr + yr;
      ai[f] = xi + yi;
      br[f] = xr - yr;
      bi[f] = xi - yi;
    }
  }

  private static void radix2(float[] ar, float[] ai, float[] br, float[] bi, float wr, float wi, int lanes) {
    for (int f = 0; f < lanes; f++) {
      float xr = ar[f];
      float xi = ai[f];
      float yr = br[f];
      float yi = bi[f];
      float tr = yr * wr - yi * wi;
      float ti = yr * wi + yi * wr;
      ar[f] = xr + tr;
      ai[f] = xi + ti;
      br[f] = xr - tr;
      bi[f] = xi - ti;
    }
  }

  // ------------------------------------------------------------------------------------------------ stream

  @Override
  public StreamState newStream() {
    return new Stream();
  }

  /** Fixed buffers (input, grid, lane rows for {@link #STREAM_LANES} pairs); allocates nothing per call. */
  private final class Stream implements StreamState {
    private final float[] buf;
    /** {@code buf[i]} is padded input {@code bufBase + i}. */
    private long bufBase;
    private int bufLen;
    private long consumed;
    private final Cursor cursor;

    Stream() {
      buf = new float[2 * valid * STREAM_LANES + fft + CHUNK];
      int yCap = 4 * valid * STREAM_LANES + 2 * buf.length + 2 * fft + 2 * reach + 64;
      cursor = new Cursor(new Workspace(fft, STREAM_LANES, yCap, sp));
      reset();
    }

    @Override
    public void reset() {
      Arrays.fill(buf, 0f);
      bufBase = 0;
      bufLen = lead; // the zeros before the signal
      consumed = 0;
      cursor.reset();
    }

    @Override
    public int process(float[] in, int off, int len, float[] out, int outOff, int maxOut) {
      int written = 0;
      while (true) {
        if (buf.length - bufLen < len) {
          compact(); // only when short of room
        }
        int n = Math.min(len, buf.length - bufLen);
        System.arraycopy(in, off, buf, bufLen, n);
        bufLen += n;
        off += n;
        len -= n;
        consumed += n;
        long limit = Math.min(outputLength(consumed), cursor.produced + (maxOut - written));
        long before = cursor.pairsDone;
        written += cursor.run(buf, -bufBase, 0, bufLen, bufBase + bufLen, out, outOff + written, limit);
        if (len == 0) {
          return written;
        }
        if (n == 0 && cursor.pairsDone == before && buf.length - bufLen < len) {
          compact();
        }
        if (n == 0 && cursor.pairsDone == before && buf.length == bufLen) {
          throw new IllegalStateException("resampler stream stalled (internal error)");
        }
      }
    }

    @Override
    public int flush(long total, float[] out, int outOff) {
      int written = 0;
      while (cursor.produced < total) {
        int w = cursor.run(buf, -bufBase, 0, bufLen, Long.MAX_VALUE, out, outOff + written, total);
        written += w;
        compact();
      }
      return written;
    }

    /** Drops input no later pair reads. */
    private void compact() {
      long need = cursor.pairsDone * 2 * valid;
      int drop = (int) Math.min(Math.max(0, need - bufBase), bufLen);
      if (drop > 0) {
        System.arraycopy(buf, drop, buf, 0, bufLen - drop);
        bufLen -= drop;
        bufBase += drop;
      }
      if (need > bufBase && bufLen == 0) {
        bufBase = need; // past the end of the input (flush): only zeros remain
      }
    }
  }
}
