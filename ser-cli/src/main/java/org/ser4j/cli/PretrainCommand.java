package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ser4j.audio.OutputFiles;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Split;
import org.ser4j.data.Utterance;
import org.ser4j.model.Experiment;
import org.ser4j.model.Preset;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Provenance;
import org.ser4j.runtime.SpeakerProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser pretrain}: (re)trains the model that the {@code ser-pretrained} artifact ships, on every clip of a
 * training folder (validation held out by speaker), scores it once on a folder of speakers it never heard, and
 * writes the bundle with the CREMA-D licence notice in its provenance plus a properties file with the measured
 * accuracy and the threshold its test asserts.
 */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    description = {
      "Train the pretrained model that ser-pretrained ships (EmotionRecognizer.pretrained(), ser predict without"
          + " --model): every clip of --data is training data (the validation set for early stopping is"
          + " whole speakers held out of it), and --test-data, speakers never trained on, is scored once at the"
          + " end with the plain-Java recognizer.",
      "Writes DIR/pretrained.ser4j (its provenance names what it was trained on and carries the CREMA-D"
          + " licence notice: the model is a Produced Work of CREMA-D under the ODbL 1.0) and"
          + " DIR/pretrained.properties (the measured accuracy and the threshold, accuracy minus --margin, that"
          + " ser-pretrained's test asserts).",
      "From the repository root: ser pretrain --data ../data/crema-d --test-data ../shared/crema-d-sample"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:model and figures written", "1:the data could not be used", "2:usage error"})
final class PretrainCommand implements Callable<Integer> {

  /** The notice a model trained on CREMA-D carries (ODbL 1.0, section 4.3, and CREMA-D's licence text). */
  static final String CREMA_D_NOTICE = "This model is a Produced Work of the Crowd-sourced Emotional Multimodal"
      + " Actors Dataset (CREMA-D; Cao, Cooper, Keutmann, Gur, Nenkova and Verma, IEEE Transactions on Affective"
      + " Computing 5(4), 2014). Contains information from CREMA-D, which is made available here under the Open"
      + " Database License (ODbL) v1.0: http://opendatacommons.org/licenses/odbl/1.0/. Any rights in individual"
      + " contents of the database are licensed under the Database Contents License (DbCL) v1.0:"
      + " http://opendatacommons.org/licenses/dbcl/1.0/";

  /** The default output folder, relative to the repository root. */
  static final String DEFAULT_OUT_DIR = "ser-pretrained/src/main/resources/org/ser4j/pretrained";

  @Option(names = "--data", defaultValue = "../data/crema-d", paramLabel = "PATH",
      description = "The training folder: every usable labelled clip is used (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--test-data", defaultValue = "../shared/crema-d-sample", paramLabel = "PATH",
      description = "Speakers never trained on, scored once after training (default: ${DEFAULT-VALUE}); no"
          + " speaker may be in both folders.")
  Path testData;

  @Option(names = "--corpus", defaultValue = "crema-d", paramLabel = "NAME",
      converter = CommonOptions.CorpusConverter.class,
      description = "Naming convention of both folders (default: ${DEFAULT-VALUE}).")
  CorpusFormat format;

  @Option(names = "--preset", defaultValue = "voice", paramLabel = "voice|stats|notebook|framewise",
      description = "Model and feature preset (default: ${DEFAULT-VALUE}, chosen on CREMA-D's 5-fold grouped"
          + " cross-validation: see README).")
  Preset preset;

  @Option(names = "--normalize", defaultValue = "speaker", paramLabel = "global|speaker",
      converter = CommonOptions.NormalizeConverter.class,
      description = "Input standardisation in training (default: ${DEFAULT-VALUE}: each training speaker with"
          + " its own statistics; the model then takes a speaker profile at run time and falls back to the global"
          + " statistics without one).")
  Experiment.NormalizeBy normalize;

  @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "F",
      converter = CommonOptions.FractionConverter.class,
      description = "Share of the training speakers held out for validation (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Mixin CommonOptions.EpochsOption epochs;

  @Mixin CommonOptions.SeedOption seed;

  @Option(names = "--margin", defaultValue = "0.02", paramLabel = "M",
      converter = CommonOptions.FractionConverter.class,
      description = "The test's threshold is the measured accuracy minus this (default: ${DEFAULT-VALUE}).")
  double margin;

  @Option(names = "--out-dir", defaultValue = DEFAULT_OUT_DIR, paramLabel = "DIR",
      description = "Where pretrained.ser4j and pretrained.properties are written (default: ${DEFAULT-VALUE},"
          + " the resource folder of ser-pretrained when run from the repository root).")
  Path outDir;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Feature cache folder (default: ~/.cache/ser4j/features or $SER4J_CACHE).")
  Path cache;

  @Option(names = "--no-cache", description = "Compute features without a cache.")
  boolean noCache;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path bundleFile = outDir.resolve("pretrained.ser4j");
    Path figuresFile = outDir.resolve("pretrained.properties");
    try {
      TrainingRun.checkCanWrite(bundleFile);
    } catch (IOException e) {
      err.println("error: cannot write the model to " + CliFiles.describe(e) + " (checked before training)");
      return SerCli.EXIT_INPUT_FAILED;
    }
    Corpus train = Corpus.scan(data, format, LabelSet.TESS);
    Corpus test = Corpus.scan(testData, format, LabelSet.TESS);
    if (train.utterances().isEmpty() || test.utterances().isEmpty()) {
      err.println("error: no labelled recordings found under " + (train.utterances().isEmpty() ? data : testData)
          + " (--corpus " + format.id() + ")");
      return SerCli.EXIT_INPUT_FAILED;
    }
    TreeSet<String> trainSpeakers = speakers(train.utterances());
    TreeSet<String> testSpeakers = speakers(test.utterances());
    Set<String> both = new TreeSet<>(trainSpeakers);
    both.retainAll(testSpeakers);
    if (!both.isEmpty()) {
      err.println("error: speakers " + both + " are in both " + data + " and " + testData
          + ": the test speakers must never be trained on");
      return SerCli.EXIT_USAGE;
    }
    String trainName = describe(data, train.utterances(), trainSpeakers);
    String testName = describe(testData, test.utterances(), testSpeakers);
    Split split = new Split(train.utterances(), test.utterances(),
        "train: every clip of " + trainName + "; test: every clip of " + testName + ", speakers never trained on");
    out.printf(Locale.ROOT, "training on %s; testing once on %s; preset %s, normalisation %s, seed %d%n",
        trainName, testName, preset.id(), normalize.name().toLowerCase(Locale.ROOT), seed.seed);
    out.flush();
    Experiment.Builder experiment = Experiment.builder(train, split).preset(preset).seed(seed.seed)
        .validationFraction(validationFraction).normalize(normalize)
        .cache(noCache ? null : new FeatureCache(cache != null ? cache : TrainingRun.defaultCacheDir()));
    if (epochs.epochs != null) {
      experiment.epochs(epochs.epochs);
    }
    Experiment.Result r;
    try (ProgressDisplay featureBar = ProgressDisplay.create(err, "features");
        ProgressDisplay trainBar = ProgressDisplay.lines(out, "epoch")) {
      r = experiment.featureProgress(featureBar).trainingListener(TrainingRun.progressListener(trainBar)).build().run();
    }
    for (org.ser4j.data.Problem p : r.trainFeatures().problems()) {
      out.println("  left out: " + p);
    }
    for (org.ser4j.data.Problem p : r.testFeatures().problems()) {
      out.println("  left out: " + p);
    }
    Provenance provenance = r.provenance(trainName).toBuilder()
        .extra("train.speakers", String.join(",", trainSpeakers))
        .extra("test.data", testName + ", scored once after training")
        .extra("licence", CREMA_D_NOTICE)
        .build();
    ModelBundle bundle = r.training().toBundle(r.trainFeatures().spec(), provenance);

    // the figure the shipped test asserts: the plain-Java recognizer on every clip of the test folder
    EmotionRecognizer recognizer = EmotionRecognizer.of(bundle);
    // a speaker-normalised model: one feature pass gives both figures (no profile, and each speaker's profile)
    Measured m = recognizer.speakerNormalized() ? measureFromVectors(recognizer, test.utterances())
        : measure(recognizer, test.utterances());
    if (m.evaluation == null) {
      err.println("error: no clip of " + testData + " could be scored");
      return SerCli.EXIT_INPUT_FAILED;
    }
    double threshold = Math.floor((m.evaluation.accuracy() - margin) * 1000) / 1000;
    Evaluation withProfiles = m.withProfiles;
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("model", bundleFile.getFileName().toString());
    figures.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    figures.put("preset", preset.id());
    figures.put("normalization", normalize.name().toLowerCase(Locale.ROOT));
    figures.put("seed", Long.toString(seed.seed));
    figures.put("train.data", trainName);
    figures.put("train.speakers", String.join(",", trainSpeakers));
    figures.put("train.validation", r.validation());
    figures.put("train.epochs", r.training().history().size() + " (best " + r.training().history().bestEpoch() + ")");
    figures.put("test.data", testName);
    figures.put("test.clips", Long.toString(m.evaluation.total()));
    figures.put("test.unusable", Integer.toString(m.failed));
    figures.put("test.accuracy", String.format(Locale.ROOT, "%.4f", m.evaluation.accuracy()));
    figures.put("test.macro_f1", String.format(Locale.ROOT, "%.4f", m.evaluation.macroF1()));
    figures.put("test.accuracy.margin", String.format(Locale.ROOT, "%.4f", margin));
    figures.put("test.accuracy.threshold", String.format(Locale.ROOT, "%.3f", threshold));
    if (withProfiles != null) {
      figures.put("test.accuracy.profile", String.format(Locale.ROOT, "%.4f", withProfiles.accuracy()));
      figures.put("test.macro_f1.profile", String.format(Locale.ROOT, "%.4f", withProfiles.macroF1()));
      figures.put("test.accuracy.profile.threshold", String.format(Locale.ROOT, "%.3f",
          Math.floor((withProfiles.accuracy() - margin) * 1000) / 1000));
    }
    figures.put("licence", CREMA_D_NOTICE);

    try {
      OutputFiles.write(bundleFile, bundle::write);
      OutputFiles.write(figuresFile, tmp -> Files.writeString(tmp, properties(figures), StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("error: cannot write " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    }
    out.println("validation: " + r.validation());
    out.printf(Locale.ROOT, "trained %d epochs (best %d) in %.1f s%n", r.training().history().size(),
        r.training().history().bestEpoch(), r.millis().get("training") / 1000.0);
    out.printf(Locale.ROOT, "%s: accuracy %.4f, macro-F1 %.4f on %d clips (%d unusable); test threshold %.3f%n",
        testData, m.evaluation.accuracy(), m.evaluation.macroF1(), m.evaluation.total(), m.failed, threshold);
    if (withProfiles != null) {
      out.printf(Locale.ROOT, "%s with speaker profiles: accuracy %.4f, macro-F1 %.4f%n", testData,
          withProfiles.accuracy(), withProfiles.macroF1());
    }
    out.printf(Locale.ROOT, "wrote %s (%d bytes) and %s%n", bundleFile, Files.size(bundleFile), figuresFile);
    boolean anyLeftOut = !r.trainFeatures().problems().isEmpty() || !r.testFeatures().problems().isEmpty();
    return anyLeftOut ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  /** Scores without a profile, with each test speaker's profile (null when not measured), clips left out. */
  private record Measured(Evaluation evaluation, Evaluation withProfiles, int failed) {}

  /** Scores {@code utts} with the recognizer in chunks of 64 (predictAll); unusable clips are counted. */
  private static Measured measure(EmotionRecognizer recognizer, List<Utterance> utts) {
    List<String> labels = recognizer.labels();
    List<Integer> actual = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    int failed = 0;
    for (int from = 0; from < utts.size(); from += 64) {
      List<Utterance> part = utts.subList(from, Math.min(utts.size(), from + 64));
      List<EmotionRecognizer.Outcome> outcomes = recognizer.predictAll(part.stream().map(Utterance::path).toList());
      for (int k = 0; k < part.size(); k++) {
        int truth = labels.indexOf(part.get(k).label());
        if (!outcomes.get(k).ok() || truth < 0) {
          failed++;
          continue;
        }
        actual.add(truth);
        predicted.add(labels.indexOf(outcomes.get(k).prediction().topLabel()));
      }
    }
    if (actual.isEmpty()) {
      return new Measured(null, null, failed);
    }
    return new Measured(evaluation(labels, actual, predicted), null, failed);
  }

  /**
   * Featurises every clip of {@code utts} once and scores it twice: with the global statistics (what
   * {@code predict(file)} gives) and with its speaker's profile built from the vectors of that speaker's own
   * clips (labels unused; a speaker with fewer than {@link SpeakerProfile#MIN_CLIPS} usable clips is scored
   * without). Unusable clips are counted.
   */
  private static Measured measureFromVectors(EmotionRecognizer recognizer, List<Utterance> utts) {
    List<String> labels = recognizer.labels();
    Map<Utterance, float[]> vectors = new LinkedHashMap<>();
    Map<String, List<float[]>> bySpeaker = new LinkedHashMap<>();
    int failed = 0;
    for (Utterance u : utts) {
      try {
        float[] v = recognizer.featureVector(u.path());
        if (labels.indexOf(u.label()) < 0) {
          failed++;
          continue;
        }
        vectors.put(u, v);
        bySpeaker.computeIfAbsent(u.speaker(), k -> new ArrayList<>()).add(v);
      } catch (IOException e) {
        failed++;
      }
    }
    if (vectors.isEmpty()) {
      return new Measured(null, null, failed);
    }
    Map<String, SpeakerProfile> profiles = SpeakerProfile.perSpeaker(bySpeaker);
    List<Integer> actual = new ArrayList<>();
    List<Integer> plain = new ArrayList<>();
    List<Integer> profiled = new ArrayList<>();
    vectors.forEach((u, v) -> {
      actual.add(labels.indexOf(u.label()));
      plain.add(labels.indexOf(recognizer.predictPooled(v).topLabel()));
      SpeakerProfile p = profiles.get(u.speaker());
      profiled.add(labels.indexOf((p == null ? recognizer.predictPooled(v) : recognizer.predictPooled(v, p))
          .topLabel()));
    });
    return new Measured(evaluation(labels, actual, plain), evaluation(labels, actual, profiled), failed);
  }

  private static Evaluation evaluation(List<String> labels, List<Integer> actual, List<Integer> predicted) {
    return Evaluation.of(labels, actual.stream().mapToInt(Integer::intValue).toArray(),
        predicted.stream().mapToInt(Integer::intValue).toArray());
  }

  private static TreeSet<String> speakers(List<Utterance> utts) {
    TreeSet<String> s = new TreeSet<>();
    utts.forEach(u -> s.add(u.speaker()));
    return s;
  }

  /** "crema-d folder 'crema-d': 6142 clips of 75 speakers (1001 ... 1091; ...)": no machine paths. */
  private String describe(Path folder, List<Utterance> utts, TreeSet<String> speakers) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    String range = speakers.size() <= 10 ? String.join(", ", speakers)
        : speakers.first() + " ... " + speakers.last() + "; every one listed in train.speakers";
    return String.format(Locale.ROOT, "%s folder '%s': %d clips of %d speakers (%s)", format.id(), name,
        utts.size(), speakers.size(), range);
  }

  /** Key=value lines (ISO-8859-1 safe: the values are ASCII), one header comment, in the given order. */
  static String properties(Map<String, String> values) {
    StringBuilder sb = new StringBuilder("# Written by `ser pretrain` with the model beside it: what it was trained"
        + " on and the accuracy measured on the test speakers.\n# ser-pretrained's test asserts"
        + " test.accuracy.threshold. Retrain: see ser-pretrained/README.md.\n");
    for (Map.Entry<String, String> e : values.entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
    }
    return sb.toString();
  }
}
