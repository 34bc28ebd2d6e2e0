package org.ser4j.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.ser4j.data.Utterance;

/**
 * How training examples are drawn so that no class (or no corpus's class) dominates: balanced sampling. Each
 * epoch draws as many examples as the training part holds, with replacement, example {@code i} with
 * probability proportional to its {@link #weights weight}; {@link #NONE} visits every example once per epoch
 * in a seeded shuffle (as before balancing existed).
 */
public enum Balance {
  /** Every example once per epoch. */
  NONE(null),
  /** Every class drawn equally often: weight {@code N / (classes * examples of its class)}. */
  CLASS(Utterance::label),
  /**
   * Every (corpus, class) group drawn equally often: weight {@code N / (groups * examples of its group)}. A
   * small corpus then counts as much as a big one within each class.
   */
  CORPUS_CLASS(u -> u.corpus() + "\u0000" + u.label());

  private final Function<Utterance, String> group;

  Balance(Function<Utterance, String> group) {
    this.group = group;
  }

  /**
   * The default for a training set drawn from {@code corpora} corpora: {@link #CORPUS_CLASS} for several
   * (no corpus outweighs another), {@link #NONE} for one (the results of a single corpus stay as they were).
   *
   * @param corpora how many corpora the training data comes from
   * @return the default balance
   */
  public static Balance defaultFor(int corpora) {
    return corpora > 1 ? CORPUS_CLASS : NONE;
  }

  /**
   * Parses {@code none}, {@code class}, {@code corpus-class} (case-insensitive; {@code _} for {@code -}).
   *
   * @param text the name
   * @return the balance
   * @throws IllegalArgumentException naming the choices
   */
  public static Balance parse(String text) {
    String t = Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Balance b : values()) {
      if (b.id().equals(t)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown balance '" + text + "' (none, class, corpus-class)");
  }

  /** {@return the name on the command line and in provenance: none, class, corpus-class} */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Sampling weights of {@code examples}: for each, {@code N / (G * n_g)} where {@code N} is the number of
   * examples, {@code G} the number of groups present and {@code n_g} the size of its group; they sum to
   * {@code N}, and every group's weights sum to {@code N / G}. All 1 for {@link #NONE}.
   *
   * @param examples the training examples, in dataset order
   * @return one weight per example
   */
  public double[] weights(List<Utterance> examples) {
    double[] w = new double[examples.size()];
    if (group == null) {
      java.util.Arrays.fill(w, 1.0);
      return w;
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Utterance u : examples) {
      counts.merge(group.apply(u), 1, Integer::sum);
    }
    int n = examples.size();
    int groups = counts.size();
    for (int i = 0; i < n; i++) {
      w[i] = (double) n / (groups * counts.get(group.apply(examples.get(i))));
    }
    return w;
  }
}
