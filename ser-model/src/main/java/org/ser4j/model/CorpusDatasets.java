package org.ser4j.model;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSpec;

/** Turns ser-data-tess feature sets into the {@link FeatureDataset}s the {@link Trainer} takes. */
public final class CorpusDatasets {

  private CorpusDatasets() {}

  /**
   * A dataset of {@code features}, labelled by each utterance's {@link Utterance#label()} as an index into
   * {@code labels} (the class order of the model: use the same list for training, validation and test).
   * Pooled specs give pooled vectors; framewise specs give sequences.
   *
   * @throws IllegalArgumentException if an utterance's label is not in {@code labels}
   */
  public static FeatureDataset of(FeatureSet features, List<String> labels) {
    int n = features.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      Utterance u = features.utterances().get(i);
      y[i] = labels.indexOf(u.label());
      if (y[i] < 0) {
        throw new IllegalArgumentException("label '" + u.label() + "' of " + u.path() + " is not one of " + labels);
      }
    }
    if (features.spec().pooling() == FeatureSpec.Summary.MEAN) {
      List<float[]> vectors = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        vectors.add(features.vector(i));
      }
      return FeatureDataset.ofPooled(vectors, y, labels);
    }
    return FeatureDataset.ofSequences(features.features(), y, labels);
  }
}
