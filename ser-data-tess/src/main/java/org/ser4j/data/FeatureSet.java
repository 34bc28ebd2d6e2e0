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

  /**
   * A one-line summary (the spec's name, counts and shape), never the matrices themselves.
   *
   * @return e.g. {@code FeatureSet[notebook: 840 utterances x 1 x 40 values, 2 problems]}
   */
  @Override
  public String toString() {
    String shape = features.isEmpty() ? "" : " x " + features.get(0).length + (features.get(0).length > 0
        ? " x " + features.get(0)[0].length + " values" : " rows");
    return "FeatureSet[" + spec.name() + ": " + utterances.size() + " utterances" + shape + ", " + problems.size()
        + " problem" + (problems.size() == 1 ? "" : "s") + "]";
  }
}
