package org.ser4j.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.ser4j.data.Augmentation;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFeatures;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Problem;
import org.ser4j.data.ProgressListener;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Provenance;

/**
 * The whole training flow as one object: a corpus and its split, a {@link Preset} (feature recipe + network),
 * a seed -> features of both parts (cached, in parallel), a network trained on the training part, its
 * {@link Evaluation} on the held-out part, and a model bundle carrying the provenance of all of it. What
 * {@code ser train}, {@code ser reproduce} and the examples run.
 *
 * <pre>{@code
 * Corpus corpus = Corpus.scan(Paths.get("tess"));
 * Split split = Splits.random(corpus.utterances(), 0.2, 42);
 * Experiment.Result r = Experiment.builder(corpus, split).preset(Preset.STATS).seed(42).build().run();
 * r.evaluation().accuracy();
 * r.writeBundle(Paths.get("model.ser4j"), "TESS");
 * }</pre>
 *
 * <p>Honest model selection by default: validation during training (early stopping, the curves' validation
 * columns) uses a part carved out of the <em>training</em> part ({@link Splits#validation}: grouped by speaker
 * when the split holds speakers out, by word when it holds words out, stratified otherwise; seeded), and the
 * test part is scored once, at the end. {@link ValidationSource#TEST_PART} restores the seed notebook's
 * {@code validation_data} (the test part doubles as validation set: its figure is then selected on the test
 * data). Deterministic: the same corpus, split, preset, validation and seed give the same model.
 *
 * <p>Several corpora train together through {@link Corpus#combine} (one label space, speakers namespaced by
 * corpus) with {@link Balance}d sampling ({@link Balance#CORPUS_CLASS} by default for a combination);
 * {@link Builder#augmentation} adds seeded augmented copies of the examples the network is fitted on (never of
 * the validation or test part). Both are recorded in the bundle's provenance.
 */
public final class Experiment {
  private final Corpus corpus;
  private final Split split;
  private final Preset preset;
  private final UnaryOperator<ModelConfig.Builder> adjust;
  private final FeatureCache cache;
  private final ProgressListener featureProgress;
  private final TrainingListener trainingListener;
  private final ValidationSource validationSource;
  private final double validationFraction;
  private final Long seed;
  private final NormalizeBy normalizeBy;

  /**
   * How the network input is standardised in training. With {@link #SPEAKER} the features must be pooled (one
   * vector per clip) and the speaker of every utterance known.
   */
  public enum NormalizeBy {
    /** One mean and std over the training data (the preset's standardisation; the default). */
    GLOBAL,
    /**
     * Each training speaker's vectors are z-scored with that speaker's own statistics
     * ({@link org.ser4j.runtime.SpeakerProfile#standardize}); the test part is scored twice, with each test
     * speaker's profile built from that speaker's own (unlabelled) test clips ({@link Result#evaluation()}) and
     * with the global training statistics ({@link Result#evaluationWithoutProfile()}). The bundle records
     * {@code normalization=speaker} and holds the global statistics, the recognizer's fallback without a profile.
     */
    SPEAKER
  }
  private final Augmentation augmentation;
  private final Balance balance;

  /** Where the validation set used during training (early stopping, validation curves) comes from. */
  public enum ValidationSource {
    /**
     * Carved out of the training part by {@link Splits#validation} (the default): the test part is never seen
     * before the final evaluation.
     */
    TRAINING_PART,
    /**
     * The test part, as the seed notebook's {@code validation_data}: early stopping (if the preset has it) and the
     * curves are selected on the test data, so the test figure is optimistic.
     */
    TEST_PART,
    /** No validation: every epoch runs, no early stopping, the curves have no validation columns. */
    NONE
  }

  private Experiment(Builder b) {
    this.corpus = b.corpus;
    this.split = b.split;
    this.preset = b.preset;
    this.adjust = b.adjust;
    this.cache = b.cache;
    this.featureProgress = b.featureProgress;
    this.trainingListener = b.trainingListener;
    this.validationSource = b.validationSource;
    this.validationFraction = b.validationFraction;
    this.seed = b.seed;
    this.normalizeBy = b.normalizeBy;
    this.augmentation = b.augmentation;
    this.balance = b.balance != null ? b.balance
        : Balance.defaultFor(Math.max(1, corpus.parts().size()));
  }

  /** An experiment on {@code split} of {@code corpus}; by default the {@link Preset#STATS} preset, seed 42. */
  public static Builder builder(Corpus corpus, Split split) {
    return new Builder(corpus, split);
  }

  /** The preset this experiment trains. */
  public Preset preset() {
    return preset;
  }

  /**
   * Extracts features of both parts, trains on the training part and evaluates on the held-out part.
   * Utterances whose features cannot be computed are left out and listed in the feature sets' problems.
   *
   * @throws IllegalArgumentException when the training part has no usable utterance
   * @throws TrainingCancelledException when the training listener cancels
   */
  public Result run() {
    Map<String, Long> millis = new LinkedHashMap<>();
    FeatureSpec spec = preset.featureSpec();
    CorpusFeatures.Builder fb = CorpusFeatures.builder(spec);
    if (featureProgress != null) {
      fb.progress(featureProgress);
    }
    if (cache != null) {
      fb.cache(cache);
    }
    long t0 = System.nanoTime();
    List<Utterance> all = new ArrayList<>(split.train());
    all.addAll(split.test());
    CorpusFeatures extractor = fb.build();
    FeatureSet allFeatures = extractor.extract(all);
    millis.put("features", (System.nanoTime() - t0) / 1_000_000);
    FeatureSet trainFeatures = subset(allFeatures, split.train());
    FeatureSet testFeatures = subset(allFeatures, split.test());
    if (trainFeatures.size() == 0) {
      throw new IllegalArgumentException("no usable utterance in the training part of " + split.description()
          + " (" + split.train().size() + " listed, " + trainFeatures.problems().size() + " unusable)");
    }

    List<String> labels = Corpus.labelsOf(all);
    org.ser4j.runtime.Normalization global = null;
    FeatureSet rawTrainFeatures = trainFeatures;
    FeatureSet rawTestFeatures = testFeatures;
    FeatureDataset testWithoutProfile = null;
    if (normalizeBy == NormalizeBy.SPEAKER) {
      SpeakerNormalizer.requirePooled(spec);
      global = SpeakerNormalizer.global(trainFeatures);
      trainFeatures = SpeakerNormalizer.bySpeaker(trainFeatures, global);
      if (testFeatures.size() > 0) {
        testWithoutProfile = CorpusDatasets.of(SpeakerNormalizer.globally(testFeatures, global), labels);
        testFeatures = SpeakerNormalizer.bySpeaker(testFeatures, global);
      }
    }
    FeatureDataset test = CorpusDatasets.of(testFeatures, labels);
    ModelConfig.Builder configBuilder = adjust.apply(preset.modelConfig(labels.size())).numClasses(labels.size());
    if (normalizeBy == NormalizeBy.SPEAKER) {
      configBuilder.standardize(false); // the vectors are standardised per speaker already
    }
    ModelConfig config = configBuilder.build();
    FeatureSet fitSet;
    FeatureDataset validation;
    String validationDescription;
    switch (validationSource) {
      case TRAINING_PART -> {
        if (trainFeatures.size() < 2) {
          fitSet = trainFeatures;
          validation = null;
          validationDescription = "none (the training part has fewer than two usable utterances)";
        } else {
          // the grouping follows the outer split: speakers (or words) on no side of it are held out whole
          Split inner = Splits.validation(new Split(trainFeatures.utterances(), testFeatures.utterances(),
              split.description()), validationFraction, seed != null ? seed : config.seed());
          fitSet = subset(trainFeatures, inner.train());
          validation = CorpusDatasets.of(subset(trainFeatures, inner.test()), labels);
          validationDescription = inner.description();
        }
      }
      case TEST_PART -> {
        fitSet = trainFeatures;
        validation = test.size() == 0 ? null : test;
        validationDescription = "the test part (the seed notebook's validation_data: selected on the test data)";
      }
      default -> {
        fitSet = trainFeatures;
        validation = null;
        validationDescription = "none";
      }
    }
    // augmented copies of the examples the network is fitted on only: never of validation or test utterances
    FeatureSet augmented = augmentation.isNone() ? new FeatureSet(spec, List.of(), List.of(), List.of())
        : extractor.extractAugmented(fitSet.utterances(), augmentation);
    if (!augmentation.isNone()) {
      millis.put("augmentation", (System.nanoTime() - t0) / 1_000_000 - millis.get("features"));
      // speaker normalisation: a copy is standardised with its speaker's profile of the original clips, as the
      // fitted originals are (a speed-perturbed copy is still that speaker's voice)
      FeatureSet augmentedInput = normalizeBy == NormalizeBy.SPEAKER
          ? SpeakerNormalizer.withProfilesOf(rawTrainFeatures, augmented, global) : augmented;
      List<Utterance> u = new ArrayList<>(fitSet.utterances());
      u.addAll(augmentedInput.utterances());
      List<float[][]> f = new ArrayList<>(fitSet.features());
      f.addAll(augmentedInput.features());
      fitSet = new FeatureSet(fitSet.spec(), u, f, fitSet.problems());
    }
    FeatureDataset fit = CorpusDatasets.of(fitSet, labels);
    double[] weights = balance == Balance.NONE ? null : balance.weights(fitSet.utterances());
    long t1 = System.nanoTime();
    TrainingResult training = new Trainer().train(config, fit,
        validation == null || validation.size() == 0 ? null : validation, trainingListener, weights);
    millis.put("training", (System.nanoTime() - t1) / 1_000_000);
    long t2 = System.nanoTime();
    Evaluation evaluation = training.evaluate(test);
    Evaluation withoutProfile = null;
    if (normalizeBy == NormalizeBy.SPEAKER) {
      withoutProfile = testWithoutProfile == null ? evaluation : training.evaluate(testWithoutProfile);
      // the bundle holds the global statistics: the recognizer's input without a profile, replaced by a profile
      training = new TrainingResult(training.config(), training.network(), training.history(), training.labels(),
          global);
    }
    millis.put("evaluation", (System.nanoTime() - t2) / 1_000_000);
    return new Result(corpus, split, preset, rawTrainFeatures, rawTestFeatures, training, evaluation,
        Map.copyOf(millis), validationDescription, normalizeBy, withoutProfile, augmentation, augmented, balance);
  }

  private static FeatureSet subset(FeatureSet all, List<Utterance> part) {
    Set<Utterance> wanted = new HashSet<>(part);
    Set<Path> paths = new HashSet<>();
    part.forEach(u -> paths.add(u.path()));
    List<Utterance> u = new ArrayList<>();
    List<float[][]> f = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (wanted.contains(all.utterances().get(i))) {
        u.add(all.utterances().get(i));
        f.add(all.features().get(i));
      }
    }
    List<Problem> problems = all.problems().stream().filter(p -> paths.contains(p.file())).toList();
    return new FeatureSet(all.spec(), u, f, problems);
  }

  /**
   * What an experiment produced.
   *
   * @param corpus the corpus it read
   * @param split the split it trained and evaluated on
   * @param preset the preset it trained
   * @param trainFeatures the training part's features (utterances actually used, and those left out)
   * @param testFeatures the held-out part's features
   * @param training the trained network, its history and normalisation
   * @param evaluation scores on the held-out part
   * @param millis wall-clock milliseconds of the stages {@code features}, {@code training}, {@code evaluation}
   * @param validation how the validation set used during training was chosen (e.g. {@code "validation held out
   *     of the training part, grouped by speaker (...)"}); part of the bundle's provenance
   * @param normalizeBy how the input was standardised in training
   * @param evaluationWithoutProfile with {@link NormalizeBy#SPEAKER}, scores on the held-out part with the
   *     global statistics (no profile); null otherwise (see {@link #evaluationWithoutProfile()})
   * @param augmentation the augmentation applied to the examples the network was fitted on
   * @param augmentedFeatures the augmented copies' features (empty without augmentation), added to the fitted
   *     examples; never copies of validation or test utterances
   * @param balance how training examples were drawn
   */
  public record Result(Corpus corpus, Split split, Preset preset, FeatureSet trainFeatures,
      FeatureSet testFeatures, TrainingResult training, Evaluation evaluation, Map<String, Long> millis,
      String validation, NormalizeBy normalizeBy, Evaluation evaluationWithoutProfile, Augmentation augmentation,
      FeatureSet augmentedFeatures, Balance balance) {

    /**
     * A result of global normalisation without augmentation or balancing (as before these existed).
     *
     * @param corpus the corpus it read
     * @param split the split
     * @param preset the preset
     * @param trainFeatures the training part's features
     * @param testFeatures the held-out part's features
     * @param training the trained network
     * @param evaluation scores on the held-out part
     * @param millis stage timings
     * @param validation how the validation set was chosen
     */
    public Result(Corpus corpus, Split split, Preset preset, FeatureSet trainFeatures, FeatureSet testFeatures,
        TrainingResult training, Evaluation evaluation, Map<String, Long> millis, String validation) {
      this(corpus, split, preset, trainFeatures, testFeatures, training, evaluation, millis, validation,
          NormalizeBy.GLOBAL, null, Augmentation.none(),
          new FeatureSet(trainFeatures.spec(), List.of(), List.of(), List.of()), Balance.NONE);
    }

    /**
     * Scores on the held-out part with the global training statistics, no speaker profile: with
     * {@link NormalizeBy#SPEAKER} the recognizer's fallback (then {@link #evaluation()} is the score with each test
     * speaker's profile); with {@link NormalizeBy#GLOBAL} simply {@link #evaluation()}.
     */
    @Override
    public Evaluation evaluationWithoutProfile() {
      return evaluationWithoutProfile != null ? evaluationWithoutProfile : evaluation;
    }

    /**
     * What this result says of its training data, for a bundle's {@link Provenance}: the corpus (named by
     * {@code corpusDescription}, its layout and an identity that does not reveal the training machine's
     * paths), the split with the counts actually used, the augmentation (none), the held-out scores.
     */
    public Provenance provenance(String corpusDescription) {
      Provenance.Builder b = Provenance.builder()
          .corpus(corpusDescription, corpus.format().id(), corpusIdentity(corpus))
          .split(split.description(), trainFeatures.size(), testFeatures.size(), trainFeatures.problems().size(),
              testFeatures.problems().size())
          .augmentation(augmentation.description())
          .balance(balance.id())
          .normalization(normalizeBy == NormalizeBy.SPEAKER ? "speaker" : "global")
          .extra("validation", validation)
          .metric("test.accuracy", evaluation.accuracy())
          .metric("test.macro_f1", evaluation.macroF1());
      if (normalizeBy == NormalizeBy.SPEAKER) {
        b.metric("test.accuracy.no_profile", evaluationWithoutProfile().accuracy());
      }
      if (!corpus.parts().isEmpty()) {
        b.labelSpace(Corpus.labelsOf(corpus.utterances()));
        for (Corpus part : corpus.parts()) {
          String id = part.format().id();
          b.corpusPart(id, id, corpusIdentity(part), part.utterances().size(),
              (int) trainFeatures.utterances().stream().filter(u -> u.corpus().equals(id)).count(),
              (int) testFeatures.utterances().stream().filter(u -> u.corpus().equals(id)).count());
        }
      }
      return b.build();
    }

    /**
     * Writes the model bundle (network, labels, feature recipe, provenance) to {@code out} atomically.
     *
     * @param corpusDescription how the bundle names the training data (e.g. {@code "TESS"})
     * @throws IOException when {@code out} cannot be written
     */
    public ModelBundle writeBundle(Path out, String corpusDescription) throws IOException {
      return training.writeBundle(out, trainFeatures.spec(), provenance(corpusDescription));
    }
  }

  /**
   * The corpus's identity without its location: a SHA-256 over the sorted relative paths of its utterances
   * (first 16 hex digits), equal on every machine that holds the same files.
   */
  static String corpusIdentity(Corpus corpus) {
    List<String> names = new ArrayList<>();
    if (!corpus.parts().isEmpty()) {
      // a combination: each part relative to its own root, named by the part
      for (Corpus part : corpus.parts()) {
        names.add(part.format().id() + "=" + corpusIdentity(part));
      }
    }
    for (Utterance u : corpus.parts().isEmpty() ? corpus.utterances() : List.<Utterance>of()) {
      Path p = u.path();
      try {
        p = corpus.root().relativize(p);
      } catch (IllegalArgumentException e) {
        p = p.getFileName();
      }
      names.add(p.toString().replace('\\', '/'));
    }
    names.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String n : names) {
        sha.update(n.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      StringBuilder hex = new StringBuilder("sha256:");
      byte[] d = sha.digest();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format(Locale.ROOT, "%02x", d[i]));
      }
      return hex.append(" (").append(names.size()).append(" files)").toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Builds an {@link Experiment}; every setting has a default except the corpus and split. */
  public static final class Builder {
    private final Corpus corpus;
    private final Split split;
    private Preset preset = Preset.STATS;
    private UnaryOperator<ModelConfig.Builder> adjust = UnaryOperator.identity();
    private FeatureCache cache;
    private ProgressListener featureProgress;
    private TrainingListener trainingListener;
    private ValidationSource validationSource = ValidationSource.TRAINING_PART;
    private double validationFraction = 0.1;
    private Long seed;
    private NormalizeBy normalizeBy = NormalizeBy.GLOBAL;
    private Augmentation augmentation = Augmentation.none();
    private Balance balance;

    private Builder(Corpus corpus, Split split) {
      this.corpus = requireNonNull(corpus, "corpus");
      this.split = requireNonNull(split, "split");
    }

    /** The preset to train (default {@link Preset#STATS}). */
    public Builder preset(Preset p) {
      this.preset = requireNonNull(p, "preset");
      return this;
    }

    /**
     * Adjusts the preset's network settings (epochs, seed, learning rate...), e.g.
     * {@code b -> b.epochs(10).seed(7)}; the number of classes is always the corpus's.
     */
    public Builder configure(UnaryOperator<ModelConfig.Builder> adjustment) {
      UnaryOperator<ModelConfig.Builder> before = this.adjust;
      requireNonNull(adjustment, "adjustment");
      this.adjust = b -> adjustment.apply(before.apply(b));
      return this;
    }

    /** Shorthand for {@code configure(b -> b.seed(seed))}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return configure(b -> b.seed(seed));
    }

    /**
     * Where the validation set comes from (default {@link ValidationSource#TRAINING_PART}, drawn with the seed).
     */
    public Builder validation(ValidationSource source) {
      this.validationSource = requireNonNull(source, "source");
      return this;
    }

    /**
     * The share of the training part's speakers, words or utterances held out for validation with
     * {@link ValidationSource#TRAINING_PART} (default 0.1).
     *
     * @throws IllegalArgumentException unless strictly between 0 and 1
     */
    public Builder validationFraction(double fraction) {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("validation fraction must be strictly between 0 and 1, got " + fraction);
      }
      this.validationFraction = fraction;
      return this;
    }

    /** Shorthand for {@code configure(b -> b.epochs(epochs))}. */
    public Builder epochs(int epochs) {
      return configure(b -> b.epochs(epochs));
    }

    /** A feature cache to read and fill (default none). */
    public Builder cache(FeatureCache c) {
      this.cache = c;
      return this;
    }

    /** Progress of feature extraction (default none). */
    public Builder featureProgress(ProgressListener l) {
      this.featureProgress = l;
      return this;
    }

    /** Progress of training, one call per epoch; may cancel (default none). */
    public Builder trainingListener(TrainingListener l) {
      this.trainingListener = l;
      return this;
    }

    /**
     * Augments the examples the network is fitted on (default {@link Augmentation#none()}): each gets
     * {@link Augmentation#copies()} augmented copies beside its original. Validation and test utterances are
     * never augmented. Recorded in the bundle's provenance ({@code recipe.augmentation}).
     *
     * @param a the augmentation
     * @return this builder
     */
    public Builder augmentation(Augmentation a) {
      this.augmentation = requireNonNull(a, "augmentation");
      return this;
    }

    /**
     * How training examples are drawn (default {@link Balance#defaultFor}: {@link Balance#CORPUS_CLASS} for a
     * {@link Corpus#combine combined} corpus, {@link Balance#NONE} for one corpus). Recorded in the bundle's
     * provenance ({@code recipe.balance}).
     *
     * @param b the balance
     * @return this builder
     */
    public Builder balance(Balance b) {
      this.balance = requireNonNull(b, "balance");
      return this;
    }

    /** The experiment; nothing runs until {@link Experiment#run()}. */
    /**
     * How the input is standardised in training ({@link NormalizeBy#GLOBAL} by default).
     *
     * @param how global or per speaker
     * @return this builder
     */
    public Builder normalize(NormalizeBy how) {
      this.normalizeBy = requireNonNull(how, "how");
      return this;
    }

    public Experiment build() {
      return new Experiment(this);
    }
  }
}
