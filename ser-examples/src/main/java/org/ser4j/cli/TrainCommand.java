package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Manifest;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ser train}: features, split, LSTM training, evaluation, model bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an emotion classifier on a corpus folder and save it as one model bundle file (network, feature"
          + " configuration, labels, normalisation, provenance). The test part of the split is the validation"
          + " set during training and is scored at the end.",
      "Presets: stats (default, the best model on evidence: mean and standard deviation of 40 MFCCs, deltas and"
          + " delta-deltas, standardised, through an LSTM + dense network; 98.8%% on the TESS sample's random"
          + " split), notebook (the seed notebook's network on the mean of 40 MFCCs; 97.0%%), and framewise (an"
          + " LSTM over all MFCC frames with deltas and masking: slow to train on CPU, no better here)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:model written", "1:the data could not be used", "2:usage error"})
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, paramLabel = "PATH", description = "The corpus folder.")
  Path data;

  @Option(names = "--corpus", defaultValue = "tess", paramLabel = "NAME",
      description = "Naming convention: tess, ravdess, crema-d, savee, emodb (default: ${DEFAULT-VALUE}).")
  String corpus;

  @Option(names = "--preset", defaultValue = "stats", paramLabel = "stats|notebook|framewise",
      description = "Model and feature preset (default: ${DEFAULT-VALUE}).")
  TrainingRun.Preset preset;

  @Option(names = "--split", defaultValue = "random", paramLabel = "random|speaker|word",
      description = "How to hold out the test part (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--manifest", paramLabel = "FILE", description = "Use this split manifest instead of --split.")
  Path manifest;

  @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F", description = "Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: the preset's).")
  Integer epochs;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed for split and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: ~/.cache/ser4j/features or $SER4J_CACHE).")
  Path cache;

  @Option(names = "--no-cache", description = "Compute features without a cache.")
  boolean noCache;

  @Option(names = "--out", required = true, paramLabel = "MODEL",
      description = "The model bundle to write (checked to be writable before training; if the final write still"
          + " fails, the model is kept in a temporary file whose path is printed).")
  Path out;

  @Spec CommandSpec spec;

  /** Writes the finished bundle; tests replace it to simulate a disk that fills up during training. */
  interface FinalWrite {
    void write(TrainingRun.Result r, TrainingRun.Preset preset, Path out, String corpus) throws IOException;
  }

  static FinalWrite finalWrite = TrainingRun::writeBundle;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    CorpusFormat format = Options.corpusFormat(spec, corpus);
    if (epochs != null && epochs < 1) {
      throw new ParameterException(spec.commandLine(), "--epochs must be at least 1");
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new ParameterException(spec.commandLine(), "--test-fraction must be between 0 and 1, not " + testFraction);
    }
    if (manifest == null) {
      parseSplit();
    }
    // the model must not be lost at the end of training: check now that it can be written
    List<Path> inputs = manifest == null ? List.of() : List.of(manifest);
    CliFiles.checkOutputFile(spec, out, inputs);
    try {
      TrainingRun.checkCanWrite(out);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: cannot write the model to " + CliFiles.describe(e)
          + " (checked before training)");
      return SerCli.EXIT_INPUT_FAILED;
    }
    Corpus c = Corpus.scan(data, format, LabelSet.TESS);
    if (c.utterances().isEmpty()) {
      spec.commandLine().getErr().println("error: no labelled recordings found under " + data);
      return SerCli.EXIT_INPUT_FAILED;
    }
    Split s = manifest != null ? Manifest.read(manifest) : Splits.of(parseSplit(), c.utterances(), testFraction, seed);
    ModelConfig.Builder config = preset.modelConfig(c.labels().size()).seed(seed);
    if (epochs != null) {
      config.epochs(epochs);
    }
    stdout.printf(Locale.ROOT, "%s: %d utterances (%d train, %d test: %s); preset %s%n", data, c.utterances().size(),
        s.train().size(), s.test().size(), s.description(), preset.id());
    stdout.flush();
    TrainingRun.Result r;
    try (ProgressDisplay featureBar = ProgressDisplay.create(spec.commandLine().getErr(), "features");
        ProgressDisplay trainBar = ProgressDisplay.lines(spec.commandLine().getOut(), "epoch")) {
      r = TrainingRun.run(c, s, preset, config, noCache ? null : (cache != null ? cache : TrainingRun.defaultCacheDir()),
          featureBar, TrainingRun.progressListener(trainBar));
    }
    for (org.ser4j.data.Problem p : r.trainFeatures().problems()) {
      stdout.println("  left out: " + p);
    }
    for (org.ser4j.data.Problem p : r.testFeatures().problems()) {
      stdout.println("  left out: " + p);
    }
    try {
      finalWrite.write(r, preset, out, data.toString());
    } catch (IOException e) {
      Path kept = TrainingRun.keepBundle(r, preset, data.toString());
      spec.commandLine().getErr().println("error: cannot write the model to " + CliFiles.describe(e)
          + (kept != null ? "; the trained model is kept in " + kept : "; the model could not be kept either"));
      return SerCli.EXIT_INPUT_FAILED;
    }
    stdout.printf(Locale.ROOT, "trained %d epochs (best %d) in %.1f s; test accuracy %.4f, macro-F1 %.4f -> %s%n",
        r.training().history().size(), r.training().history().bestEpoch(), r.millis().get("training") / 1000.0,
        r.evaluation().accuracy(), r.evaluation().macroF1(), out);
    boolean anyLeftOut = !r.trainFeatures().problems().isEmpty() || !r.testFeatures().problems().isEmpty();
    return anyLeftOut ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  private Splits.Strategy parseSplit() {
    try {
      return Splits.Strategy.parse(split);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--split must be random, speaker or word, not '" + split + "'");
    }
  }
}
