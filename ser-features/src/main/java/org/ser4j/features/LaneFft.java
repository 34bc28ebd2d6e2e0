package org.ser4j.features;

/**
 * Power-of-two real FFT, power and mel filterbank run on up to {@link #maxLanes()} frames at once with the
 * frames as the innermost ("lane") dimension: complex point {@code k} of all frames is one small
 * {@code float[]} row. Every butterfly is then a loop over lanes in which all memory accesses share the index
 * expression {@code f} on distinct row arrays, a form HotSpot C2's SuperWord auto-vectorises (JDK 17 does not
 * vectorise loops that mix loop-invariant offsets into one array, nor loops with large bodies, hence radix-2
 * butterflies and the two-pass real split).
 *
 * <p>The transform is a radix-2 decimation in time of size {@code M = N / 2} on the even/odd-packed frame
 * (bit reversal and split tables from {@link FastRealFft}), followed by the real split. {@link #melFrame} is
 * its scalar twin for one frame: the same operations in the same order, hence bit-identical results.
 */
final class LaneFft {

  /**
   * Lanes per batch at most, for n_fft up to 2048 (a 2 s clip at 22050 Hz is one batch of 87 frames: half the
   * lane loops of two batches of 44, each loop having a fixed cost of some 7 ns besides its lanes); larger
   * sizes use fewer so the rows stay within ~0.75 MiB (L2).
   */
  static final int MAX_LANES = 96;
  /**
   * The real split runs on chunks of this many lanes: measured on JDK 17 with AVX-512, its loops over more
   * than 64 lanes took about twice as long per lane as two loops over halves (C2 unrolls the vector loop to 64
   * lanes per iteration when the profile shows such trip counts and leaves the rest to the scalar post-loop).
   * A fixed 44 measured faster than halves computed per batch; the butterflies and the mel sums did not gain
   * from the same split (measured).
   */
  static final int SPLIT_LANES = 44;
  /** Below this many frames per batch the lane loops do not pay; the per-frame path is used. */
  static final int MIN_LANES = 16;
  /** Bytes of rows the first, blocked stages may keep in L1 at once. */
  private static final int L1_BUDGET = 16 * 1024;

  private final FastRealFft plan;
  private final int maxLanes;
  /** Radix-2 twiddles per stage: stage {@code st} (span {@code h = 2^st}) holds {@code W_2h^j}, {@code j < h}, as re, im. */
  private final float[][] twiddles;

  LaneFft(FastRealFft plan) {
    this.plan = plan;
    this.maxLanes = Math.max(MIN_LANES, Math.min(MAX_LANES, MAX_LANES * 1024 / plan.m));
    int stages = Integer.numberOfTrailingZeros(plan.m);
    twiddles = new float[stages][];
    for (int st = 0, h = 1; st < stages; st++, h *= 2) {
      float[] t = new float[2 * h];
      for (int j = 0; j < h; j++) {
        double a = -Math.PI * j / h;
        t[2 * j] = (float) Math.cos(a);
        t[2 * j + 1] = (float) Math.sin(a);
      }
      twiddles[st] = t;
    }
  }

  /** Working rows for one thread: {@code re[k], im[k]} of {@link #maxLanes()} each, plus one mel row. */
  static final class Buffers {
    final float[][] re;
    final float[][] im;
    final float[] acc;

    Buffers(int m, int lanes) {
      re = new float[m][];
      im = new float[m][];
      acc = new float[lanes];
      // re[k] next to im[k]: a butterfly touches both
      for (int k = 0; k < m; k++) {
        re[k] = new float[lanes];
        im[k] = new float[lanes];
      }
    }
  }

  Buffers newBuffers() {
    return new Buffers(plan.m, maxLanes);
  }

  /** Frames per batch at most for this size. */
  int maxLanes() {
    return maxLanes;
  }

  /**
   * Where each frame's {@code n_fft} samples start without a materialised padded signal: frames
   * {@code [0, headEnd)} at {@code head[t hop]}, frames {@code [headEnd, bodyEnd)} at {@code body[t hop + bodyOff]}
   * (the signal itself: {@code bodyOff} is minus the padding), the rest at {@code tail[t hop + tailOff]}. Only
   * the few frames that reach into the padding read the small edge buffers.
   */
  static final class Frames {
    final int hop;
    final float[] head;
    final int headEnd;
    final float[] body;
    final int bodyOff;
    final int bodyEnd;
    final float[] tail;
    final int tailOff;

    Frames(int hop, float[] head, int headEnd, float[] body, int bodyOff, int bodyEnd, float[] tail, int tailOff) {
      this.hop = hop;
      this.head = head;
      this.headEnd = headEnd;
      this.body = body;
      this.bodyOff = bodyOff;
      this.bodyEnd = bodyEnd;
      this.tail = tail;
      this.tailOff = tailOff;
    }
  }

  /**
   * Mel power of frames {@code [t0, t0 + lanes)} of {@code fr}: band {@code b} of frame {@code t0 + f} goes to
   * {@code mel[b][dst + f]}.
   */
  void melBatch(Frames fr, int t0, int lanes, float[] window, double halfPower, MelFilterbank bank, float[][] mel,
      int dst, Buffers bf) {
    final int hop = fr.hop;
    final int t1 = t0 + lanes;
    int a = Math.min(t1, Math.max(t0, fr.headEnd));
    int b = Math.min(t1, Math.max(a, fr.bodyEnd));
    if (a > t0) {
      load(fr.head, t0 * hop, hop, 0, a - t0, window, bf.re, bf.im);
    }
    if (b > a) {
      load(fr.body, a * hop + fr.bodyOff, hop, a - t0, b - t0, window, bf.re, bf.im);
    }
    if (t1 > b) {
      load(fr.tail, b * hop + fr.tailOff, hop, b - t0, lanes, window, bf.re, bf.im);
    }
    melOfLoaded(lanes, halfPower, bank, mel, dst, bf);
  }

  private void melOfLoaded(int lanes, double halfPower, MelFilterbank bank, float[][] mel, int dst, Buffers bf) {
    transform(bf.re, bf.im, lanes);
    for (int c0 = 0; c0 < lanes; c0 += SPLIT_LANES) {
      powerInPlace(bf.re, bf.im, c0, Math.min(lanes, c0 + SPLIT_LANES));
    }
    final int m = plan.m;
    if (halfPower != 1.0) {
      for (int k = 0; k <= m; k++) {
        float[] row = k == m ? bf.im[0] : bf.re[k];
        for (int f = 0; f < lanes; f++) {
          row[f] = (float) (halfPower == 0.5 ? Math.sqrt(row[f]) : Math.pow(row[f], halfPower));
        }
      }
    }
    final float[] acc = bf.acc;
    final float[] w = bank.flat;
    final int nMels = bank.bandCount();
    for (int b = 0; b < nMels; b++) {
      java.util.Arrays.fill(acc, 0, lanes, 0f);
      int k = bank.first[b];
      for (int j = bank.offsets[b]; j < bank.offsets[b + 1]; j++, k++) {
        axpy(w[j], k == m ? bf.im[0] : bf.re[k], acc, 0, lanes);
      }
      System.arraycopy(acc, 0, mel[b], dst, lanes);
    }
  }

  private static void axpy(float a, float[] x, float[] y, int from, int to) {
    for (int f = from; f < to; f++) {
      y[f] += a * x[f];
    }
  }

  /**
   * Window, pack even/odd samples as re/im, store at the bit-reversed row and run the first radix-2 stage (span
   * 1) on the way, lanes {@code [from, to)}, lane {@code from} being {@code src[off0 ..]}: point {@code j} and
   * point {@code j + M/2} land in the neighbouring rows {@code rev[j]} and {@code rev[j] + 1}, so their sum and
   * difference are stored directly (the same float operations as loading, then the stage; a pass over all rows
   * fewer). Frames lie {@code hop} samples apart, a stride that maps all lanes to a few L1 sets, so each pass
   * reads four consecutive samples from each half of the frame. This loop is scalar (strided reads).
   */
  void load(float[] src, int off0, int hop, int from, int to, float[] window, float[][] re, float[][] im) {
    final int[] rev = plan.rev;
    final int m = plan.m;
    final int half = m / 2;
    for (int j = 0; j < half; j += 2) {
      final int a = rev[j];
      final int b = rev[j + 1];
      final float[] ra = re[a];
      final float[] ia = im[a];
      final float[] rA = re[a + 1];
      final float[] iA = im[a + 1];
      final float[] rb = re[b];
      final float[] ib = im[b];
      final float[] rB = re[b + 1];
      final float[] iB = im[b + 1];
      final int s = 2 * j;
      final float w0 = window[s];
      final float w1 = window[s + 1];
      final float w2 = window[s + 2];
      final float w3 = window[s + 3];
      final float v0 = window[s + m];
      final float v1 = window[s + m + 1];
      final float v2 = window[s + m + 2];
      final float v3 = window[s + m + 3];
      for (int f = from, o = off0 + s; f < to; f++, o += hop) {
        float x0 = src[o] * w0;
        float x1 = src[o + 1] * w1;
        float x2 = src[o + 2] * w2;
        float x3 = src[o + 3] * w3;
        float y0 = src[o + m] * v0;
        float y1 = src[o + m + 1] * v1;
        float y2 = src[o + m + 2] * v2;
        float y3 = src[o + m + 3] * v3;
        ra[f] = x0 + y0;
        ia[f] = x1 + y1;
        rA[f] = x0 - y0;
        iA[f] = x1 - y1;
        rb[f] = x2 + y2;
        ib[f] = x3 + y3;
        rB[f] = x2 - y2;
        iB[f] = x3 - y3;
      }
    }
  }

  /**
   * Radix-2 DIT on bit-reversed rows from the second stage on ({@link #load} ran the first). The butterflies
   * are those of the textbook stage order (and so is every result bit), scheduled for the cache: the first
   * stages run block by block on as many rows as fit in L1, the later ones three stages at a time on groups of
   * eight rows, so the rows (which live in L2 for large {@code n_fft}) are streamed only a few times instead of
   * once per stage.
   */
  void transform(float[][] re, float[][] im, int lanes) {
    final int m = plan.m;
    int rowBytes = 4 * lanes + 16;
    int blk = 2;
    while (blk < m && 2 * blk * 2 * rowBytes <= L1_BUDGET) {
      blk *= 2;
    }
    for (int b0 = 0; b0 < m; b0 += blk) {
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

  // The lane loops are kept small on purpose: C2 only unrolls (and so vectorises) loops with small bodies.

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

  /**
   * Real split and |X|^2 of lanes {@code [from, lanes)}: bin k in {@code re[k]} ({@code k < M}), bin M in
   * {@code im[0]}.
   */
  void powerInPlace(float[][] re, float[][] im, int from, int lanes) {
    final int m = plan.m;
    {
      float[] a = re[0];
      float[] b = im[0];
      for (int f = from; f < lanes; f++) {
        float z0 = a[f] + b[f];
        float zm = a[f] - b[f];
        a[f] = z0 * z0;
        b[f] = zm * zm;
      }
    }
    for (int k = 1; k <= m / 2; k++) {
      split(re[k], im[k], re[m - k], im[m - k], plan.splitCos[k], plan.splitSin[k], from, lanes, k == m - k);
    }
  }

  private static void split(float[] ra, float[] ia, float[] rc, float[] ic, float cr, float si, int from,
      int lanes, boolean self) {
    if (self) {
      // k = M/2: Z[k] and Z[M-k] are the same row
      for (int f = from; f < lanes; f++) {
        float a = ra[f];
        float b = ia[f];
        float sr = a + a;
        float sim = b + b;
        float xr = 0.5f * sr + cr * sim;
        float xi = -(si * sim);
        ra[f] = xr * xr + xi * xi;
      }
      return;
    }
    // pass 1: sums and differences of Z[k] and Z[M-k], in place
    for (int f = from; f < lanes; f++) {
      float a = ra[f];
      float b = ia[f];
      float c = rc[f];
      float d = ic[f];
      ra[f] = a + c;
      rc[f] = a - c;
      ia[f] = b + d;
      ic[f] = b - d;
    }
    // pass 2: X[k] = (P + Q, R - S), X[M-k] = (P - Q, -(R + S)); P = sr/2, Q = cr sim - si dr, R = dim/2,
    // S = cr dr + si sim
    for (int f = from; f < lanes; f++) {
      float p = 0.5f * ra[f];
      float r = 0.5f * ic[f];
      float q = cr * ia[f] - si * rc[f];
      float t = cr * rc[f] + si * ia[f];
      float xr = p + q;
      float xi = r - t;
      float yr = p - q;
      float yi = r + t;
      ra[f] = xr * xr + xi * xi;
      rc[f] = yr * yr + yi * yi;
    }
  }

  // ------------------------------------------------------------------ scalar twin (one frame, same arithmetic)

  /**
   * Mel power of one frame with exactly the operations, in exactly the order, that {@link #melBatch} applies
   * to each lane, so its results are bit-identical to the batch path (Java float arithmetic is strict and the
   * vectorised lanes do not fuse or reorder). Used for streaming and short clips. {@code re} and {@code im}
   * are {@code M = n_fft / 2} floats of scratch.
   */
  void melFrame(float[] src, int off, float[] window, double halfPower, MelFilterbank bank, float[] mel,
      int melOff, float[] re, float[] im) {
    final int m = plan.m;
    final int[] rev = plan.rev;
    for (int j = 0; j < m; j++) {
      re[rev[j]] = src[off + 2 * j] * window[2 * j];
      im[rev[j]] = src[off + 2 * j + 1] * window[2 * j + 1];
    }
    for (int i = 0; i < m; i += 2) {
      float xr = re[i];
      float xi = im[i];
      float yr = re[i + 1];
      float yi = im[i + 1];
      re[i] = xr + yr;
      im[i] = xi + yi;
      re[i + 1] = xr - yr;
      im[i + 1] = xi - yi;
    }
    for (int h = 2, st = 1; h < m; h *= 2, st++) {
      final float[] tw = twiddles[st];
      for (int b = 0; b < m; b += 2 * h) {
        {
          int i0 = b;
          int i1 = b + h;
          float xr = re[i0];
          float xi = im[i0];
          float yr = re[i1];
          float yi = im[i1];
          re[i0] = xr + yr;
          im[i0] = xi + yi;
          re[i1] = xr - yr;
          im[i1] = xi - yi;
        }
        for (int j = 1; j < h; j++) {
          int i0 = b + j;
          int i1 = i0 + h;
          float wr = tw[2 * j];
          float wi = tw[2 * j + 1];
          float xr = re[i0];
          float xi = im[i0];
          float yr = re[i1];
          float yi = im[i1];
          float tr = yr * wr - yi * wi;
          float ti = yr * wi + yi * wr;
          re[i0] = xr + tr;
          im[i0] = xi + ti;
          re[i1] = xr - tr;
          im[i1] = xi - ti;
        }
      }
    }
    {
      float a = re[0];
      float b = im[0];
      float z0 = a + b;
      float zm = a - b;
      re[0] = z0 * z0;
      im[0] = zm * zm;
    }
    for (int k = 1; k <= m / 2; k++) {
      final float cr = plan.splitCos[k];
      final float si = plan.splitSin[k];
      final int kc = m - k;
      if (k == kc) {
        float a = re[k];
        float b = im[k];
        float sr = a + a;
        float sim = b + b;
        float xr = 0.5f * sr + cr * sim;
        float xi = -(si * sim);
        re[k] = xr * xr + xi * xi;
        continue;
      }
      float a = re[k];
      float b = im[k];
      float c = re[kc];
      float d = im[kc];
      float sr = a + c;
      float dr = a - c;
      float sim = b + d;
      float dim = b - d;
      float p = 0.5f * sr;
      float r = 0.5f * dim;
      float q = cr * sim - si * dr;
      float t = cr * dr + si * sim;
      float xr = p + q;
      float xi = r - t;
      float yr = p - q;
      float yi = r + t;
      re[k] = xr * xr + xi * xi;
      re[kc] = yr * yr + yi * yi;
    }
    if (halfPower != 1.0) {
      for (int k = 0; k <= m; k++) {
        float v = k == m ? im[0] : re[k];
        v = (float) (halfPower == 0.5 ? Math.sqrt(v) : Math.pow(v, halfPower));
        if (k == m) {
          im[0] = v;
        } else {
          re[k] = v;
        }
      }
    }
    final float[] w = bank.flat;
    final int nMels = bank.bandCount();
    for (int b = 0; b < nMels; b++) {
      float acc = 0f;
      int k = bank.first[b];
      for (int j = bank.offsets[b]; j < bank.offsets[b + 1]; j++, k++) {
        acc += w[j] * (k == m ? im[0] : re[k]);
      }
      mel[melOff + b] = acc;
    }
  }
}
