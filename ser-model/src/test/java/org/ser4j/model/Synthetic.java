package org.ser4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic datasets: 7 classes of noisy prototypes. */
final class Synthetic {
  static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "neutral", "ps", "sad");

  private Synthetic() {
  }

  /** Pooled vectors: class prototype (fixed by {@code protoSeed}) + Gaussian noise. */
  static FeatureDataset pooled(int n, int length, double noise, long protoSeed, long seed) {
    Random pr = new Random(protoSeed);
    float[][] protos = new float[EMOTIONS.size()][length];
    for (float[] p : protos) {
      for (int i = 0; i < length; i++) {
        p[i] = (float) (pr.nextGaussian() * 2);
      }
    }
    Random r = new Random(seed);
    List<float[]> xs = new ArrayList<>();
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      int y = i % EMOTIONS.size();
      float[] v = new float[length];
      for (int k = 0; k < length; k++) {
        v[k] = (float) (protos[y][k] + r.nextGaussian() * noise);
      }
      xs.add(v);
      ys[i] = y;
    }
    return FeatureDataset.ofPooled(xs, ys, EMOTIONS);
  }

  /** Variable-length sequences: each frame = class prototype frame + noise, offset and scaled features. */
  static FeatureDataset sequences(int n, int features, int minSteps, int maxSteps, double noise, long protoSeed,
      long seed) {
    Random pr = new Random(protoSeed);
    float[][] protos = new float[EMOTIONS.size()][features];
    for (float[] p : protos) {
      for (int i = 0; i < features; i++) {
        p[i] = (float) (pr.nextGaussian() * 2);
      }
    }
    Random r = new Random(seed);
    List<float[][]> xs = new ArrayList<>();
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      int y = i % EMOTIONS.size();
      int steps = minSteps + r.nextInt(maxSteps - minSteps + 1);
      float[][] s = new float[steps][features];
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < features; k++) {
          // un-normalised scale (like MFCCs): large offset and spread per feature
          s[t][k] = (float) (50 * k - 100 + 10 * (protos[y][k] + r.nextGaussian() * noise));
        }
      }
      xs.add(s);
      ys[i] = y;
    }
    return FeatureDataset.ofSequences(xs, ys, EMOTIONS);
  }
}
