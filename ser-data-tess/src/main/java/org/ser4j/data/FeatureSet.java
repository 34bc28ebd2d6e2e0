package org.ser4j.data;

import org.ser4j.features.FeatureSpec;
import java.util.List;
import java.util.Objects;

/**
 * Features of a list of utterances: one matrix per usable utterance (rows = frames, columns = values; a
 * pooled spec gives one row), in the order asked for, and the utterances that could not be featurised with
 * the reason. Matrices are shared, not copied: treat them as read-only.
 *
 * @param spec what was computed
 * @param utterances the utterances that have features, in input order
 * @param features their matrices, parallel to {@code utterances}
 * @param problems the utterances left out (undecodable, too short), one each
 */
public record FeatureSet(FeatureSpec spec, List<Utterance> utterances, List<float[][]> features,
    List<Problem> problems) {

  public FeatureSet {
    Objects.requireNonNull(spec, "spec");
    utterances = List.copyOf(utterances);
    features = List.copyOf(features);
    problems = List.copyOf(problems);
    if (utterances.size() != features.size()) {
      throw new IllegalArgumentException(utterances.size() + " utterances but " + features.size() + " feature matrices");
    }
  }

  /** Number of utterances with features. */
  public int size() {
    return utterances.size();
  }

  /** The pooled vector of utterance {@code i} (row 0 of its matrix). */
  public float[] vector(int i) {
    return features.get(i)[0];
  }
}
