package org.ser4j.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Class probabilities for one input, in the bundle's label order. Immutable. */
public final class Prediction {
  private final List<String> labels;
  private final double[] probabilities;
  private final int top;

  Prediction(List<String> labels, double[] probabilities) {
    if (labels.size() != probabilities.length) {
      throw new IllegalArgumentException(labels.size() + " labels, " + probabilities.length + " probabilities");
    }
    this.labels = labels;
    this.probabilities = probabilities;
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    this.top = best;
  }

  /** Creates a prediction from explicit values (labels and probabilities in the same order). */
  public static Prediction of(List<String> labels, double[] probabilities) {
    return new Prediction(List.copyOf(labels), probabilities.clone());
  }

  public List<String> labels() {
    return labels;
  }

  /** The most probable label (the first one on ties). */
  public String topLabel() {
    return labels.get(top);
  }

  public int topIndex() {
    return top;
  }

  public double topProbability() {
    return probabilities[top];
  }

  /** Probability of label {@code index} (label order). */
  public double probability(int index) {
    return probabilities[index];
  }

  /** Probability of {@code label}; throws if the label is unknown. */
  public double probability(String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("unknown label '" + label + "', labels are " + labels);
    }
    return probabilities[i];
  }

  /** Probabilities in label order (a copy). */
  public double[] toArray() {
    return probabilities.clone();
  }

  /** Label -> probability, iterating in label order. */
  public Map<String, Double> probabilities() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < probabilities.length; i++) {
      m.put(labels.get(i), probabilities[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Prediction[").append(topLabel())
        .append(String.format(Locale.ROOT, " %.3f;", topProbability()));
    for (int i = 0; i < probabilities.length; i++) {
      sb.append(' ').append(labels.get(i)).append(String.format(Locale.ROOT, "=%.3f", probabilities[i]));
    }
    return sb.append(']').toString();
  }
}
