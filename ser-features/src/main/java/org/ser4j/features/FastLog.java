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

  private static final float SQRT2F = (float) Math.sqrt(2.0);
  private static final float LN2F = (float) Math.log(2.0);
  private static final float TEN_OVER_LN10 = (float) (10.0 / Math.log(10.0));

  /**
   * {@code 10 log10(x)} in float for a positive normal float {@code x} (the caller floors it at amin), error
   * about 1e-6 dB: float32 is what librosa computes {@code power_to_db} in.
   */
  static float tenLog10(float x) {
    int bits = Float.floatToRawIntBits(x);
    int e = (bits >>> 23) - 127;
    float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F800000);
    // m in [1, 2): ln(m) = ln(sqrt 2) + 2 atanh(s), |s| <= 0.1716; the series to s^7 is good to 3e-8
    float s = (m - SQRT2F) / (m + SQRT2F);
    float s2 = s * s;
    float p = 1f + s2 * (1f / 3 + s2 * (1f / 5 + s2 * (1f / 7)));
    return TEN_OVER_LN10 * ((e + 0.5f) * LN2F + 2f * s * p);
  }
}
