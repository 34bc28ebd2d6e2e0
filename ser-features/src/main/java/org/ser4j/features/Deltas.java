package org.ser4j.features;

import java.util.Objects;

/**
 * {@code librosa.feature.delta(data, width, order, axis=-1, mode='interp')}: local derivative estimates
 * along the frame axis by a Savitzky-Golay filter ({@code scipy.signal.savgol_filter(data, width,
 * polyorder=order, deriv=order, mode='interp')}).
 *
 * <p>Frame {@code t} gets the {@code order}-th derivative of the least-squares polynomial of degree
 * {@code order} fitted to frames {@code t - width/2 .. t + width/2}; in {@code 'interp'} mode the first and last
 * {@code width/2} frames take the derivative of the polynomial fitted to the first (last) {@code width} frames,
 * which, the degree being equal to the derivative order, is the value at frame {@code width/2}
 * ({@code T - 1 - width/2}). For {@code width = 9, order = 1}: {@code sum_{k=-4..4} k x[t+k] / 60}.
 *
 * <p>Layout: {@code data[frame][coefficient]}, as everywhere in ser4j; the derivative runs over frames.
 * Computed in double, returned as float.
 */
public final class Deltas {

  private Deltas() {}

  /**
   * {@code librosa.feature.delta(data)}: width 9, first order.
   *
   * @param data frames x values
   * @return the first-order deltas, same shape
   */
  public static float[][] delta(float[][] data) {
    return delta(data, 9, 1);
  }

  /**
   * {@code librosa.feature.delta(data, width=width, order=order)}.
   *
   * @param data frames x values
   * @param width odd window width, at least 3 and at most the number of frames
   * @param order derivative order, positive
   * @return the deltas, same shape
   * @throws IllegalArgumentException if {@code width} is not odd and at least 3, {@code order < 1}, or the
   *     data has fewer than {@code width} frames (librosa's {@code 'interp'} mode requires as many)
   */
  public static float[][] delta(float[][] data, int width, int order) {
    Objects.requireNonNull(data, "data");
    if (width < 3 || width % 2 != 1) {
      throw new IllegalArgumentException("width must be an odd integer >= 3, got " + width);
    }
    if (order < 1) {
      throw new IllegalArgumentException("order must be a positive integer, got " + order);
    }
    if (order >= width) {
      throw new IllegalArgumentException("order (polyorder) must be less than width, got order=" + order
          + ", width=" + width);
    }
    int frames = data.length;
    if (width > frames) {
      throw new IllegalArgumentException("when mode='interp', width=" + width
          + " cannot exceed the number of frames=" + frames);
    }
    int cols = data[0].length;
    for (int t = 1; t < frames; t++) {
      if (data[t].length != cols) {
        throw new IllegalArgumentException("frame " + t + " has " + data[t].length + " values, frame 0 has " + cols);
      }
    }
    double[] c = coefficients(width, order);
    int h = width / 2;
    float[][] out = new float[frames][cols];
    double[] acc = new double[cols];
    for (int t = h; t < frames - h; t++) {
      java.util.Arrays.fill(acc, 0.0);
      for (int k = -h; k <= h; k++) {
        double w = c[k + h];
        if (w == 0.0) {
          continue;
        }
        float[] row = data[t + k];
        for (int j = 0; j < cols; j++) {
          acc[j] += w * row[j];
        }
      }
      for (int j = 0; j < cols; j++) {
        out[t][j] = (float) acc[j];
      }
    }
    for (int t = 0; t < h; t++) {
      System.arraycopy(out[h], 0, out[t], 0, cols);
      System.arraycopy(out[frames - 1 - h], 0, out[frames - 1 - t], 0, cols);
    }
    return out;
  }

  /**
   * Savitzky-Golay weights {@code c[k + h]}, {@code k = -h .. h}, such that {@code sum c x[t + k]} is the
   * {@code order}-th derivative at {@code t} of the degree-{@code order} least-squares polynomial:
   * {@code sum_k c_k k^p = order! [p == order]} for {@code p <= order}, minimum norm.
   */
  static double[] coefficients(int width, int order) {
    int h = width / 2;
    int np = order + 1;
    // normal equations G a = e, G[p][q] = sum_k k^(p+q); c_k = sum_p a_p k^p
    double[][] g = new double[np][np + 1];
    for (int p = 0; p < np; p++) {
      for (int q = 0; q < np; q++) {
        double s = 0;
        for (int k = -h; k <= h; k++) {
          s += Math.pow(k, p + q);
        }
        g[p][q] = s;
      }
    }
    double fact = 1;
    for (int i = 2; i <= order; i++) {
      fact *= i;
    }
    g[order][np] = fact;
    // Gauss-Jordan with partial pivoting
    for (int col = 0; col < np; col++) {
      int piv = col;
      for (int r = col + 1; r < np; r++) {
        if (Math.abs(g[r][col]) > Math.abs(g[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = g[col];
      g[col] = g[piv];
      g[piv] = tmp;
      for (int r = 0; r < np; r++) {
        if (r != col) {
          double f = g[r][col] / g[col][col];
          for (int q = col; q <= np; q++) {
            g[r][q] -= f * g[col][q];
          }
        }
      }
    }
    double[] a = new double[np];
    for (int p = 0; p < np; p++) {
      a[p] = g[p][np] / g[p][p];
    }
    double[] c = new double[width];
    for (int k = -h; k <= h; k++) {
      double s = 0;
      for (int p = 0; p < np; p++) {
        s += a[p] * Math.pow(k, p);
      }
      c[k + h] = s;
    }
    return c;
  }
}
