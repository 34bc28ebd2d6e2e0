package org.ser4j.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ModelBundle}'s network in plain Java. Thread-safe: the weights are immutable and each call
 * uses its own small scratch arrays.
 *
 * <pre>{@code
 * EmotionRecognizer r = EmotionRecognizer.load(Path.of("model.ser4j"));
 * Prediction p = r.predict(Path.of("clip.wav"));  // decode, load, features, network: as in training
 * p.topLabel();                                    // "angry"
 * Prediction q = r.predict(clip);                  // an AudioClip at any rate (mic, stream, ...)
 * Prediction s = r.predictPooled(meanMfcc);        // or features you computed yourself
 * }</pre>
 *
 * <p>The audio-to-feature steps are the bundle's {@link FeatureSpec} (load options, MFCC, deltas, pooling), so
 * a file is featurised exactly as the training data were.
 */
public final class EmotionRecognizer {
  private static final Logger LOG = LoggerFactory.getLogger(EmotionRecognizer.class);

  private final ModelBundle bundle;
  private final List<LayerSpec> layers;
  private final LstmLayer lstm; // first layer, or null
  private final int firstDense;
  private final int maxWidth;
  private final float[] mean;
  private final float[] invStd;
  /** Weight rows as separate arrays: the JIT vectorises {@code z[j] += a * row[j]} but not offset forms. */
  private final float[][] lstmW;
  private final float[][] lstmRW;
  private final float[][][] denseW;
  private final FeatureSpec featureSpec; // null for bundles made without a usable one
  private final String featureProblem; // why featureSpec is null
  private final MfccExtractor extractor;

  private EmotionRecognizer(ModelBundle bundle) {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.layers = bundle.layers();
    this.lstm = layers.get(0) instanceof LstmLayer l ? l : null;
    this.firstDense = lstm == null ? 0 : 1;
    int w = bundle.inputLength();
    for (LayerSpec l : layers) {
      w = Math.max(w, Math.max(l.nIn(), l.nOut()));
    }
    this.maxWidth = w;
    this.mean = bundle.normalization().map(Normalization::meanRef).orElse(null);
    this.invStd = bundle.normalization().map(n -> n.invStd).orElse(null);
    this.lstmW = lstm == null ? null : rows(lstm.w, lstm.nIn(), 4 * lstm.nOut());
    this.lstmRW = lstm == null ? null : rows(lstm.rw, lstm.nOut(), 4 * lstm.nOut());
    this.denseW = new float[layers.size()][][];
    for (int i = firstDense; i < layers.size(); i++) {
      DenseLayer d = (DenseLayer) layers.get(i);
      denseW[i] = rows(d.w, d.nIn(), d.nOut());
    }
    FeatureSpec spec = null;
    String problem = "the bundle has no feature configuration";
    if (!bundle.featureConfig().isEmpty()) {
      try {
        spec = FeatureSpec.fromMap(bundle.featureConfig());
      } catch (IllegalArgumentException e) {
        problem = "the bundle's feature configuration is not one this version reads (" + e.getMessage() + ")";
      }
    }
    this.featureSpec = spec;
    this.featureProblem = spec == null ? problem : null;
    this.extractor = spec == null ? null : spec.newExtractor();
  }

  private static float[][] rows(float[] flat, int nRows, int nCols) {
    float[][] r = new float[nRows][];
    for (int i = 0; i < nRows; i++) {
      r[i] = java.util.Arrays.copyOfRange(flat, i * nCols, (i + 1) * nCols);
    }
    return r;
  }

  /** Reads a bundle file; see {@link ModelBundle#read(Path)} for the failures. */
  public static EmotionRecognizer load(Path bundleFile) throws IOException {
    ModelBundle b = ModelBundle.read(bundleFile);
    LOG.debug("loaded {} from {}", b, bundleFile);
    return new EmotionRecognizer(b);
  }

  /** A recognizer for a bundle already in memory. */
  public static EmotionRecognizer of(ModelBundle bundle) {
    return new EmotionRecognizer(bundle);
  }

  public ModelBundle bundle() {
    return bundle;
  }

  public List<String> labels() {
    return bundle.labels();
  }

  /**
   * The features this model was trained on: how {@link #predict(Path)} turns audio into its input.
   *
   * @throws IllegalStateException if the bundle carries no usable feature configuration (then classify
   *     features you compute yourself with {@link #predict(float[][])} or {@link #predictPooled(float[])})
   */
  public FeatureSpec featureSpec() {
    if (featureSpec == null) {
      throw new IllegalStateException(featureProblem + ": use predict(float[][]) or predictPooled(float[])");
    }
    return featureSpec;
  }

  /**
   * Classifies an audio file: decoded by content, loaded (offset, duration, mono, rate) and featurised as
   * the bundle's {@link #featureSpec()} says, then run through the network.
   *
   * @throws org.ser4j.audio.AudioFormatException if the file is not decodable audio (message names it)
   * @throws IllegalArgumentException if it has no audio where the features look (e.g. shorter than the offset)
   */
  public Prediction predict(Path file) throws IOException {
    FeatureSpec spec = featureSpec();
    return predictFeatures(spec.compute(AudioLoader.load(file, spec.load()), extractor));
  }

  /**
   * Classifies a clip at any sample rate and channel count: cut, downmixed and resampled as the bundle's
   * {@link #featureSpec()} loads files, then featurised.
   */
  public Prediction predict(AudioClip clip) {
    FeatureSpec spec = featureSpec();
    return predictFeatures(spec.compute(AudioLoader.load(clip, spec.load()), extractor));
  }

  private Prediction predictFeatures(float[][] features) {
    if (bundle.inputMode() == InputMode.POOLED) {
      return predictPooled(features[0]);
    }
    return predict(features);
  }

  /**
   * Classifies a sequence of time steps x features (normalised with the bundle's statistics first). For a
   * {@link InputMode#POOLED} bundle a [length][1] array is accepted too and read as the pooled vector.
   */
  public Prediction predict(float[][] sequence) {
    Objects.requireNonNull(sequence, "sequence");
    return predict(sequence, sequence.length);
  }

  /**
   * Classifies the first {@code steps} rows of {@code sequence} (the rest is padding and ignored, as a mask
   * would do).
   */
  public Prediction predict(float[][] sequence, int steps) {
    Objects.requireNonNull(sequence, "sequence");
    if (steps <= 0 || steps > sequence.length) {
      throw new IllegalArgumentException("steps must be in [1, " + sequence.length + "], got " + steps);
    }
    if (bundle.inputMode() == InputMode.POOLED) {
      float[] v = new float[steps];
      for (int t = 0; t < steps; t++) {
        if (sequence[t] == null || sequence[t].length != 1) {
          throw new IllegalArgumentException("pooled model: expected [" + bundle.inputLength()
              + "][1] input, row " + t + " has " + (sequence[t] == null ? 0 : sequence[t].length) + " values");
        }
        v[t] = sequence[t][0];
      }
      return predictPooled(v);
    }
    int nIn = bundle.inputLength();
    for (int t = 0; t < steps; t++) {
      float[] row = sequence[t];
      if (row == null || row.length != nIn) {
        throw new IllegalArgumentException("time step " + t + " has " + (row == null ? 0 : row.length)
            + " features, the model expects " + nIn);
      }
      checkFinite(row, t);
    }
    float[] h = new float[maxWidth];
    float[] tmp = new float[maxWidth];
    float[] x;
    if (lstm != null) {
      x = runLstm(lstm, sequence, null, steps, h);
    } else {
      if (steps != 1) {
        throw new IllegalArgumentException("a dense-only model takes one time step, got " + steps);
      }
      x = normalizedRow(sequence[0], new float[maxWidth]);
    }
    return dense(x, tmp);
  }

  /**
   * Classifies a pooled feature vector: for a {@link InputMode#POOLED} bundle (the notebook preset) the
   * {@code n} values are read as {@code n} time steps of one feature, after per-position normalisation.
   */
  public Prediction predictPooled(float[] features) {
    Objects.requireNonNull(features, "features");
    if (bundle.inputMode() != InputMode.POOLED) {
      if (lstm == null && features.length == bundle.inputLength()) {
        return predict(new float[][] {features});
      }
      throw new IllegalStateException("this model reads sequences of " + bundle.inputLength()
          + " features per step; use predict(float[][])");
    }
    if (features.length != bundle.inputLength()) {
      throw new IllegalArgumentException("expected " + bundle.inputLength() + " pooled values, got " + features.length);
    }
    checkFinite(features, 0);
    float[] v = new float[features.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = mean == null ? features[i] : (features[i] - mean[i]) * invStd[i];
    }
    float[] h = new float[maxWidth];
    float[] x = runLstm(lstm, null, v, v.length, h);
    return dense(x, new float[maxWidth]);
  }

  private static void checkFinite(float[] row, int t) {
    for (float f : row) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("non-finite input value " + f + " at time step " + t);
      }
    }
  }

  private float[] normalizedRow(float[] row, float[] out) {
    if (mean == null) {
      System.arraycopy(row, 0, out, 0, row.length);
    } else {
      for (int k = 0; k < row.length; k++) {
        out[k] = (row[k] - mean[k]) * invStd[k];
      }
    }
    return out;
  }

  /**
   * LSTM over {@code steps} steps; input from {@code seq} rows (normalised per feature) or, when
   * {@code scalar} is given, one already-normalised value per step. Returns the last hidden state in
   * {@code hOut}.
   */
  private float[] runLstm(LstmLayer l, float[][] seq, float[] scalar, int steps, float[] hOut) {
    final int n = l.nOut();
    final int nIn = l.nIn();
    final int g4 = 4 * n;
    final float[][] w = lstmW;
    final float[][] rw = lstmRW;
    final float[] b = l.b;
    float[] z = new float[g4];
    float[] h = new float[n];
    float[] c = new float[n];
    float[] x = scalar == null ? new float[nIn] : null;
    for (int t = 0; t < steps; t++) {
      System.arraycopy(b, 0, z, 0, g4);
      if (scalar != null) {
        axpy(scalar[t], w[0], z, g4);
      } else {
        normalizedRow(seq[t], x);
        for (int k = 0; k < nIn; k++) {
          float xk = x[k];
          if (xk != 0f) {
            axpy(xk, w[k], z, g4);
          }
        }
      }
      if (t > 0) {
        int k = 0;
        for (; k + 4 <= n; k += 4) {
          axpy4(h[k], h[k + 1], h[k + 2], h[k + 3], rw[k], rw[k + 1], rw[k + 2], rw[k + 3], z, g4);
        }
        for (; k < n; k++) {
          axpy(h[k], rw[k], z, g4);
        }
      }
      for (int j = 0; j < n; j++) {
        double ig = sigmoid(z[j]);
        double fg = sigmoid(z[n + j]);
        double gg = tanh(z[2 * n + j]);
        double og = sigmoid(z[3 * n + j]);
        double cj = fg * c[j] + ig * gg;
        c[j] = (float) cj;
        h[j] = (float) (og * tanh(cj));
      }
    }
    System.arraycopy(h, 0, hOut, 0, n);
    return hOut;
  }

  /** z[0..len) += a * row[0..len): same index on both arrays, so C2 vectorises it. */
  private static void axpy(float a, float[] row, float[] z, int len) {
    for (int j = 0; j < len; j++) {
      z[j] += a * row[j];
    }
  }

  /** Four rows per pass: z is loaded and stored once per four multiply-adds. */
  private static void axpy4(float a0, float a1, float a2, float a3, float[] r0, float[] r1, float[] r2, float[] r3,
      float[] z, int len) {
    for (int j = 0; j < len; j++) {
      z[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
    }
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  static double tanh(double x) {
    // 1 - 2/(e^{2x}+1): accurate to ~1e-10 with exp below (Math.tanh is not a JIT intrinsic in Java 17)
    return 1.0 - 2.0 / (exp(2.0 * x) + 1.0);
  }

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2 = 0.6931471805599453;

  /**
   * e^x with relative error below 3e-10 (range reduction to 2^n * e^y, |y| <= ln2/2, degree-8 Taylor
   * polynomial); cheaper than {@link Math#exp}, which matters because the LSTM evaluates five
   * exponentials per unit and time step.
   */
  static double exp(double x) {
    if (x > 709.0) {
      return Double.POSITIVE_INFINITY;
    }
    if (x < -708.0) {
      return 0.0;
    }
    double n = Math.floor(x * LOG2E + 0.5);
    double y = x - n * LN2;
    double p = 1.0 + y * (1.0 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120
        + y * (1.0 / 720 + y * (1.0 / 5040 + y * (1.0 / 40320))))))));
    return p * Double.longBitsToDouble((long) (n + 1023) << 52);
  }

  private Prediction dense(float[] in, float[] out) {
    float[] x = in;
    float[] y = out;
    double[] probs = null;
    for (int li = firstDense; li < layers.size(); li++) {
      DenseLayer d = (DenseLayer) layers.get(li);
      int nIn = d.nIn();
      int nOut = d.nOut();
      float[][] dw = denseW[li];
      System.arraycopy(d.b, 0, y, 0, nOut);
      for (int k = 0; k < nIn; k++) {
        float xk = x[k];
        if (xk != 0f) {
          axpy(xk, dw[k], y, nOut);
        }
      }
      switch (d.activation()) {
        case IDENTITY -> { }
        case RELU -> {
          for (int j = 0; j < nOut; j++) {
            if (y[j] < 0f) {
              y[j] = 0f;
            }
          }
        }
        case TANH -> {
          for (int j = 0; j < nOut; j++) {
            y[j] = (float) tanh(y[j]);
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < nOut; j++) {
            y[j] = (float) sigmoid(y[j]);
          }
        }
        case SOFTMAX -> probs = softmax(y, nOut);
      }
      float[] s = x;
      x = y;
      y = s;
    }
    if (probs == null) {
      throw new IllegalStateException("network has no softmax output");
    }
    return new Prediction(bundle.labels(), probs);
  }

  private static double[] softmax(float[] y, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, y[j]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      p[j] = Math.exp(y[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < n; j++) {
      p[j] /= sum;
    }
    return p;
  }
}
