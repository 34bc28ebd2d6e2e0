package org.ser4j.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Class probabilities for one input, in the bundle's label order, with {@linkplain #qualityNotes() notes} on
 * the audio's quality when it came from audio. Immutable; probabilities are always finite.
 */
public final class Prediction {
  private final List<String> labels;
  private final double[] probabilities;
  private final int top;
  private final List<QualityNote> notes;

  Prediction(List<String> labels, double[] probabilities) {
    this(labels, probabilities, List.of());
  }

  private Prediction(List<String> labels, double[] probabilities, List<QualityNote> notes) {
    if (labels.size() != probabilities.length) {
      throw new IllegalArgumentException(labels.size() + " labels, " + probabilities.length + " probabilities");
    }
    for (double p : probabilities) {
      if (!Double.isFinite(p)) {
        throw new IllegalArgumentException("non-finite probability " + p + " in " + java.util.Arrays.toString(
            probabilities));
      }
    }
    this.labels = labels;
    this.probabilities = probabilities;
    this.notes = List.copyOf(notes);
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    this.top = best;
  }

  /**
   * Creates a prediction from explicit values (labels and probabilities in the same order).
   *
   * @param labels the labels
   * @param probabilities one finite value per label
   * @return the prediction
   * @throws IllegalArgumentException if the lengths differ or a value is not finite
   */
  public static Prediction of(List<String> labels, double[] probabilities) {
    return new Prediction(List.copyOf(labels), probabilities.clone());
  }

  Prediction withQuality(List<QualityNote> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<QualityNote> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new Prediction(labels, probabilities, all);
  }

  /**
   * What makes this prediction less trustworthy: decoder repairs, silence, clipping, less audio than the
   * model's window. Empty for clean audio, and for predictions made from features.
   *
   * @return the notes, in no particular order of importance
   */
  public List<QualityNote> qualityNotes() {
    return notes;
  }

  /**
   * Whether the audio was silent or nearly so (then the probabilities say nothing about emotion).
   *
   * @return true if a {@link QualityNote.Kind#SILENCE} note is present
   */
  public boolean isSilent() {
    return notes.stream().anyMatch(n -> n.kind() == QualityNote.Kind.SILENCE);
  }

  /**
   * The labels in output order.
   *
   * @return the labels
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * The most probable label (the first one on ties).
   *
   * @return the label
   */
  public String topLabel() {
    return labels.get(top);
  }

  /**
   * The index of {@link #topLabel()}.
   *
   * @return its index in label order
   */
  public int topIndex() {
    return top;
  }

  /**
   * The probability of {@link #topLabel()}.
   *
   * @return a value in [0, 1]
   */
  public double topProbability() {
    return probabilities[top];
  }

  /**
   * Probability of label {@code index} (label order).
   *
   * @param index the label's index
   * @return its probability
   */
  public double probability(int index) {
    return probabilities[index];
  }

  /**
   * Probability of {@code label}.
   *
   * @param label a label
   * @return its probability
   * @throws IllegalArgumentException if the label is unknown
   */
  public double probability(String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("unknown label '" + label + "', labels are " + labels);
    }
    return probabilities[i];
  }

  /**
   * Probabilities in label order (a copy).
   *
   * @return the probabilities
   */
  public double[] toArray() {
    return probabilities.clone();
  }

  /**
   * Label to probability, iterating in label order.
   *
   * @return an unmodifiable map
   */
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
    if (!notes.isEmpty()) {
      sb.append("; quality: ").append(notes);
    }
    return sb.append(']').toString();
  }
}
