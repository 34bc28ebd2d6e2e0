package org.ser4j.features;

/** A fast natural/decimal logarithm for positive normal doubles, accurate to about 1e-11 absolute. */
final class FastLog {

  private static final double SQRT2 = Math.sqrt(2.0);
  private static final double LN2 = Math.log(2.0);
  private static final double INV_LN10 = 1.0 / Math.log(10.0);

  private FastLog() {}

  /** {@code log10(x)}; falls back to {@link Math#log10} outside the positive normal range. */
  static double log10(double x) {
    return ln(x) * INV_LN10;
  }

  /** {@code ln(x)}; falls back to {@link Math#log} outside the positive normal range. */
  static double ln(double x) {
    if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
      return Math.log(x);
    }
    long bits = Double.doubleToRawLongBits(x);
    int e = (int) (bits >>> 52) - 1023;
    double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
    // m in [1, 2): ln(m) = ln(sqrt 2) + 2 atanh(s), s = (m - sqrt 2) / (m + sqrt 2), |s| <= 0.1716 (no branch)
    double s = (m - SQRT2) / (m + SQRT2);
    double s2 = s * s;
    double p = 1.0 / 13 + s2 * (1.0 / 15);
    p = 1.0 / 11 + s2 * p;
    p = 1.0 / 9 + s2 * p;
    p = 1.0 / 7 + s2 * p;
    p = 1.0 / 5 + s2 * p;
    p = 1.0 / 3 + s2 * p;
    p = 1.0 + s2 * p;
    return (e + 0.5) * LN2 + 2.0 * s * p;
  }
}
