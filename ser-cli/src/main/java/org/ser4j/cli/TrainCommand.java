package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.Manifest;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.model.Experiment;
import org.ser4j.model.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ser train}: features, split, LSTM training, evaluation, model bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an emotion classifier on a corpus folder and save it as one model bundle file (network, feature"
          + " configuration, labels, normalisation, provenance).",
      "Honest model selection: the validation set (early stopping, validation curves) is held out of the"
          + " TRAINING part (--validation-fraction of it: whole speakers when the split holds speakers out, whole"
          + " words when it holds words out, stratified by label otherwise; seeded). The test part is never seen"
          + " during training and is scored once, at the end.",
      "Presets: stats (default, the best model on evidence: mean and standard deviation of 40 MFCCs, deltas and"
          + " delta-deltas, standardised, through an LSTM + dense network; 98.8%% on the TESS sample's random"
          + " split), notebook (the seed notebook's network on the mean of 40 MFCCs; 99.4%%), and framewise (an"
          + " LSTM over all MFCC frames with deltas and masking: slow to train on CPU, no better here)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:model written", "1:the data could not be used", "2:usage error"})
final class TrainCommand implements Callable<Integer> {

  @Mixin TrainingData.DataOptions data;

  @Mixin TrainingData.AugmentOptions augment;

  @Mixin CommonOptions.CorpusOption corpus;

  @Option(names = "--preset", defaultValue = "stats", paramLabel = "stats|voice|notebook|framewise",
      description = "Model and feature preset (default: ${DEFAULT-VALUE}).")
  Preset preset;

  @Mixin CommonOptions.SplitOption split;

  @Option(names = "--manifest", paramLabel = "FILE", description = "Use this split manifest instead of --split.")
  Path manifest;

  @Mixin CommonOptions.TestFractionOption fraction;

  @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "F",
      converter = CommonOptions.FractionConverter.class,
      description = "Share of the training part (speakers, words or utterances) held out for validation"
          + " (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Mixin CommonOptions.NormalizeOption normalizeOption;

  @Mixin CommonOptions.EpochsOption epochs;

  @Mixin CommonOptions.SeedOption seed;

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
    void write(Experiment.Result r, Path out, String corpus) throws IOException;
  }

  static FinalWrite finalWrite = TrainingRun::writeBundle;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    CorpusFormat format = corpus.format;
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
    org.ser4j.data.Augmentation augmentation = augment.build(seed.seed, spec);
    java.util.Optional<Corpus> loaded = data.load(format, spec, stdout, false);
    if (loaded.isEmpty()) {
      return SerCli.EXIT_INPUT_FAILED;
    }
    Corpus c = loaded.get();
    String folders = data.folders(format, spec);
    Split s = manifest != null ? Manifest.read(manifest)
        : Splits.of(split.strategy, c.utterances(), fraction.testFraction, seed.seed);
    Experiment.Builder experiment = Experiment.builder(c, s).preset(preset).seed(seed.seed)
        .validationFraction(validationFraction).normalize(normalizeOption.normalize).augmentation(augmentation)
        .cache(noCache ? null : new FeatureCache(cache != null ? cache : TrainingRun.defaultCacheDir()));
    if (epochs.epochs != null) {
      experiment.epochs(epochs.epochs);
    }
    if (data.balance != null) {
      experiment.balance(data.balance);
    }
    stdout.printf(Locale.ROOT, "%s: %d utterances (%d train, %d test: %s); preset %s%n", folders, c.utterances().size(),
        s.train().size(), s.test().size(), s.description(), preset.id());
    if (!augmentation.isNone() || data.combined() || data.balance != null) {
      stdout.println("augmentation: " + augmentation.description() + "; balance: "
          + (data.balance != null ? data.balance : org.ser4j.model.Balance.defaultFor(Math.max(1, c.parts().size())))
              .id());
    }
    stdout.flush();
    Experiment.Result r;
    try (ProgressDisplay featureBar = ProgressDisplay.create(spec.commandLine().getErr(), "features");
        ProgressDisplay trainBar = ProgressDisplay.lines(spec.commandLine().getOut(), "epoch")) {
      r = experiment.featureProgress(featureBar).trainingListener(TrainingRun.progressListener(trainBar)).build().run();
    }
    for (org.ser4j.data.Problem p : r.trainFeatures().problems()) {
      stdout.println("  left out: " + p);
    }
    for (org.ser4j.data.Problem p : r.testFeatures().problems()) {
      stdout.println("  left out: " + p);
    }
    for (org.ser4j.data.Problem p : r.augmentedFeatures().problems()) {
      stdout.println("  augmented copy left out: " + p);
    }
    String corpusName = data.describe(c);
    try {
      finalWrite.write(r, out, corpusName);
    } catch (IOException e) {
      Path kept = TrainingRun.keepBundle(r, corpusName);
      spec.commandLine().getErr().println("error: cannot write the model to " + CliFiles.describe(e)
          + (kept != null ? "; the trained model is kept in " + kept : "; the model could not be kept either"));
      return SerCli.EXIT_INPUT_FAILED;
    }
    stdout.println("validation: " + r.validation());
    stdout.printf(Locale.ROOT, "trained %d epochs (best %d) in %.1f s; test accuracy %.4f, macro-F1 %.4f%s -> %s%n",
        r.training().history().size(), r.training().history().bestEpoch(), r.millis().get("training") / 1000.0,
        r.evaluation().accuracy(), r.evaluation().macroF1(), normalizeOption.normalize == Experiment.NormalizeBy.SPEAKER
            ? String.format(Locale.ROOT, " with each test speaker's profile (without: accuracy %.4f, macro-F1 %.4f)",
                r.evaluationWithoutProfile().accuracy(), r.evaluationWithoutProfile().macroF1()) : "", out);
    boolean anyLeftOut = !r.trainFeatures().problems().isEmpty() || !r.testFeatures().problems().isEmpty();
    return anyLeftOut ? SerCli.EXIT_INPUT_FAILED : 0;
  }
}
