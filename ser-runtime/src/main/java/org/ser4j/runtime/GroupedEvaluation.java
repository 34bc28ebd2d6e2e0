package org.ser4j.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An {@link Evaluation} of all examples together with one per group (per speaker, typically), and the spread
 * of the groups' accuracies: what a speaker-independent figure needs, since a mean over clips hides a speaker
 * the model fails on. Immutable.
 *
 * <pre>{@code
 * GroupedEvaluation g = GroupedEvaluation.of(labels, actual, predicted, speakers);
 * g.total().accuracy();             // over all clips
 * g.accuracySpread().mean();        // mean over speakers, with std, min and max
 * }</pre>
 */
public final class GroupedEvaluation {
  private final Evaluation total;
  private final Map<String, Evaluation> groups;
  private final Spread spread;

  private GroupedEvaluation(Evaluation total, Map<String, Evaluation> groups) {
    this.total = total;
    this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    this.spread = Spread.of(groups.entrySet().stream()
        .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().accuracy()), Map::putAll));
  }

  /**
   * From true and predicted label indices and each example's group.
   *
   * @throws IllegalArgumentException when the three arrays differ in length, or there is no example
   */
  public static GroupedEvaluation of(List<String> labels, int[] actual, int[] predicted, List<String> group) {
    Objects.requireNonNull(labels, "labels");
    if (actual.length != predicted.length || actual.length != group.size()) {
      throw new IllegalArgumentException(actual.length + " true labels, " + predicted.length + " predictions, "
          + group.size() + " groups: they must be as many");
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("no example to evaluate");
    }
    Map<String, List<Integer>> byGroup = new TreeMap<>();
    for (int i = 0; i < actual.length; i++) {
      byGroup.computeIfAbsent(Objects.requireNonNull(group.get(i), "group of example " + i), g -> new ArrayList<>())
          .add(i);
    }
    Map<String, Evaluation> groups = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> e : byGroup.entrySet()) {
      int[] a = e.getValue().stream().mapToInt(i -> actual[i]).toArray();
      int[] p = e.getValue().stream().mapToInt(i -> predicted[i]).toArray();
      groups.put(e.getKey(), Evaluation.of(labels, a, p));
    }
    return new GroupedEvaluation(Evaluation.of(labels, actual, predicted), groups);
  }

  /** The scores over every example. */
  public Evaluation total() {
    return total;
  }

  /** The scores of each group, in group-name order. */
  public Map<String, Evaluation> groups() {
    return groups;
  }

  /** The spread of the groups' accuracies. */
  public Spread accuracySpread() {
    return spread;
  }

  /**
   * JSON: {@link Evaluation#toJson()}'s fields, then {@code "groups":{name:{"total":..,"accuracy":..,"macroF1":..}}}
   * and {@code "groupAccuracy":{"count","mean","std","min","minGroup","max","maxGroup"}}.
   */
  public String toJson() {
    String base = total.toJson();
    StringBuilder sb = new StringBuilder(base.substring(0, base.length() - 1));
    sb.append(",\"groups\":{");
    boolean first = true;
    for (Map.Entry<String, Evaluation> e : groups.entrySet()) {
      sb.append(first ? "" : ",").append(Evaluation.str(e.getKey())).append(":{\"total\":")
          .append(e.getValue().total()).append(",\"accuracy\":").append(Evaluation.num(e.getValue().accuracy()))
          .append(",\"macroF1\":").append(Evaluation.num(e.getValue().macroF1())).append('}');
      first = false;
    }
    sb.append("},\"groupAccuracy\":").append(spread.toJson());
    return sb.append('}').toString();
  }

  @Override
  public String toString() {
    return "GroupedEvaluation[" + total + ", " + groups.size() + " groups, " + spread + "]";
  }

  /**
   * Mean, standard deviation (population: divided by the count, as numpy's {@code std}), minimum and maximum
   * of named values, with the names of the extremes.
   *
   * @param count how many values
   * @param mean their mean
   * @param std their population standard deviation
   * @param min the smallest
   * @param minName the name of the smallest (the first in name order on a tie)
   * @param max the largest
   * @param maxName the name of the largest (the first in name order on a tie)
   */
  public record Spread(int count, double mean, double std, double min, String minName, double max,
      String maxName) {

    /**
     * The spread of {@code values} (in their iteration order for ties).
     *
     * @throws IllegalArgumentException when there is no value
     */
    public static Spread of(Map<String, Double> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no value to summarise");
      }
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      String minName = null;
      String maxName = null;
      for (Map.Entry<String, Double> e : values.entrySet()) {
        double v = e.getValue();
        sum += v;
        if (v < min) {
          min = v;
          minName = e.getKey();
        }
        if (v > max) {
          max = v;
          maxName = e.getKey();
        }
      }
      double mean = sum / values.size();
      double sq = 0;
      for (double v : values.values()) {
        sq += (v - mean) * (v - mean);
      }
      return new Spread(values.size(), mean, Math.sqrt(sq / values.size()), min, minName, max, maxName);
    }

    /** JSON: {@code {"count":..,"mean":..,"std":..,"min":..,"minGroup":..,"max":..,"maxGroup":..}}. */
    public String toJson() {
      return "{\"count\":" + count + ",\"mean\":" + Evaluation.num(mean) + ",\"std\":" + Evaluation.num(std)
          + ",\"min\":" + Evaluation.num(min) + ",\"minGroup\":" + Evaluation.str(minName) + ",\"max\":"
          + Evaluation.num(max) + ",\"maxGroup\":" + Evaluation.str(maxName) + "}";
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.4f +- %.4f over %d (min %.4f %s, max %.4f %s)", mean, std, count, min,
          minName, max, maxName);
    }
  }
}
