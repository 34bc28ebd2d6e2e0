package org.ser4j.features;

import java.util.Objects;

/**
 * Statistics over frames of a {@code float[frames][values]} matrix: the seed notebook's utterance feature is
 * {@link #mean(float[][])} of its 40 MFCCs ({@code numpy.mean(mfcc.T, axis=0)}). Computed in double.
 */
public final class Pooling {

  private Pooling() {}

  /**
   * Mean of each column over all rows (frames).
   *
   * @param frames frames x values, at least one frame
   * @return one mean per value
   * @throws IllegalArgumentException if there is no row or the rows differ in length
   */
  public static float[] mean(float[][] frames) {
    double[] m = meanDouble(frames);
    float[] out = new float[m.length];
    for (int j = 0; j < m.length; j++) {
      out[j] = (float) m[j];
    }
    return out;
  }

  /**
   * Population standard deviation of each column over all rows ({@code numpy.std}, {@code ddof=0}).
   *
   * @param frames frames x values, at least one frame
   * @return one standard deviation per value
   * @throws IllegalArgumentException if there is no row or the rows differ in length
   */
  public static float[] std(float[][] frames) {
    double[] m = meanDouble(frames);
    double[] ss = new double[m.length];
    for (float[] row : frames) {
      for (int j = 0; j < m.length; j++) {
        double d = row[j] - m[j];
        ss[j] += d * d;
      }
    }
    float[] out = new float[m.length];
    for (int j = 0; j < m.length; j++) {
      out[j] = (float) Math.sqrt(ss[j] / frames.length);
    }
    return out;
  }

  private static double[] meanDouble(float[][] frames) {
    Objects.requireNonNull(frames, "frames");
    if (frames.length == 0) {
      throw new IllegalArgumentException("no frames to pool");
    }
    int cols = frames[0].length;
    double[] s = new double[cols];
    for (int t = 0; t < frames.length; t++) {
      if (frames[t].length != cols) {
        throw new IllegalArgumentException("frame " + t + " has " + frames[t].length + " values, frame 0 has " + cols);
      }
      for (int j = 0; j < cols; j++) {
        s[j] += frames[t][j];
      }
    }
    for (int j = 0; j < cols; j++) {
      s[j] /= frames.length;
    }
    return s;
  }
}
