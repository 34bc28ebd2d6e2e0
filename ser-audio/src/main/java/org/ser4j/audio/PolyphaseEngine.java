package org.ser4j.audio;

import java.util.Arrays;

/**
 * Direct polyphase FIR: every output is one dot product of the filter phase at its instant with the input
 * window around it. Used for rate pairs the {@link TwoStageEngine} does not take (ratios beyond 2 either way,
 * or too many output phases).
 *
 * <p>When {@code up} (the number of distinct output phases) times the taps is at most 2<sup>20</sup> (4 MB)
 * one filter phase is tabulated per output phase; otherwise the filter is tabulated at 1024 phases per input
 * sample (fewer for long filters, the table always under 8 MB) and linearly interpolated between
 * neighbouring phases, an error below -120 dB. Exact mode: per output an 8-way float dot product.
 * Interpolated mode: per output the interpolated coefficients times the window, in a loop C2 vectorises, then
 * the products of eight outputs summed side by side; nothing is allocated per sample.
 */
final class PolyphaseEngine implements ResampleEngine {

  /** Coefficients tabulated one phase per output phase up to this many floats (4 MB). */
  static final int EXACT_TABLE_LIMIT = 1 << 20;

  /** Phases per input sample of the interpolated table. */
  static final int DENSE_PHASES = 1024;

  /** Upper bound on the interpolated table (values and differences), in floats (6 MB). */
  static final int DENSE_TABLE_LIMIT = 3 << 19;

  /** Outputs computed together in dense mode: independent sums that pipeline. */
  private static final int GROUP = 8;

  /** Input samples a stream buffers beyond the filter span. */
  private static final int CHUNK = 4096;

  final int up;
  final int down;
  /** Taps per output sample; output at input time {@code n + p/up} reads input {@code n - half + 1 .. n + half}. */
  final int taps;
  final int half;
  /** Dense mode: {@code densePhases + 1} coefficient rows of {@code taps}; null in exact mode. */
  final float[][] rows;
  /** Dense mode only: row {@code q + 1} minus row {@code q}; null in exact mode. */
  final float[][] deltas;
  final int densePhases;
  /** Exact mode only: the {@code up} rows end to end, phase-major. */
  final float[] flatRows;

  PolyphaseEngine(int up, int down, int half, KaiserKernel kernel) {
    this.up = up;
    this.down = down;
    this.half = half;
    this.taps = 2 * half;
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
  private void fillRow(KaiserKernel kernel, double frac, float[] dst, int off) {
    for (int m = 0; m < taps; m++) {
      dst[off + m] = (float) kernel.value(frac + half - 1 - m);
    }
  }

  /** Row at {@code dst} = row at {@code src} reversed (the kernel is even). */
  private void mirrorRow(float[] t, int src, int dst) {
    for (int m = 0; m < taps; m++) {
      t[dst + m] = t[src + taps - 1 - m];
    }
  }

  /** Whether the coefficients are interpolated between tabulated phases. */
  boolean interpolatesPhases() {
    return deltas != null;
  }

  @Override
  public long tableFloats() {
    return deltas == null ? flatRows.length : (long) (rows.length + deltas.length) * taps;
  }

  @Override
  public void resample(float[] x, float[] out) {
    int n = x.length;
    // zero-padded copy: padded index j holds input j - (half - 1); the window of output k starts at n_k
    float[] padded = new float[n + taps - 1];
    System.arraycopy(x, 0, padded, half - 1, n);
    compute(padded, 0, 0, out.length, out, 0, new float[GROUP + 1][taps]);
  }

  /** Padded index of the first input in output {@code k}'s window: {@code floor(k * down / up)}, no overflow. */
  long windowStart(long k) {
    return k / up * down + k % up * down / up;
  }

  /** Phase of output {@code k}: {@code k * down mod up}. */
  int phaseOf(long k) {
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
   * {@code xBase + q} and must cover every window. Each output is summed in an order fixed by the output alone,
   * whatever the range: a stream's blocks give the batch result exactly.
   */
  private void compute(float[] xp, long xBase, long kFrom, long kTo, float[] out, int outOff, float[][] scratch) {
    int n = taps;
    long k = kFrom;
    int o = outOff;
    if (deltas == null) {
      if (k >= kTo) {
        return;
      }
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

  /** Eight partial sums over {@code m mod 8}, the tail into the first, combined pairwise. */
  static float dotExact(float[] x, int xOff, float[] h, int hOff, int len) {
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
    long scaled = (long) phase * densePhases;
    int row = (int) (scaled / up);
    float weight = (float) ((double) (scaled - (long) row * up) / up);
    float[] h = rows[row];
    float[] d = deltas[row];
    for (int j = 0; j < n; j++) {
      dst[j] = (h[j] + weight * d[j]) * win[j];
    }
  }

  @Override
  public StreamState newStream() {
    return new Stream();
  }

  @Override
  public String toString() {
    return taps + " taps, " + (deltas == null ? up + " phases" : densePhases + " interpolated phases");
  }

  /** A fixed buffer of {@code taps + 4095} samples; allocates nothing after construction. */
  private final class Stream implements StreamState {

    /** Padded input: {@code buf[i]} is padded index {@code bufBase + i} (input index minus {@code half - 1}). */
    private final float[] buf = new float[taps - 1 + CHUNK];
    private final float[][] scratch = new float[GROUP + 1][taps];
    private int bufLen;
    private long bufBase;
    private long produced;

    Stream() {
      reset();
    }

    @Override
    public void reset() {
      Arrays.fill(buf, 0f);
      bufLen = half - 1; // the zeros before the signal
      bufBase = 0;
      produced = 0;
    }

    @Override
    public int process(float[] in, int off, int len, float[] out, int outOff, int maxOut) {
      int written = 0;
      while (len > 0) {
        int n = Math.min(len, buf.length - bufLen);
        System.arraycopy(in, off, buf, bufLen, n);
        bufLen += n;
        off += n;
        len -= n;
        written += drain(out, outOff + written, Long.MAX_VALUE);
      }
      return written;
    }

    @Override
    public int flush(long total, float[] out, int outOff) {
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
