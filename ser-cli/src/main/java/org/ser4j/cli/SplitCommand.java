package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ser4j.data.Corpus;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Manifest;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser split PATH --by ... --out manifest.csv}. */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    description = {
      "Split a corpus into training and test parts, seeded and reproducible, and write the manifest CSV"
          + " (RFC 4180, header row first: path, corpus, speaker, word, label, emotion, part, split) that `ser train`/`ser evaluate` and pandas read.",
      "random: stratified by label; speaker: no speaker on both sides; word: no word on both sides (TESS's"
          + " speakers say the same words, so a random split leaks them).",
      "With --folds K: K folds (grouped k-fold: no speaker, or word, on both sides of any fold; stratified by"
          + " emotion as far as the groups allow; random: a stratified k-fold), written as one manifest per fold,"
          + " --out being a folder: fold-1.csv ... fold-K.csv (fold i's test part is the i-th group of speakers),"
          + " each readable by `ser train --manifest` and `ser evaluate --manifest`. --test-fraction is then unused."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:manifest written", "1:the corpus could not be read or holds no labelled recording", "2:usage error"})
final class SplitCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "The corpus folder.")
  Path path;

  @Option(names = "--by", required = true, paramLabel = "random|speaker|word",
      converter = CommonOptions.StrategyConverter.class, description = "How to split.")
  Splits.Strategy strategy;

  @Mixin CommonOptions.TestFractionOption fraction;

  @Mixin CommonOptions.SeedOption seed;

  @Mixin CommonOptions.CorpusOption corpus;

  @Option(names = "--folds", paramLabel = "K", converter = CommonOptions.PositiveIntConverter.class,
      description = "Write K folds (K >= 2) instead of one split; --out is then a folder.")
  Integer folds;

  @Option(names = "--out", required = true, paramLabel = "FILE|DIR",
      description = "The manifest CSV to write (with --folds: the folder to write fold-1.csv ... fold-K.csv in).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    if (folds != null) {
      return writeFolds(stdout);
    }
    CliFiles.checkOutputFile(spec, out, List.of());
    try {
      Corpus c = Corpus.scan(path, corpus.format, LabelSet.TESS);
      if (c.utterances().isEmpty()) {
        spec.commandLine().getErr().println("error: no labelled recordings found under " + path + " ("
            + c.problems().size() + " file(s) left out: run `ser corpus " + path + "` to see why); nothing written");
        return SerCli.EXIT_INPUT_FAILED;
      }
      Split split = Splits.of(strategy, c.utterances(), fraction.testFraction, seed.seed);
      Manifest.write(split, out);
      stdout.printf(Locale.ROOT, "%s: %d train, %d test (%s)%n", out, split.train().size(), split.test().size(),
          split.description());
      stdout.println(overlap("speakers", split, Utterance::speaker));
      stdout.println(overlap("words", split, Utterance::word));
      if (!c.problems().isEmpty()) {
        stdout.println(c.problems().size() + " problem(s) in the corpus: run `ser corpus " + path + "` to see them");
      }
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
  }

  private int writeFolds(PrintWriter stdout) {
    if (folds < 2) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--folds must be at least 2, not " + folds);
    }
    if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--out " + out + ": exists and is not a folder (with --folds it names the folder of the fold manifests)");
    }
    try {
      Corpus c = Corpus.scan(path, corpus.format, LabelSet.TESS);
      if (c.utterances().isEmpty()) {
        spec.commandLine().getErr().println("error: no labelled recordings found under " + path + " ("
            + c.problems().size() + " file(s) left out: run `ser corpus " + path + "` to see why); nothing written");
        return SerCli.EXIT_INPUT_FAILED;
      }
      List<Split> splits = Splits.kFold(strategy, c.utterances(), folds, seed.seed);
      java.nio.file.Files.createDirectories(out);
      for (int i = 0; i < splits.size(); i++) {
        Split fold = splits.get(i);
        Path file = out.resolve("fold-" + (i + 1) + ".csv");
        Manifest.write(fold, file);
        stdout.printf(Locale.ROOT, "%s: %d train, %d test (%s)%n", file, fold.train().size(), fold.test().size(),
            fold.description());
        stdout.println(overlap("speakers", fold, Utterance::speaker));
        stdout.println(overlap("words", fold, Utterance::word));
        stdout.println("  test labels: " + labelCounts(fold.test()));
      }
      if (!c.problems().isEmpty()) {
        stdout.println(c.problems().size() + " problem(s) in the corpus: run `ser corpus " + path + "` to see them");
      }
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
  }

  private static String labelCounts(List<Utterance> us) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    us.forEach(u -> counts.merge(u.label(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  private static String overlap(String what, Split split, Function<Utterance, String> key) {
    Set<String> train = new TreeSet<>(split.train().stream().map(key).toList());
    Set<String> test = new TreeSet<>(split.test().stream().map(key).toList());
    Set<String> both = new TreeSet<>(train);
    both.retainAll(test);
    return String.format(Locale.ROOT, "  %s: %d train, %d test, %d on both sides", what, train.size(), test.size(),
        both.size());
  }
}
