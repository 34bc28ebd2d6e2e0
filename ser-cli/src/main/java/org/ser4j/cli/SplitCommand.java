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
          + " speakers say the same words, so a random split leaks them)."
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

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The manifest CSV to write.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
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

  private static String overlap(String what, Split split, Function<Utterance, String> key) {
    Set<String> train = new TreeSet<>(split.train().stream().map(key).toList());
    Set<String> test = new TreeSet<>(split.test().stream().map(key).toList());
    Set<String> both = new TreeSet<>(train);
    both.retainAll(test);
    return String.format(Locale.ROOT, "  %s: %d train, %d test, %d on both sides", what, train.size(), test.size(),
        both.size());
  }
}
