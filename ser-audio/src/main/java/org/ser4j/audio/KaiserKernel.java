package org.ser4j.audio;

/** Kaiser-windowed sinc low-pass, evaluated in double precision; even in its argument. */
final class KaiserKernel {
  private final double cutoff;
  private final double halfWidth;
  private final double beta;
  private final double norm;

  /**
   * @param cutoff cut-off in cycles per sample of the argument's unit (the sinc's first zero at {@code 1 / (2 cutoff)})
   * @param halfWidth the window is zero from {@code |u| >= halfWidth} on
   * @param beta Kaiser shape
   */
  KaiserKernel(double cutoff, double halfWidth, double beta) {
    this.cutoff = cutoff;
    this.halfWidth = halfWidth;
    this.beta = beta;
    this.norm = 1 / besselI0(beta);
  }

  /** Impulse response at {@code u} samples from the centre. */
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
