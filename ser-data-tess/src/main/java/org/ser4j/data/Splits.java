package org.ser4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Seeded, reproducible ways to split utterances. Every method sorts its input by path first, so the same
 * utterances and seed give the same split whatever order they came in.
 *
 * <ul>
 *   <li>{@link #stratified}: random, keeping each label's share (the seed notebook's 80/20 validation split);</li>
 *   <li>{@link #bySpeaker}: no speaker on both sides (TESS: train on OAF, test on YAF, or the reverse);</li>
 *   <li>{@link #byWord}: no word on both sides (TESS's two speakers say the same 200 words, so a random split
 *       puts the same word, said by the same voice in another emotion, on both sides);</li>
 *   <li>{@link #groupedKFold}: k folds whose groups (speaker, word, ...) never straddle train and test.</li>
 * </ul>
 */
public final class Splits {

  /** How to split; the command line's {@code --by}. */
  public enum Strategy {
    RANDOM, SPEAKER, WORD;

    /** {@link #RANDOM} from "random", etc. (case-insensitive). */
    public static Strategy parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  private Splits() {}

  /** The split {@code strategy} names, with {@code testFraction} and {@code seed}. */
  public static Split of(Strategy strategy, List<Utterance> utterances, double testFraction, long seed) {
    return switch (strategy) {
      case RANDOM -> stratified(utterances, testFraction, seed);
      case SPEAKER -> bySpeaker(utterances, testFraction, seed);
      case WORD -> byWord(utterances, testFraction, seed);
    };
  }

  /**
   * Random split stratified by label: within each label, {@code round(n * testFraction)} utterances (at least
   * one where the label has two or more) go to the test part.
   */
  public static Split stratified(List<Utterance> utterances, double testFraction, long seed) {
    checkFraction(testFraction);
    Random random = new Random(seed);
    Map<String, List<Utterance>> byLabel = new TreeMap<>();
    for (Utterance u : sorted(utterances)) {
      byLabel.computeIfAbsent(u.label(), k -> new ArrayList<>()).add(u);
    }
    List<Utterance> train = new ArrayList<>();
    List<Utterance> test = new ArrayList<>();
    for (List<Utterance> group : byLabel.values()) {
      java.util.Collections.shuffle(group, random);
      int nTest = (int) Math.round(group.size() * testFraction);
      if (nTest == 0 && group.size() > 1) {
        nTest = 1;
      }
      test.addAll(group.subList(0, nTest));
      train.addAll(group.subList(nTest, group.size()));
    }
    return new Split(sorted(train), sorted(test),
        "stratified random, test fraction " + testFraction + ", seed " + seed);
  }

  /** Speaker-held-out: the speakers in {@code testSpeakers} form the test part, all others the training part. */
  public static Split bySpeaker(List<Utterance> utterances, Collection<String> testSpeakers) {
    Set<String> held = new TreeSet<>(testSpeakers);
    return byGroup(utterances, u -> held.contains(u.speaker()),
        "speaker-held-out, test speakers " + String.join("+", held));
  }

  /**
   * Speaker-held-out with the test speakers drawn at random: {@code round(speakers * testFraction)} of them,
   * at least one and at most all but one.
   */
  public static Split bySpeaker(List<Utterance> utterances, double testFraction, long seed) {
    checkFraction(testFraction);
    List<String> held = drawGroups(utterances, Utterance::speaker, testFraction, seed, "speaker");
    Set<String> heldSet = new TreeSet<>(held);
    return byGroup(utterances, u -> heldSet.contains(u.speaker()),
        "speaker-held-out, test speakers " + String.join("+", new TreeSet<>(held)) + " (drawn with test fraction "
            + testFraction + ", seed " + seed + ")");
  }

  /** Word-held-out: {@code round(words * testFraction)} words drawn at random; every utterance of them is test. */
  public static Split byWord(List<Utterance> utterances, double testFraction, long seed) {
    checkFraction(testFraction);
    Set<String> held = new HashSet<>(drawGroups(utterances, Utterance::word, testFraction, seed, "word"));
    return byGroup(utterances, u -> held.contains(u.word()),
        "word-held-out, " + held.size() + " test words, test fraction " + testFraction + ", seed " + seed);
  }

  /**
   * Grouped k-fold, stratified by label as far as the groups allow: the groups ({@code group} of each utterance:
   * speaker, word, ...) are shuffled with the seed and dealt, largest first, each to the fold that so far holds
   * the fewest utterances of the labels that group has (the fold whose label counts grow least out of balance;
   * ties to the lowest fold), which balances both the folds' sizes and their label mix. Fold {@code i} is the test
   * part of split {@code i}; no group is ever on both sides. Grouping by path gives a stratified k-fold.
   *
   * @throws IllegalArgumentException if {@code k < 2} or there are fewer groups than folds
   */
  public static List<Split> groupedKFold(List<Utterance> utterances, int k, Function<Utterance, String> group,
      long seed) {
    return groupedKFold(utterances, k, group, null, seed);
  }

  /**
   * The k folds {@code strategy} names: grouped by speaker, by word, or (random) a stratified k-fold of single
   * utterances; see {@link #groupedKFold(List, int, Function, long)}.
   *
   * @throws IllegalArgumentException if {@code k < 2} or there are fewer speakers, words or utterances than folds
   */
  public static List<Split> kFold(Strategy strategy, List<Utterance> utterances, int k, long seed) {
    return switch (strategy) {
      case SPEAKER -> groupedKFold(utterances, k, Utterance::speaker, "speaker", seed);
      case WORD -> groupedKFold(utterances, k, Utterance::word, "word", seed);
      case RANDOM -> groupedKFold(utterances, k, u -> u.path().toString(), "utterance (stratified by label)", seed);
    };
  }

  private static List<Split> groupedKFold(List<Utterance> utterances, int k, Function<Utterance, String> group,
      String groupName, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be at least 2, got " + k);
    }
    Map<String, List<Utterance>> groups = new LinkedHashMap<>();
    for (Utterance u : sorted(utterances)) {
      groups.computeIfAbsent(group.apply(u), x -> new ArrayList<>()).add(u);
    }
    if (groups.size() < k) {
      throw new IllegalArgumentException("grouped k-fold needs at least k=" + k + " groups, found " + groups.size());
    }
    List<String> keys = new ArrayList<>(new TreeSet<>(groups.keySet()));
    java.util.Collections.shuffle(keys, new Random(seed));
    // stable sort by size, largest first: ties keep the shuffled order
    keys.sort(Comparator.comparingInt((String key) -> groups.get(key).size()).reversed());
    List<Map<String, Integer>> labelLoad = new ArrayList<>();
    List<Set<String>> folds = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      folds.add(new HashSet<>());
      labelLoad.add(new HashMap<>());
    }
    for (String key : keys) {
      Map<String, Integer> mix = new TreeMap<>();
      for (Utterance u : groups.get(key)) {
        mix.merge(u.label(), 1, Integer::sum);
      }
      // adding the group to fold f grows the folds' sum of squared label counts by 2 * sum_l c[f][l] * g[l] + const
      int best = 0;
      long bestCost = Long.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        long cost = 0;
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
          cost += (long) labelLoad.get(i).getOrDefault(e.getKey(), 0) * e.getValue();
        }
        if (cost < bestCost) {
          bestCost = cost;
          best = i;
        }
      }
      folds.get(best).add(key);
      for (Map.Entry<String, Integer> e : mix.entrySet()) {
        labelLoad.get(best).merge(e.getKey(), e.getValue(), Integer::sum);
      }
    }
    List<Split> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Set<String> held = folds.get(i);
      out.add(byGroup(utterances, u -> held.contains(group.apply(u)),
          "grouped " + k + "-fold" + (groupName == null ? "" : " by " + groupName) + ", fold " + (i + 1) + " of " + k
              + ", seed " + seed));
    }
    return out;
  }

  /**
   * Carves a validation part out of {@code split}'s training part (never its test part), for early stopping and
   * the validation curves, so that the test part can be scored once at the end without having selected the
   * model. The grouping follows the split: when no speaker is on both sides of {@code split} and the training
   * part has enough speakers for {@code fraction} of them to be at least one ({@code speakers * fraction >= 0.5}),
   * whole speakers are held out; otherwise when no speaker or no word is on both sides and the training part has
   * enough words, whole words are held out (TESS's speaker-held-out split trains on one speaker); otherwise a
   * random split stratified by label. Seeded and reproducible.
   *
   * @param split the split whose training part is divided
   * @param fraction share of the training part's groups (or utterances) held out for validation
   * @param seed the seed of the draw
   * @return a split whose {@code train} is what the network fits and whose {@code test} is the validation part
   * @throws IllegalArgumentException if {@code fraction} is not strictly between 0 and 1, or the training part
   *     has fewer than two utterances
   */
  public static Split validation(Split split, double fraction, long seed) {
    checkFraction(fraction);
    List<Utterance> train = split.train();
    if (train.size() < 2) {
      throw new IllegalArgumentException("a validation part needs at least two training utterances, found "
          + train.size() + " in " + split.description());
    }
    boolean speakerDisjoint = disjoint(split, Utterance::speaker);
    boolean wordDisjoint = disjoint(split, Utterance::word);
    long trainSpeakers = train.stream().map(Utterance::speaker).distinct().count();
    long trainWords = train.stream().map(Utterance::word).distinct().count();
    Split inner;
    String how;
    // hold out whole groups only where the fraction makes at least one group (round(n * fraction) >= 1):
    // two training speakers would otherwise lose half the training part to validation
    if (speakerDisjoint && trainSpeakers * fraction >= 0.5) {
      inner = bySpeaker(train, fraction, seed);
      how = "grouped by speaker";
    } else if ((speakerDisjoint || wordDisjoint) && trainWords * fraction >= 0.5) {
      inner = byWord(train, fraction, seed);
      how = "grouped by word";
    } else {
      inner = stratified(train, fraction, seed);
      how = "stratified by label";
    }
    return new Split(inner.train(), inner.test(), "validation held out of the training part, " + how + " ("
        + inner.test().size() + " of " + train.size() + ", fraction " + fraction + ", seed " + seed + ")");
  }

  private static boolean disjoint(Split split, Function<Utterance, String> key) {
    Set<String> train = new HashSet<>(split.train().stream().map(key).toList());
    return split.test().stream().map(key).noneMatch(train::contains);
  }

  private static Split byGroup(List<Utterance> utterances, java.util.function.Predicate<Utterance> isTest,
      String description) {
    List<Utterance> train = new ArrayList<>();
    List<Utterance> test = new ArrayList<>();
    for (Utterance u : sorted(utterances)) {
      (isTest.test(u) ? test : train).add(u);
    }
    return new Split(train, test, description);
  }

  private static List<String> drawGroups(List<Utterance> utterances, Function<Utterance, String> key,
      double testFraction, long seed, String what) {
    List<String> all = new ArrayList<>(new TreeSet<>(utterances.stream().map(key).toList()));
    if (all.size() < 2) {
      throw new IllegalArgumentException("a " + what + "-held-out split needs at least two distinct " + what
          + "s, found " + all.size());
    }
    java.util.Collections.shuffle(all, new Random(seed));
    int n = (int) Math.round(all.size() * testFraction);
    n = Math.max(1, Math.min(all.size() - 1, n));
    return List.copyOf(all.subList(0, n));
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("testFraction must be strictly between 0 and 1, got " + f);
    }
  }

  private static List<Utterance> sorted(Collection<Utterance> utterances) {
    List<Utterance> out = new ArrayList<>(utterances);
    out.sort(Corpus.BY_PATH);
    return out;
  }
}
