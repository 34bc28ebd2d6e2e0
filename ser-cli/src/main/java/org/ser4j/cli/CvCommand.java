package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.data.Corpus;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.model.Experiment;
import org.ser4j.model.Preset;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.GroupedEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ser cv}: trains and evaluates every fold of a grouped k-fold and reports mean +- std. */
@Command(
    name = "cv",
    mixinStandardHelpOptions = true,
    description = {
      "Cross-validation: split the corpus into K folds (by speaker by default: grouped k-fold, no speaker on"
          + " both sides, stratified by emotion as far as speakers allow; the same folds as `ser split --folds K`"
          + " with the same seed), train a model on the other folds and score it on each fold once, then report"
          + " every fold's accuracy and macro-F1 and their mean +- std over folds (population std), and the"
          + " accuracy pooled over all folds.",
      "Each fold's validation set (early stopping) is held out of its training part as in `ser train`; no"
          + " model is written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every fold trained and scored", "1:the data could not be used", "2:usage error"})
final class CvCommand implements Callable<Integer> {

  @Mixin TrainingData.DataOptions data;

  @Mixin TrainingData.AugmentOptions augment;

  @Mixin CommonOptions.CorpusOption corpus;

  @Option(names = "--folds", defaultValue = "5", paramLabel = "K", converter = CommonOptions.PositiveIntConverter.class,
      description = "Number of folds, at least 2 (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--by", defaultValue = "speaker", paramLabel = "speaker|word|random",
      converter = CommonOptions.StrategyConverter.class,
      description = "What no fold shares with its training part (default: ${DEFAULT-VALUE}).")
  Splits.Strategy strategy;

  @Option(names = "--preset", defaultValue = "stats", paramLabel = "stats|voice|notebook|framewise",
      description = "Model and feature preset (default: ${DEFAULT-VALUE}).")
  Preset preset;

  @Mixin CommonOptions.NormalizeOption normalizeOption;

  @Mixin CommonOptions.EpochsOption epochs;

  @Mixin CommonOptions.SeedOption seed;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Feature cache folder (default: ~/.cache/ser4j/features or $SER4J_CACHE).")
  Path cache;

  @Option(names = "--no-cache", description = "Compute features without a cache.")
  boolean noCache;

  @Mixin CommonOptions.JsonOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (folds < 2) {
      throw new ParameterException(spec.commandLine(), "--folds must be at least 2, not " + folds);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    org.ser4j.data.Augmentation augmentation = augment.build(seed.seed, spec);
    java.util.Optional<Corpus> loaded = data.load(corpus.format, spec, stdout, output.json);
    if (loaded.isEmpty()) {
      return SerCli.EXIT_INPUT_FAILED;
    }
    Corpus c = loaded.get();
    String folders = data.folders(corpus.format, spec);
    List<Split> splits;
    try {
      splits = Splits.kFold(strategy, c.utterances(), folds, seed.seed);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + folders + ": " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
    FeatureCache featureCache = noCache ? null
        : new FeatureCache(cache != null ? cache : TrainingRun.defaultCacheDir());
    if (!output.json) {
      stdout.printf(Locale.ROOT, "%s: %d utterances, %d folds by %s; preset %s, seed %d%n", folders,
          c.utterances().size(), folds, strategy.name().toLowerCase(Locale.ROOT), preset.id(), seed.seed);
      stdout.flush();
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    Map<String, Double> macroF1 = new LinkedHashMap<>();
    Map<String, Double> accuracyNoProfile = new LinkedHashMap<>();
    boolean bySpeaker = normalizeOption.normalize == Experiment.NormalizeBy.SPEAKER;
    List<String> rows = new ArrayList<>();
    long[][] pooled = null;
    List<String> labels = null;
    int leftOut = 0;
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      Experiment.Builder b = Experiment.builder(c, s).preset(preset).seed(seed.seed).cache(featureCache)
          .normalize(normalizeOption.normalize).augmentation(augmentation);
      if (data.balance != null) {
        b.balance(data.balance);
      }
      if (epochs.epochs != null) {
        b.epochs(epochs.epochs);
      }
      Experiment.Result r;
      try (ProgressDisplay featureBar = ProgressDisplay.create(spec.commandLine().getErr(), "fold " + (i + 1)
          + " features")) {
        r = b.featureProgress(featureBar).build().run();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("error: fold " + (i + 1) + ": " + e.getMessage());
        return SerCli.EXIT_INPUT_FAILED;
      }
      leftOut += r.trainFeatures().problems().size() + r.testFeatures().problems().size();
      Evaluation ev = r.evaluation();
      String name = "fold " + (i + 1);
      accuracy.put(name, ev.accuracy());
      macroF1.put(name, ev.macroF1());
      accuracyNoProfile.put(name, r.evaluationWithoutProfile().accuracy());
      String speakers = String.join("+", new java.util.TreeSet<>(s.test().stream().map(u -> u.speaker()).toList()));
      if (labels == null) {
        labels = ev.labels();
        pooled = new long[labels.size()][labels.size()];
      }
      if (ev.labels().equals(labels)) {
        long[][] m = ev.confusion();
        for (int a = 0; a < m.length; a++) {
          for (int p = 0; p < m.length; p++) {
            pooled[a][p] += m[a][p];
          }
        }
      }
      String row = String.format(Locale.ROOT, "%s: accuracy %.4f, macro-F1 %.4f on %d test clips (%d train;"
          + " %d epochs, best %d; validation: %s); test speakers %s", name, ev.accuracy(), ev.macroF1(), ev.total(),
          r.trainFeatures().size(), r.training().history().size(), r.training().history().bestEpoch(),
          r.validation(), speakers);
      if (bySpeaker) {
        row += String.format(Locale.ROOT, "; with each test speaker's profile (without a profile: accuracy %.4f)",
            r.evaluationWithoutProfile().accuracy());
      }
      rows.add(row);
      if (!output.json) {
        stdout.println(row);
        stdout.flush();
      }
    }
    GroupedEvaluation.Spread acc = GroupedEvaluation.Spread.of(accuracy);
    GroupedEvaluation.Spread f1 = GroupedEvaluation.Spread.of(macroF1);
    Evaluation all = Evaluation.ofConfusion(labels, pooled);
    if (output.json) {
      StringBuilder sb = new StringBuilder("{\"folds\":[");
      int i = 0;
      for (String k : accuracy.keySet()) {
        sb.append(i++ > 0 ? "," : "").append(String.format(Locale.ROOT, "{\"accuracy\":%.6f,\"macroF1\":%.6f}",
            accuracy.get(k), macroF1.get(k)));
      }
      sb.append("],\"accuracy\":").append(acc.toJson()).append(",\"macroF1\":").append(f1.toJson())
          .append(String.format(Locale.ROOT, ",\"pooledAccuracy\":%.6f,\"preset\":\"%s\",\"by\":\"%s\",\"seed\":%d,"
              + "\"normalize\":\"%s\"",
              all.accuracy(), preset.id(), strategy.name().toLowerCase(Locale.ROOT), seed.seed,
              normalizeOption.normalize.name().toLowerCase(Locale.ROOT)));
      if (bySpeaker) {
        sb.append(",\"accuracyWithoutProfile\":").append(GroupedEvaluation.Spread.of(accuracyNoProfile).toJson());
      }
      sb.append('}');
      stdout.println(sb);
    } else {
      stdout.printf(Locale.ROOT, "accuracy %.4f +- %.4f over %d folds (min %.4f, max %.4f); macro-F1 %.4f +- %.4f;"
          + " pooled accuracy %.4f on %d clips%n", acc.mean(), acc.std(), acc.count(), acc.min(), acc.max(),
          f1.mean(), f1.std(), all.accuracy(), all.total());
      if (bySpeaker) {
        GroupedEvaluation.Spread np = GroupedEvaluation.Spread.of(accuracyNoProfile);
        stdout.printf(Locale.ROOT, "speaker normalisation: the accuracy above is with each test speaker's profile"
            + " (from that speaker's unlabelled test clips); without a profile (global statistics) %.4f +- %.4f"
            + " (min %.4f, max %.4f)%n", np.mean(), np.std(), np.min(), np.max());
      }
      if (leftOut > 0) {
        stdout.println(leftOut + " utterance(s) left out (features could not be computed): run `ser corpus "
            + folders + "` to see why");
      }
    }
    return leftOut > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }
}
