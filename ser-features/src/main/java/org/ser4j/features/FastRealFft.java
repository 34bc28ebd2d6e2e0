package org.ser4j.features;

/**
 * Power spectrum of a real, windowed frame whose length {@code N} is a power of two, by a complex radix-4
 * (radix-2^2) decimation-in-time FFT of size {@code M = N / 2} on the even/odd-packed frame, followed by the
 * usual real split. The tables (bit reversal, per-stage twiddles, split twiddles) are precomputed in double and
 * stored as float; the plan is immutable and shared, all working memory is supplied by the caller.
 *
 * <p>The bit reversal costs nothing: the frame is windowed and packed straight into bit-reversed positions.
 */
final class FastRealFft {

  static final int MIN_SIZE = 16;
  static final int MAX_SIZE = 1 << 20;

  private final int n;
  final int m;
  final int[] rev;
  /** Radix-4 stages: span h of each, and its twiddles (w^2j, w^j, w^3j as re,im pairs, j = 0..h-1). */
  final int[] spans;
  final float[][] twiddles;
  final boolean radix2First;
  /** Half of cos / sin of 2 pi k / N for the real split, k = 0..M-1. */
  final float[] splitCos;
  final float[] splitSin;

  static boolean supports(int n) {
    return n >= MIN_SIZE && n <= MAX_SIZE && Integer.bitCount(n) == 1;
  }

  FastRealFft(int n) {
    if (!supports(n)) {
      throw new IllegalArgumentException("FastRealFft needs a power of two in [" + MIN_SIZE + ", " + MAX_SIZE
          + "], got " + n);
    }
    this.n = n;
    this.m = n / 2;
    int bits = Integer.numberOfTrailingZeros(m);
    rev = new int[m];
    for (int j = 0; j < m; j++) {
      rev[j] = Integer.reverse(j) >>> (32 - bits);
    }
    radix2First = (bits & 1) == 1;
    int stageCount = bits / 2;
    spans = new int[stageCount];
    twiddles = new float[stageCount][];
    int h = radix2First ? 2 : 1;
    for (int s = 0; s < stageCount; s++, h *= 4) {
      spans[s] = h;
      float[] tw = new float[6 * h];
      double base = -2.0 * Math.PI / (4.0 * h);
      for (int j = 0; j < h; j++) {
        double a1 = base * 2 * j;
        double a2 = base * j;
        double a3 = base * 3 * j;
        tw[6 * j] = (float) Math.cos(a1);
        tw[6 * j + 1] = (float) Math.sin(a1);
        tw[6 * j + 2] = (float) Math.cos(a2);
        tw[6 * j + 3] = (float) Math.sin(a2);
        tw[6 * j + 4] = (float) Math.cos(a3);
        tw[6 * j + 5] = (float) Math.sin(a3);
      }
      twiddles[s] = tw;
    }
    splitCos = new float[m];
    splitSin = new float[m];
    for (int k = 0; k < m; k++) {
      double a = 2.0 * Math.PI * k / n;
      splitCos[k] = (float) (0.5 * Math.cos(a));
      splitSin[k] = (float) (0.5 * Math.sin(a));
    }
  }

  int size() {
    return n;
  }

  /** Length of the scratch array {@link #power} needs. */
  int scratchLength() {
    return n;
  }

  /**
   * {@code out[k] = |rfft(src[off .. off+N) * window)[k]|^2} for {@code k = 0 .. N/2}; {@code window == null}
   * means rectangular.
   */
  void power(float[] src, int off, float[] window, float[] out, float[] buf) {
    load(src, off, window, buf);
    transform(buf);
    split(buf, out);
  }

  /** The complex spectrum, {@code re, im} interleaved for {@code k = 0 .. N/2} into {@code out[2k], out[2k+1]}. */
  void spectrum(float[] src, int off, float[] window, float[] out, float[] buf) {
    load(src, off, window, buf);
    transform(buf);
    final int m = this.m;
    out[0] = buf[0] + buf[1];
    out[1] = 0f;
    out[2 * m] = buf[0] - buf[1];
    out[2 * m + 1] = 0f;
    for (int k = 1; k < m; k++) {
      float a = buf[2 * k];
      float b = buf[2 * k + 1];
      float c = buf[2 * (m - k)];
      float d = buf[2 * (m - k) + 1];
      float cr = splitCos[k];
      float si = splitSin[k];
      float sr = a + c;
      float dr = a - c;
      float sim = b + d;
      float dim = b - d;
      out[2 * k] = 0.5f * sr + cr * sim - si * dr;
      out[2 * k + 1] = 0.5f * dim - cr * dr - si * sim;
    }
  }

  private void load(float[] src, int off, float[] window, float[] buf) {
    final int[] rev = this.rev;
    final int m = this.m;
    if (window == null) {
      for (int j = 0; j < m; j++) {
        int r = rev[j] << 1;
        buf[r] = src[off + 2 * j];
        buf[r + 1] = src[off + 2 * j + 1];
      }
    } else {
      for (int j = 0; j < m; j++) {
        int r = rev[j] << 1;
        buf[r] = src[off + 2 * j] * window[2 * j];
        buf[r + 1] = src[off + 2 * j + 1] * window[2 * j + 1];
      }
    }
  }

  private void split(float[] buf, float[] out) {
    final int m = this.m;
    final float[] splitCos = this.splitCos;
    final float[] splitSin = this.splitSin;
    float z0 = buf[0] + buf[1];
    float zm = buf[0] - buf[1];
    out[0] = z0 * z0;
    out[m] = zm * zm;
    for (int k = 1; k < m; k++) {
      float a = buf[2 * k];
      float b = buf[2 * k + 1];
      int q = 2 * (m - k);
      float c = buf[q];
      float d = buf[q + 1];
      float cr = splitCos[k];
      float si = splitSin[k];
      float sr = a + c;
      float dr = a - c;
      float sim = b + d;
      float dim = b - d;
      float xr = 0.5f * sr + cr * sim - si * dr;
      float xi = 0.5f * dim - cr * dr - si * sim;
      out[k] = xr * xr + xi * xi;
    }
  }

  /** In-place complex FFT of size M on bit-reversed input, natural-order output. */
  void transform(float[] x) {
    final int m2 = 2 * m;
    int s0 = 0;
    if (radix2First) {
      for (int i = 0; i < m2; i += 4) {
        float ar = x[i];
        float ai = x[i + 1];
        float br = x[i + 2];
        float bi = x[i + 3];
        x[i] = ar + br;
        x[i + 1] = ai + bi;
        x[i + 2] = ar - br;
        x[i + 3] = ai - bi;
      }
    } else {
      // first radix-4 stage, h = 1: no twiddles
      for (int i = 0; i < m2; i += 8) {
        float x0r = x[i];
        float x0i = x[i + 1];
        float x1r = x[i + 2];
        float x1i = x[i + 3];
        float x2r = x[i + 4];
        float x2i = x[i + 5];
        float x3r = x[i + 6];
        float x3i = x[i + 7];
        float pr = x0r + x1r;
        float pi = x0i + x1i;
        float ar = x0r - x1r;
        float ai = x0i - x1i;
        float qr = x2r + x3r;
        float qi = x2i + x3i;
        float br = x2r - x3r;
        float bi = x2i - x3i;
        x[i] = pr + qr;
        x[i + 1] = pi + qi;
        x[i + 4] = pr - qr;
        x[i + 5] = pi - qi;
        x[i + 2] = ar + bi;
        x[i + 3] = ai - br;
        x[i + 6] = ar - bi;
        x[i + 7] = ai + br;
      }
      s0 = 1;
    }
    for (int s = s0; s < spans.length; s++) {
      final int h = spans[s];
      final float[] tw = twiddles[s];
      final int h2 = 2 * h;
      final int block = 8 * h;
      for (int b = 0; b < m2; b += block) {
        for (int j = 0, t = 0; j < h; j++, t += 6) {
          int i0 = b + 2 * j;
          int i1 = i0 + h2;
          int i2 = i1 + h2;
          int i3 = i2 + h2;
          float w1r = tw[t];
          float w1i = tw[t + 1];
          float w2r = tw[t + 2];
          float w2i = tw[t + 3];
          float w3r = tw[t + 4];
          float w3i = tw[t + 5];
          float u0r = x[i0];
          float u0i = x[i0 + 1];
          float yr = x[i1];
          float yi = x[i1 + 1];
          float u2r = yr * w1r - yi * w1i;
          float u2i = yr * w1i + yi * w1r;
          yr = x[i2];
          yi = x[i2 + 1];
          float u1r = yr * w2r - yi * w2i;
          float u1i = yr * w2i + yi * w2r;
          yr = x[i3];
          yi = x[i3 + 1];
          float u3r = yr * w3r - yi * w3i;
          float u3i = yr * w3i + yi * w3r;
          float pr = u0r + u2r;
          float pi = u0i + u2i;
          float ar = u0r - u2r;
          float ai = u0i - u2i;
          float qr = u1r + u3r;
          float qi = u1i + u3i;
          float br = u1r - u3r;
          float bi = u1i - u3i;
          x[i0] = pr + qr;
          x[i0 + 1] = pi + qi;
          x[i2] = pr - qr;
          x[i2 + 1] = pi - qi;
          x[i1] = ar + bi;
          x[i1 + 1] = ai - br;
          x[i3] = ar - bi;
          x[i3 + 1] = ai + br;
        }
      }
    }
  }
}
