package org.ser4j.runtime;

import java.util.Arrays;

/**
 * Standardisation x' = (x - mean) / std applied to the network input before the first layer. For a
 * {@link InputMode#SEQUENCE} bundle there is one statistic per feature (applied at every time step); for a
 * {@link InputMode#VECTOR_AS_STEPS} bundle one per position of the pooled vector.
 */
public final class Normalization {
  private final float[] mean;
  private final float[] std;
  final float[] invStd;

  /**
   * Statistics for standardising the input.
   *
   * @param mean one mean per input value (copied)
   * @param std one standard deviation per input value, finite and positive (copied)
   * @throws IllegalArgumentException if the arrays are empty, of different lengths, or a value is unusable
   */
  public Normalization(float[] mean, float[] std) {
    if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("mean and std must be non-empty and of equal length");
    }
    this.mean = mean.clone();
    this.std = std.clone();
    this.invStd = new float[std.length];
    for (int i = 0; i < std.length; i++) {
      if (!Float.isFinite(mean[i]) || !Float.isFinite(std[i]) || std[i] <= 0f) {
        throw new IllegalArgumentException("statistic " + i + " is not usable: mean=" + mean[i]
            + ", std=" + std[i] + " (std must be finite and > 0)");
      }
      invStd[i] = 1f / std[i];
    }
  }

  /**
   * Number of statistics.
   *
   * @return the input width they apply to
   */
  public int size() {
    return mean.length;
  }

  /**
   * The means (a copy).
   *
   * @return the means
   */
  public float[] mean() {
    return mean.clone();
  }

  /**
   * The standard deviations (a copy).
   *
   * @return the standard deviations
   */
  public float[] std() {
    return std.clone();
  }

  float[] meanRef() {
    return mean;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.hashCode(std);
  }
}
