package org.ser4j.features;

/**
 * The orthonormal DCT-II that {@code librosa.feature.mfcc} applies ({@code scipy.fftpack.dct(type=2,
 * norm='ortho')} along the mel axis, first {@code n_mfcc} rows kept), and librosa's cepstral lifter.
 *
 * <p>{@code y[k] = s_k sum_m x[m] cos(pi k (2m + 1) / (2N))}, {@code s_0 = sqrt(1/N)}, {@code s_k = sqrt(2/N)}.
 */
public final class Dct {

  private Dct() {}

  /**
   * The first {@code nOut} rows of the {@code nIn x nIn} orthonormal DCT-II matrix ({@code [k][m]}).
   *
   * @param nOut coefficients kept
   * @param nIn input length (mel bands)
   * @return the [nOut][nIn] matrix
   * @throws IllegalArgumentException unless {@code 0 < nOut <= nIn}
   */
  public static float[][] matrix(int nOut, int nIn) {
    if (nIn <= 0 || nOut <= 0 || nOut > nIn) {
      throw new IllegalArgumentException("need 0 < nOut <= nIn, got nOut=" + nOut + ", nIn=" + nIn);
    }
    float[][] d = new float[nOut][nIn];
    double s0 = Math.sqrt(1.0 / nIn);
    double sk = Math.sqrt(2.0 / nIn);
    for (int k = 0; k < nOut; k++) {
      double s = k == 0 ? s0 : sk;
      for (int m = 0; m < nIn; m++) {
        // (k (2m + 1)) mod 4N keeps the argument small and exact
        long arg = ((long) k * (2L * m + 1)) % (4L * nIn);
        d[k][m] = (float) (s * Math.cos(Math.PI * arg / (2.0 * nIn)));
      }
    }
    return d;
  }

  /**
   * librosa's lifter weights {@code 1 + (L / 2) sin(pi (n + 1) / L)} for {@code n = 0 .. nMfcc-1}; all ones
   * when {@code lifter == 0}.
   *
   * @param nMfcc coefficients
   * @param lifter the lifter parameter (0 for none)
   * @return one weight per coefficient
   * @throws IllegalArgumentException if {@code lifter} is negative or not finite
   */
  public static float[] lifterWeights(int nMfcc, double lifter) {
    if (!(lifter >= 0) || Double.isInfinite(lifter)) {
      throw new IllegalArgumentException("lifter must be >= 0 and finite, got " + lifter);
    }
    float[] w = new float[nMfcc];
    for (int n = 0; n < nMfcc; n++) {
      w[n] = lifter > 0 ? (float) (1.0 + (lifter / 2.0) * Math.sin(Math.PI * (n + 1) / lifter)) : 1f;
    }
    return w;
  }

  /**
   * DCT-II (ortho) of each row of {@code rows} (rows = frames, columns = mel bands), keeping {@code nOut}
   * coefficients, then liftered ({@code lifter = 0}: none). Returns a new {@code frames x nOut} matrix.
   *
   * @param rows frames x mel bands (dB)
   * @param nOut coefficients kept
   * @param lifter the lifter parameter (0 for none)
   * @return frames x coefficients
   */
  public static float[][] apply(float[][] rows, int nOut, double lifter) {
    if (rows.length == 0) {
      return new float[0][nOut];
    }
    int nIn = rows[0].length;
    float[][] d = matrix(nOut, nIn);
    float[] lw = lifterWeights(nOut, lifter);
    float[][] out = new float[rows.length][nOut];
    for (int t = 0; t < rows.length; t++) {
      if (rows[t].length != nIn) {
        throw new IllegalArgumentException("row " + t + " has " + rows[t].length + " values, row 0 has " + nIn);
      }
      for (int k = 0; k < nOut; k++) {
        double s = 0;
        for (int m = 0; m < nIn; m++) {
          s += (double) d[k][m] * rows[t][m];
        }
        out[t][k] = (float) s * lw[k];
      }
    }
    return out;
  }
}
