package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.Container;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.CorpusStats;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser corpus PATH}: what a corpus folder holds, and every problem in it. */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = {
      "Scan a corpus folder (recursively, any layout) and print the speaker x emotion count table, the total"
          + " duration, the sample-rate and container histograms, and every problem found: files left out"
          + " (unlabelled, undecodable, duplicates, no TESS counterpart) and files used after a repair."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every audio file is usable", "1:some audio file was left out, or there is none",
        "2:usage error"})
final class CorpusCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PATH", description = "The corpus folder.")
  Path path;

  @Mixin CommonOptions.CorpusOption corpus;

  @Option(names = "--native-labels",
      description = "Keep the corpus's own labels (e.g. calm, boredom) instead of the seven TESS classes.")
  boolean nativeLabels;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    CorpusFormat format = corpus.format;
    Corpus c = Corpus.scan(path, format, nativeLabels ? LabelSet.NATIVE : LabelSet.TESS);
    CorpusStats stats;
    try (ProgressDisplay bar = ProgressDisplay.create(spec.commandLine().getErr(), "probing")) {
      stats = CorpusStats.of(c, bar);
    }
    out.printf(Locale.ROOT, "Corpus %s at %s: %d utterances, %d speakers, %d labels%n%n", format.id(), path,
        c.utterances().size(), c.speakers().size(), c.labels().size());
    printTable(out, c.labels(), c.counts());
    out.println();
    out.printf(Locale.ROOT, "Total duration: %.1f s (%s) in %d decodable files, mean %.2f s per file%n",
        stats.totalSeconds(), clock(stats.totalSeconds()), stats.decodable(),
        stats.decodable() == 0 ? 0.0 : stats.totalSeconds() / stats.decodable());
    StringBuilder rates = new StringBuilder("Sample rates:");
    stats.sampleRates().forEach((rate, n) -> rates.append(String.format(Locale.ROOT, " %d Hz: %d %s;", rate, n,
        n == 1 ? "file" : "files")));
    out.println(rates.substring(0, rates.length() - (stats.sampleRates().isEmpty() ? 0 : 1)));
    StringBuilder containers = new StringBuilder("Containers:");
    for (Map.Entry<Container, Integer> e : stats.containers().entrySet()) {
      containers.append(' ').append(e.getKey().label()).append(": ").append(e.getValue()).append(';');
    }
    out.println(containers.substring(0, containers.length() - (stats.containers().isEmpty() ? 0 : 1)));

    List<Problem> problems = new java.util.ArrayList<>(c.problems());
    problems.addAll(stats.problems());
    problems.sort(java.util.Comparator.comparing(p -> p.file().toString()));
    out.println();
    out.println(problems.isEmpty() ? "Problems: none" : "Problems (" + problems.size() + "):");
    int leftOut = 0;
    for (Problem p : problems) {
      out.println("  " + relative(p.file()) + ": " + p.reason() + (p.used() ? " (used)" : " (left out)"));
      if (!p.used() && isAudioName(p.file())) {
        leftOut++;
      }
    }
    if (c.utterances().isEmpty()) {
      spec.commandLine().getErr().println("error: no labelled recordings found under " + path);
      return SerCli.EXIT_INPUT_FAILED;
    }
    return leftOut > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  private String relative(Path file) {
    try {
      return path.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    } catch (IllegalArgumentException e) {
      return file.toString();
    }
  }

  private static boolean isAudioName(Path p) {
    return InspectCommand.hasAudioName(p);
  }

  static void printTable(PrintWriter out, List<String> labels, Map<String, Map<String, Integer>> counts) {
    int first = Math.max("speaker".length(), counts.keySet().stream().mapToInt(String::length).max().orElse(0));
    StringBuilder header = new StringBuilder(String.format("%-" + first + "s", "speaker"));
    for (String l : labels) {
      header.append("  ").append(l);
    }
    header.append("  total");
    out.println(header);
    int[] colTotals = new int[labels.size()];
    int grand = 0;
    for (Map.Entry<String, Map<String, Integer>> row : counts.entrySet()) {
      StringBuilder line = new StringBuilder(String.format("%-" + first + "s", row.getKey()));
      int total = 0;
      for (int i = 0; i < labels.size(); i++) {
        int n = row.getValue().getOrDefault(labels.get(i), 0);
        colTotals[i] += n;
        total += n;
        line.append("  ").append(String.format("%" + labels.get(i).length() + "d", n));
      }
      grand += total;
      line.append("  ").append(String.format("%5d", total));
      out.println(line);
    }
    StringBuilder line = new StringBuilder(String.format("%-" + first + "s", "total"));
    for (int i = 0; i < labels.size(); i++) {
      line.append("  ").append(String.format("%" + labels.get(i).length() + "d", colTotals[i]));
    }
    line.append("  ").append(String.format("%5d", grand));
    out.println(line);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
