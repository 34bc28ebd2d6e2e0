package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /**
   * Writes the model bundle with its provenance: corpus, split, seed, metrics, versions. The corpus is
   * recorded by name (its folder's name, never the trainer's absolute path) and by a fingerprint of its
   * content (see {@link #corpusFingerprint}), so a bundle does not leak the training machine's file system.
   */
  static void writeBundle(Result r, Preset preset, Path out, String corpusDescription) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("corpus", corpusName(corpusDescription));
    meta.put("corpus.format", r.corpus().format().id());
    meta.put("corpus.fingerprint", corpusFingerprint(r.corpus()));
    meta.put("split", r.split().description());
    meta.put("split.train", Integer.toString(r.split().train().size()));
    meta.put("split.test", Integer.toString(r.split().test().size()));
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
    r.training().writeBundle(out, preset.id(), r.trainFeatures().spec().toMap(), meta);
  }

  /** A path becomes its last element ("/home/me/data/tess-sample" -> "tess-sample"); other text is kept. */
  static String corpusName(String description) {
    if (description.indexOf('/') < 0 && description.indexOf('\\') < 0) {
      return description;
    }
    Path p = Path.of(description).normalize();
    Path name = p.getFileName() != null ? p.getFileName() : p.toAbsolutePath().normalize().getFileName();
    return name == null ? "corpus" : name.toString();
  }

  /**
   * "sha256:" and the SHA-256 of every utterance's path relative to the corpus root (with '/' separators)
   * and size in bytes, in sorted order: the same corpus files give the same value on any machine.
   */
  static String corpusFingerprint(org.ser4j.data.Corpus corpus) throws IOException {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path root = corpus.root().toAbsolutePath().normalize();
    java.util.List<String> rows = new java.util.ArrayList<>();
    for (org.ser4j.data.Utterance u : corpus.utterances()) {
      Path p = u.path().toAbsolutePath().normalize();
      String rel = (p.startsWith(root) ? root.relativize(p) : p.getFileName()).toString().replace('\\', '/');
      rows.add(rel + "\t" + java.nio.file.Files.size(u.path()));
    }
    java.util.Collections.sort(rows);
    for (String row : rows) {
      sha.update((row + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
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
