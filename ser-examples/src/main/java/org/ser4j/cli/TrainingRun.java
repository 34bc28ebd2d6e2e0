package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ser4j.audio.OutputFiles;
import org.ser4j.data.Corpus;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.CorpusFeatures;
import org.ser4j.data.ProgressListener;
import org.ser4j.data.Split;
import org.ser4j.features.FeatureSpec;
import org.ser4j.model.CorpusDatasets;
import org.ser4j.model.EpochStats;
import org.ser4j.model.Evaluation;
import org.ser4j.model.FeatureDataset;
import org.ser4j.model.ModelBundles;
import org.ser4j.model.ModelConfig;
import org.ser4j.model.Trainer;
import org.ser4j.model.TrainingListener;
import org.ser4j.model.TrainingResult;

/** The train-and-evaluate flow shared by {@code ser train} and {@code ser reproduce}. */
final class TrainingRun {

  /** The presets {@code --preset} accepts; the default one is the best model on evidence (see README). */
  enum Preset {
    /** The seed notebook's network on the notebook feature. */
    NOTEBOOK,
    /** An LSTM over MFCC frames with deltas, masked and standardised. */
    FRAMEWISE,
    /**
     * Utterance statistics (mean and standard deviation of MFCCs, deltas and delta-deltas: 240 values,
     * standardised) through the framewise network as a one-step sequence.
     */
    STATS;

    FeatureSpec featureSpec() {
      return switch (this) {
        case NOTEBOOK -> FeatureSpec.notebook();
        case FRAMEWISE -> FeatureSpec.framewise();
        case STATS -> FeatureSpec.stats();
      };
    }

    ModelConfig.Builder modelConfig(int numClasses) {
      ModelConfig.Builder b = switch (this) {
        case NOTEBOOK -> ModelConfig.notebookBuilder();
        case FRAMEWISE -> ModelConfig.framewiseBuilder(FeatureSpec.framewise().dimension());
        case STATS -> ModelConfig.framewiseBuilder(FeatureSpec.stats().dimension()).name("stats");
      };
      return b.numClasses(numClasses);
    }

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a run produced. */
  record Result(Corpus corpus, Split split, FeatureSet trainFeatures, FeatureSet testFeatures,
      TrainingResult training, Evaluation evaluation, Map<String, Long> millis) {}

  private TrainingRun() {}

  static Path defaultCacheDir() {
    String env = System.getenv("SER4J_CACHE");
    return env != null ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".cache", "ser4j", "features");
  }

  /**
   * Extracts features of both parts, trains on the training part (validating on the test part, as the
   * notebook's validation_split does), and evaluates on the test part.
   */
  static Result run(Corpus corpus, Split split, Preset preset, ModelConfig.Builder config, Path cacheDir,
      ProgressListener featureProgress, TrainingListener trainingListener) {
    Map<String, Long> millis = new LinkedHashMap<>();
    FeatureSpec spec = preset.featureSpec();
    CorpusFeatures.Builder fb = CorpusFeatures.builder(spec).progress(featureProgress);
    if (cacheDir != null) {
      fb.cache(new FeatureCache(cacheDir));
    }
    CorpusFeatures features = fb.build();
    long t0 = System.nanoTime();
    List<org.ser4j.data.Utterance> all = new java.util.ArrayList<>(split.train());
    all.addAll(split.test());
    FeatureSet allFeatures = features.extract(all);
    millis.put("features", (System.nanoTime() - t0) / 1_000_000);
    FeatureSet trainFeatures = subset(allFeatures, split.train());
    FeatureSet testFeatures = subset(allFeatures, split.test());

    List<String> labels = Corpus.labelsOf(all);
    FeatureDataset train = CorpusDatasets.of(trainFeatures, labels);
    FeatureDataset test = CorpusDatasets.of(testFeatures, labels);
    ModelConfig modelConfig = config.numClasses(labels.size()).build();
    long t1 = System.nanoTime();
    TrainingResult training = new Trainer().train(modelConfig, train, test.size() == 0 ? null : test,
        trainingListener);
    millis.put("training", (System.nanoTime() - t1) / 1_000_000);
    long t2 = System.nanoTime();
    Evaluation evaluation = training.evaluate(test);
    millis.put("evaluation", (System.nanoTime() - t2) / 1_000_000);
    return new Result(corpus, split, trainFeatures, testFeatures, training, evaluation, millis);
  }

  private static FeatureSet subset(FeatureSet all, List<org.ser4j.data.Utterance> part) {
    java.util.Set<org.ser4j.data.Utterance> wanted = new java.util.HashSet<>(part);
    List<org.ser4j.data.Utterance> u = new java.util.ArrayList<>();
    List<float[][]> f = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (wanted.contains(all.utterances().get(i))) {
        u.add(all.utterances().get(i));
        f.add(all.features().get(i));
      }
    }
    List<org.ser4j.data.Problem> problems = all.problems().stream()
        .filter(p -> part.stream().anyMatch(x -> x.path().equals(p.file()))).toList();
    return new FeatureSet(all.spec(), u, f, problems);
  }

  /** Writes the model bundle with its provenance: corpus, split, seed, metrics, versions. */
  static void writeBundle(Result r, Preset preset, Path out, String corpusDescription) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("corpus", corpusDescription);
    meta.put("corpus.format", r.corpus().format().id());
    meta.put("corpus.root", r.corpus().root().toAbsolutePath().normalize().toString());
    meta.put("split", r.split().description());
    // the counts actually used: utterances whose features could not be computed are not in them
    meta.put("split.train", Integer.toString(r.trainFeatures().size()));
    meta.put("split.test", Integer.toString(r.testFeatures().size()));
    meta.put("split.left_out", Integer.toString(r.split().train().size() + r.split().test().size()
        - r.trainFeatures().size() - r.testFeatures().size()));
    meta.put("preset", preset.id());
    meta.put("model.config", r.training().config().toString());
    meta.put("seed", Long.toString(r.training().config().seed()));
    meta.put("epochs.trained", Integer.toString(r.training().history().size()));
    meta.put("metrics.test.accuracy", String.format(Locale.ROOT, "%.6f", r.evaluation().accuracy()));
    meta.put("metrics.test.macro_f1", String.format(Locale.ROOT, "%.6f", r.evaluation().macroF1()));
    meta.put("versions.ser4j", Versions.ser4j());
    meta.put("versions.java", System.getProperty("java.version"));
    meta.put("versions.dl4j", ModelBundles.DL4J_VERSION);
    meta.put("created", java.time.Instant.now().toString());
    Map<String, String> features = r.trainFeatures().spec().toMap();
    OutputFiles.write(out, tmp -> r.training().writeBundle(tmp, preset.id(), features, meta));
  }

  /**
   * Checks before a long run that {@code out} can be written: not a folder, FIFO or device, its folder
   * creatable and writable (a probe file is created there and deleted).
   *
   * @throws IOException naming {@code out} and the reason, if it cannot
   */
  static void checkCanWrite(Path out) throws IOException {
    Path target = OutputFiles.checkWritable(out);
    OutputFiles.createFolders(out, target.getParent());
    try {
      Path probe = Files.createTempFile(target.getParent(), ".ser4j-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new java.nio.file.FileSystemException(out.toString(), null, OutputFiles.reason(e));
    }
  }

  /** Writes the bundle to a new temporary file when the real output failed; its path, or null. */
  static Path keepBundle(Result r, Preset preset, String corpusDescription) {
    try {
      Path kept = Files.createTempFile("ser4j-model-", ".ser4j");
      writeBundle(r, preset, kept, corpusDescription);
      return kept;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A listener that shows epochs on a progress bar with loss and accuracy. */
  static TrainingListener progressListener(ProgressDisplay bar) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochStats s, int totalEpochs) {
        bar.progress(s.epoch(), totalEpochs);
        bar.message(String.format(Locale.ROOT, "loss %.3f acc %.3f%s", s.trainLoss(), s.trainAccuracy(),
            s.hasValidation() ? String.format(Locale.ROOT, " | val loss %.3f acc %.3f", s.validationLoss(),
                s.validationAccuracy()) : ""));
      }
    };
  }
}
