package org.ser4j.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-utterance statistics of a one-value-per-frame track (rms, a spectral feature, F0 from {@link Pitch}), and
 * F0 in semitones relative to a reference such as the speaker's median. {@code NaN} frames (pyin's unvoiced
 * frames) are left out, as numpy's {@code nanmean}, {@code nanstd} and {@code nanpercentile} leave them out.
 * Computed in double. For statistics of every column of a {@code float[frames][values]} matrix see
 * {@link Pooling}.
 */
public final class FrameStatistics {

  private FrameStatistics() {}

  /**
   * Statistics of the non-NaN values of a track; all NaN when there is none (e.g. F0 of a clip without a voiced
   * frame).
   *
   * @param count number of non-NaN frames
   * @param mean their mean
   * @param std their population standard deviation ({@code ddof=0})
   * @param min their minimum
   * @param p10 10th percentile (linear interpolation, numpy's default)
   * @param median 50th percentile
   * @param p90 90th percentile
   * @param max their maximum
   */
  public record Summary(int count, double mean, double std, double min, double p10, double median, double p90,
      double max) {

    /** {@code p90 - p10}, a spread robust to outlying frames. */
    public double interPercentileRange() {
      return p90 - p10;
    }

    /** The statistics as {@code [mean, std, min, p10, median, p90, max]}, e.g. to append to a feature vector. */
    public double[] toArray() {
      return new double[] {mean, std, min, p10, median, p90, max};
    }
  }

  /**
   * Mean, standard deviation, minimum, 10th/50th/90th percentiles and maximum over the non-NaN frames.
   *
   * @throws IllegalArgumentException if a value is infinite
   */
  public static Summary summarize(float[] track) {
    double[] v = finiteSorted(track);
    int n = v.length;
    if (n == 0) {
      return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return new Summary(n, mean, Math.sqrt(ss / n), v[0], percentileOfSorted(v, 10), percentileOfSorted(v, 50),
        percentileOfSorted(v, 90), v[n - 1]);
  }

  /**
   * {@code numpy.nanpercentile(track, q)} with linear interpolation: NaN if every frame is NaN.
   *
   * @param q percentile in [0, 100]
   * @throws IllegalArgumentException if {@code q} is outside [0, 100] or a value is infinite
   */
  public static double percentile(float[] track, double q) {
    if (!(q >= 0 && q <= 100)) {
      throw new IllegalArgumentException("percentile q must be in [0, 100], got " + q);
    }
    double[] v = finiteSorted(track);
    return v.length == 0 ? Double.NaN : percentileOfSorted(v, q);
  }

  /** {@code numpy.nanmedian(track)}: NaN if every frame is NaN. */
  public static double median(float[] track) {
    return percentile(track, 50);
  }

  /**
   * F0 in semitones relative to {@code referenceHz}: {@code 12 log2(f0 / referenceHz)} per frame, NaN where
   * {@code f0} is NaN or not positive (unvoiced). With the speaker's median F0 as reference (over their voiced
   * frames, from one or many clips) the track describes pitch movement independently of the voice's register.
   *
   * @throws IllegalArgumentException if {@code referenceHz} is not positive and finite
   */
  public static float[] semitones(float[] f0, double referenceHz) {
    Objects.requireNonNull(f0, "f0");
    if (!(referenceHz > 0) || Double.isInfinite(referenceHz)) {
      throw new IllegalArgumentException("referenceHz must be positive and finite, got " + referenceHz
          + " (a clip without voiced frames has no median F0: pick another reference)");
    }
    float[] out = new float[f0.length];
    double scale = 12.0 / Math.log(2.0);
    for (int t = 0; t < f0.length; t++) {
      float f = f0[t];
      out[t] = f > 0 && !Float.isInfinite(f) ? (float) (scale * Math.log(f / referenceHz)) : Float.NaN;
    }
    return out;
  }

  private static double[] finiteSorted(float[] track) {
    Objects.requireNonNull(track, "track");
    double[] v = new double[track.length];
    int n = 0;
    for (int t = 0; t < track.length; t++) {
      float x = track[t];
      if (Float.isNaN(x)) {
        continue;
      }
      if (Float.isInfinite(x)) {
        throw new IllegalArgumentException("frame " + t + " of the track is infinite");
      }
      v[n++] = x;
    }
    v = Arrays.copyOf(v, n);
    Arrays.sort(v);
    return v;
  }

  private static double percentileOfSorted(double[] v, double q) {
    double pos = q / 100.0 * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    double frac = pos - lo;
    return v[lo] + (v[hi] - v[lo]) * frac;
  }
}
