package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.data.Corpus;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Manifest;
import org.ser4j.data.Utterance;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.Prediction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ser evaluate}: score a model bundle on labelled recordings. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Score a model bundle on every usable labelled file under --data (no split), or on the test part of"
          + " --manifest. Prints accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix"
          + " (rows = true, columns = predicted), or JSON with --json. Runs the embeddable recognizer (plain"
          + " Java, no native code)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file scored",
        "1:some file could not be used (or none could), or the model could not be read",
        "2:usage error"})
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model bundle.")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  CommonOptions.DataOrManifest source;

  @Mixin CommonOptions.CorpusOption corpus;

  @Mixin CommonOptions.JsonOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EmotionRecognizer recognizer;
    try {
      recognizer = EmotionRecognizer.load(model);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    }
    Path manifest = source.manifest;
    List<Utterance> utts = manifest != null ? Manifest.read(manifest).test()
        : Corpus.scan(source.data, corpus.format, LabelSet.TESS).utterances();
    List<String> labels = recognizer.labels();
    List<Integer> actual = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    int failed = 0;
    try (ProgressDisplay bar = ProgressDisplay.create(spec.commandLine().getErr(), "evaluating")) {
      int done = 0;
      for (Utterance u : utts) {
        int truth = labels.indexOf(u.label());
        if (truth < 0) {
          out.println(u.path() + ": left out: label '" + u.label() + "' is not one the model knows " + labels);
          failed++;
        } else {
          try {
            Prediction p = recognizer.predict(u.path());
            actual.add(truth);
            predicted.add(p.topIndex());
          } catch (AudioFormatException e) {
            out.println(u.path() + ": left out: " + e.problem());
            failed++;
          } catch (IOException e) {
            out.println(u.path() + ": left out: " + CliFiles.describe(e));
            failed++;
          } catch (IllegalArgumentException | ArithmeticException e) {
            out.println(u.path() + ": left out: " + CliFiles.oneLine(String.valueOf(e.getMessage())));
            failed++;
          }
        }
        bar.progress(++done, utts.size());
      }
    }
    if (actual.isEmpty()) {
      spec.commandLine().getErr().println("error: no file could be scored (" + utts.size() + " listed, "
          + failed + " left out): nothing to evaluate");
      return SerCli.EXIT_INPUT_FAILED;
    }
    Evaluation ev = Evaluation.of(labels, actual.stream().mapToInt(Integer::intValue).toArray(),
        predicted.stream().mapToInt(Integer::intValue).toArray());
    if (output.json) {
      out.println(ev.toJson());
    } else {
      out.printf(Locale.ROOT, "%s on %d files: accuracy %.4f, macro-F1 %.4f%n", model, ev.total(), ev.accuracy(),
          ev.macroF1());
      out.println(Reports.metricsTable(ev));
      out.println(Reports.confusionTable(ev));
    }
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }
}
