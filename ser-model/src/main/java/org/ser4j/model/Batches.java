package org.ser4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.ser4j.runtime.InputMode;
import org.ser4j.runtime.Normalization;

/** Turns examples into DL4J mini-batches: features [batch, nIn, steps] (NCW), mask [batch, steps], one-hot labels. */
final class Batches {
  private Batches() {
  }

  static DataSet batch(FeatureDataset d, int[] order, int from, int to, Standardizer norm, int numClasses) {
    int n = to - from;
    int nIn = d.featuresPerStep();
    int steps = 0;
    boolean ragged = false;
    for (int i = from; i < to; i++) {
      int len = d.sequence(order[i]).length;
      if (i > from && len != steps) {
        ragged = true;
      }
      steps = Math.max(steps, len);
    }
    float[] x = new float[n * nIn * steps];
    float[] mask = ragged ? new float[n * steps] : null;
    float[] y = new float[n * numClasses];
    for (int b = 0; b < n; b++) {
      int idx = order[from + b];
      float[][] s = d.sequence(idx);
      for (int t = 0; t < s.length; t++) {
        for (int k = 0; k < nIn; k++) {
          x[(b * nIn + k) * steps + t] = norm.apply(s[t][k], t, k);
        }
        if (mask != null) {
          mask[b * steps + t] = 1f;
        }
      }
      y[b * numClasses + d.label(idx)] = 1f;
    }
    INDArray features = Nd4j.create(x, new long[] {n, nIn, steps}, 'c');
    INDArray labels = Nd4j.create(y, new long[] {n, numClasses}, 'c');
    INDArray fMask = mask == null ? null : Nd4j.create(mask, new long[] {n, steps}, 'c');
    return new DataSet(features, labels, fMask, null);
  }

  /** Per-feature (sequence) or per-position (pooled) standardisation, or identity. */
  static final class Standardizer {
    static final Standardizer IDENTITY = new Standardizer(null, null, false);
    private final float[] mean;
    private final float[] invStd;
    private final boolean perPosition;

    private Standardizer(float[] mean, float[] invStd, boolean perPosition) {
      this.mean = mean;
      this.invStd = invStd;
      this.perPosition = perPosition;
    }

    static Standardizer of(Normalization n, InputMode mode) {
      if (n == null) {
        return IDENTITY;
      }
      float[] std = n.std();
      float[] inv = new float[std.length];
      for (int i = 0; i < std.length; i++) {
        inv[i] = 1f / std[i];
      }
      return new Standardizer(n.mean(), inv, mode == InputMode.VECTOR_AS_STEPS);
    }

    float apply(float v, int step, int feature) {
      if (mean == null) {
        return v;
      }
      int i = perPosition ? step : feature;
      return (v - mean[i]) * invStd[i];
    }

    /** Statistics fitted on {@code d}: per feature over all frames, or per position for pooled data. */
    static Normalization fit(FeatureDataset d) {
      boolean pooled = d.mode() == InputMode.VECTOR_AS_STEPS;
      int size = pooled ? d.maxSteps() : d.featuresPerStep();
      double[] sum = new double[size];
      double[] sq = new double[size];
      long[] count = new long[size];
      for (int i = 0; i < d.size(); i++) {
        float[][] s = d.sequence(i);
        for (int t = 0; t < s.length; t++) {
          for (int k = 0; k < s[t].length; k++) {
            int j = pooled ? t : k;
            sum[j] += s[t][k];
            sq[j] += (double) s[t][k] * s[t][k];
            count[j]++;
          }
        }
      }
      float[] mean = new float[size];
      float[] std = new float[size];
      for (int j = 0; j < size; j++) {
        double m = sum[j] / Math.max(1, count[j]);
        double var = Math.max(0, sq[j] / Math.max(1, count[j]) - m * m);
        mean[j] = (float) m;
        double sd = Math.sqrt(var);
        std[j] = sd < 1e-6 ? 1f : (float) sd;
      }
      return new Normalization(mean, std);
    }
  }
}
