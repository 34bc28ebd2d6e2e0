package org.ser4j.features;

/**
 * A double-precision real FFT for power-of-two sizes with JTransforms' packed layout ({@code a[0]} = Re X0,
 * {@code a[1]} = Re X(n/2), {@code a[2k]}, {@code a[2k+1]} = Re, Im Xk), so that {@link Pitch} and
 * {@link SpectralFeatures} need no JTransforms for the sizes they use in practice (the recognizer's class path
 * has none). A complex radix-2 FFT of size {@code n / 2} on the even/odd-packed signal, then the real split.
 * The plan is immutable and shared between threads; the transforms work in place on the caller's array.
 */
final class DoubleRealFft {

  private final int n;
  private final int m;
  private final int[] rev;
  /** cos / sin of 2 pi j / m, j = 0 .. m/2 - 1 (the complex stages' twiddles). */
  private final double[] cos;
  private final double[] sin;
  /** cos / sin of 2 pi k / n, k = 0 .. m (the real split's twiddles). */
  private final double[] splitCos;
  private final double[] splitSin;

  static boolean supports(int n) {
    return n >= 4 && Integer.bitCount(n) == 1;
  }

  DoubleRealFft(int n) {
    if (!supports(n)) {
      throw new IllegalArgumentException("DoubleRealFft needs a power of two >= 4, got " + n);
    }
    this.n = n;
    this.m = n / 2;
    int bits = Integer.numberOfTrailingZeros(m);
    rev = new int[m];
    for (int j = 0; j < m; j++) {
      rev[j] = bits == 0 ? 0 : Integer.reverse(j) >>> (32 - bits);
    }
    cos = new double[Math.max(1, m / 2)];
    sin = new double[cos.length];
    for (int j = 0; j < m / 2; j++) {
      cos[j] = Math.cos(2.0 * Math.PI * j / m);
      sin[j] = Math.sin(2.0 * Math.PI * j / m);
    }
    splitCos = new double[m + 1];
    splitSin = new double[m + 1];
    for (int k = 0; k <= m; k++) {
      splitCos[k] = Math.cos(2.0 * Math.PI * k / n);
      splitSin[k] = Math.sin(2.0 * Math.PI * k / n);
    }
  }

  int size() {
    return n;
  }

  /** In-place forward transform of {@code a[0 .. n)} into the packed layout (JTransforms' {@code realForward}). */
  void realForward(double[] a) {
    // a holds z[j] = x[2j] + i x[2j+1] as interleaved pairs already
    complex(a, -1);
    double z0r = a[0];
    double z0i = a[1];
    // E[k] = (Z[k] + conj Z[m-k]) / 2, O[k] = (Z[k] - conj Z[m-k]) / 2i, X[k] = E[k] + w^k O[k], w = e^(-2 pi i / n)
    for (int k = 1; k <= m - k; k++) {
      int j = m - k;
      double zkr = a[2 * k];
      double zki = a[2 * k + 1];
      double zjr = a[2 * j];
      double zji = a[2 * j + 1];
      double er = 0.5 * (zkr + zjr);
      double ei = 0.5 * (zki - zji);
      double or = 0.5 * (zki + zji);
      double oi = -0.5 * (zkr - zjr);
      double c = splitCos[k];
      double s = -splitSin[k];
      a[2 * k] = er + c * or - s * oi;
      a[2 * k + 1] = ei + c * oi + s * or;
      if (j != k) {
        // for m - k: E' = conj E, O' = conj O
        double c2 = splitCos[j];
        double s2 = -splitSin[j];
        a[2 * j] = er + c2 * or + s2 * oi;
        a[2 * j + 1] = -ei - c2 * oi + s2 * or;
      }
    }
    a[0] = z0r + z0i;
    a[1] = z0r - z0i;
  }

  /**
   * In-place inverse of {@link #realForward} (JTransforms' {@code realInverse(a, scale)}): with {@code scale}
   * the result is divided by {@code n}, so that forward then inverse returns the signal.
   */
  void realInverse(double[] a, boolean scale) {
    double x0 = a[0];
    double xm = a[1];
    // Z[k] = E[k] + i O[k]; E[k] = (X[k] + conj X[m-k]) / 2, O[k] = (X[k] - conj X[m-k]) / 2 * w^-k
    for (int k = 1; k <= m - k; k++) {
      int j = m - k;
      double xkr = a[2 * k];
      double xki = a[2 * k + 1];
      double xjr = a[2 * j];
      double xji = a[2 * j + 1];
      double er = 0.5 * (xkr + xjr);
      double ei = 0.5 * (xki - xji);
      double dr = 0.5 * (xkr - xjr);
      double di = 0.5 * (xki + xji);
      double c = splitCos[k];
      double s = splitSin[k]; // w^-k = cos + i sin
      double or = dr * c - di * s;
      double oi = dr * s + di * c;
      a[2 * k] = er - oi; // Z = E + i O
      a[2 * k + 1] = ei + or;
      if (j != k) {
        // for m - k: E' = conj E, D' = -conj D
        double c2 = splitCos[j];
        double s2 = splitSin[j];
        double or2 = -dr * c2 - di * s2;
        double oi2 = -dr * s2 + di * c2;
        a[2 * j] = er - oi2;
        a[2 * j + 1] = -ei + or2;
      }
    }
    // k = 0: E = (X0 + Xm) / 2, O = (X0 - Xm) / 2
    a[0] = 0.5 * (x0 + xm);
    a[1] = 0.5 * (x0 - xm);
    complex(a, +1);
    // the half-size inverse gives even + i odd times m; JTransforms' scaled inverse divides the n-point sum
    // by n, which here is 1 / m of the half-size sum (unscaled, JTransforms returns m times the signal)
    double f = scale ? 1.0 / m : 1.0;
    for (int i = 0; i < n; i++) {
      a[i] *= f;
    }
  }

  /** In-place complex radix-2 FFT of size m on interleaved pairs; sign -1 forward, +1 inverse (unscaled). */
  private void complex(double[] a, int sign) {
    for (int j = 0; j < m; j++) {
      int r = rev[j];
      if (r > j) {
        double tr = a[2 * j];
        double ti = a[2 * j + 1];
        a[2 * j] = a[2 * r];
        a[2 * j + 1] = a[2 * r + 1];
        a[2 * r] = tr;
        a[2 * r + 1] = ti;
      }
    }
    for (int len = 2; len <= m; len <<= 1) {
      int half = len >> 1;
      int step = m / len;
      for (int i = 0; i < m; i += len) {
        for (int j = 0; j < half; j++) {
          double wr = cos[j * step];
          double wi = sign * sin[j * step];
          int p = 2 * (i + j);
          int q = 2 * (i + j + half);
          double xr = a[q] * wr - a[q + 1] * wi;
          double xi = a[q] * wi + a[q + 1] * wr;
          a[q] = a[p] - xr;
          a[q + 1] = a[p + 1] - xi;
          a[p] += xr;
          a[p + 1] += xi;
        }
      }
    }
  }
}
