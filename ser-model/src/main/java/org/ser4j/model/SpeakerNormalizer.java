package org.ser4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Normalization;
import org.ser4j.runtime.SpeakerProfile;

/**
 * Speaker normalisation of pooled feature vectors, as {@link Experiment.NormalizeBy#SPEAKER} trains and
 * evaluates: each speaker's vectors are standardised with that speaker's own {@link SpeakerProfile} (the same
 * code the recognizer runs at inference), and a speaker with fewer than {@link SpeakerProfile#MIN_CLIPS} clips
 * with the global statistics. Speakers are told apart by corpus and speaker id.
 */
final class SpeakerNormalizer {

  private SpeakerNormalizer() {
  }

  /** Mean and population std of every value over the set's vectors (std below 1e-6 becomes 1, as the trainer's). */
  static Normalization global(FeatureSet set) {
    int n = set.size();
    int d = set.features().get(0)[0].length;
    double[] sum = new double[d];
    double[] sq = new double[d];
    for (float[][] f : set.features()) {
      for (int j = 0; j < d; j++) {
        sum[j] += f[0][j];
        sq[j] += (double) f[0][j] * f[0][j];
      }
    }
    float[] mean = new float[d];
    float[] std = new float[d];
    for (int j = 0; j < d; j++) {
      double m = sum[j] / n;
      double sd = Math.sqrt(Math.max(0, sq[j] / n - m * m));
      mean[j] = (float) m;
      std[j] = sd < 1e-6 ? 1f : (float) sd;
    }
    return new Normalization(mean, std);
  }

  /** Each speaker's vectors standardised with the speaker's own profile (global statistics below two clips). */
  static FeatureSet bySpeaker(FeatureSet set, Normalization global) {
    return withProfilesOf(set, set, global);
  }

  /**
   * Every vector of {@code set} standardised with its speaker's profile built from that speaker's vectors in
   * {@code reference} (augmented copies with the statistics of the original clips); global statistics for a
   * speaker with fewer than two clips there.
   */
  static FeatureSet withProfilesOf(FeatureSet reference, FeatureSet set, Normalization global) {
    requirePooled(set.spec());
    Map<String, List<float[]>> vectors = new LinkedHashMap<>();
    for (int i = 0; i < reference.size(); i++) {
      vectors.computeIfAbsent(key(reference.utterances().get(i)), k -> new ArrayList<>())
          .add(reference.features().get(i)[0]);
    }
    Map<String, SpeakerProfile> profiles = SpeakerProfile.perSpeaker(vectors);
    float[] globalStd = global.std();
    List<float[][]> out = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      float[] x = set.features().get(i)[0];
      SpeakerProfile p = profiles.get(key(set.utterances().get(i)));
      out.add(new float[][] {p != null ? p.standardize(x, globalStd) : standardize(x, global)});
    }
    return new FeatureSet(set.spec(), set.utterances(), out, set.problems());
  }

  /** Every vector standardised with the global statistics: what the recognizer does without a profile. */
  static FeatureSet globally(FeatureSet set, Normalization global) {
    List<float[][]> out = new ArrayList<>(set.size());
    for (float[][] f : set.features()) {
      out.add(new float[][] {standardize(f[0], global)});
    }
    return new FeatureSet(set.spec(), set.utterances(), out, set.problems());
  }

  static void requirePooled(FeatureSpec spec) {
    if (spec.pooling() == FeatureSpec.Summary.NONE) {
      throw new IllegalArgumentException("speaker normalisation needs pooled features (one vector per clip: stats,"
          + " voice, notebook), not the frame sequences of '" + spec.name() + "'");
    }
  }

  private static float[] standardize(float[] x, Normalization g) {
    float[] m = g.mean();
    float[] s = g.std();
    float[] z = new float[x.length];
    for (int j = 0; j < x.length; j++) {
      z[j] = (float) ((x[j] - (double) m[j]) / s[j]);
    }
    return z;
  }

  private static String key(Utterance u) {
    return u.corpus() + "\u0000" + u.speaker();
  }
}
