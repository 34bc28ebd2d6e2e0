package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioReader;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.SyntheticTess;
import org.ser4j.data.Utterance;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.MfccExtractor;
import org.ser4j.features.StftConfig;
import org.ser4j.model.EpochStats;
import org.ser4j.model.Experiment;
import org.ser4j.model.History;
import org.ser4j.model.ModelBundles;
import org.ser4j.model.Preset;
import org.ser4j.runtime.Evaluation;
import org.ser4j.viz.Chart;
import org.ser4j.viz.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ser reproduce}: the seed notebook, end to end, with a report. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Run the seed notebook's workflow end to end: scan the corpus, draw the exploration charts (class"
          + " counts, waveforms, spectrograms, MFCC), extract features, train, evaluate, draw the training"
          + " curves and confusion matrices, save the model bundle and metrics.json, and write index.html showing"
          + " it all.",
      "Without --data it runs on a synthetic corpus in TESS's layout generated here (seeded, two synthetic"
          + " voices, seven emotions rendered with distinct prosody); every output says the data are synthetic.",
      "Validation: the notebook preset keeps the notebook's validation_data (the test part; it trains a fixed"
          + " number of epochs, so nothing is selected on it); the presets that stop early validate on a part"
          + " of the training data, and the test part is scored once at the end."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:report written", "1:the data could not be used", "2:usage error"})
final class ReproduceCommand implements Callable<Integer> {

  /** Words per speaker and emotion in the synthetic default corpus (2 x 7 x 30 = 420 files). */
  static final int SYNTHETIC_WORDS = 30;

  @Option(names = "--data", paramLabel = "PATH", description = "A TESS folder (default: a synthetic corpus).")
  Path data;

  @Option(names = "--out", defaultValue = "reproduce-out", paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--preset", defaultValue = "notebook", paramLabel = "notebook|stats|framewise",
      description = "Model and feature preset (default: ${DEFAULT-VALUE}, the seed notebook).")
  Preset preset;

  @Mixin CommonOptions.SplitOption split;

  @Mixin CommonOptions.EpochsOption epochs;

  @Mixin CommonOptions.SeedOption seedOption;

  @Spec CommandSpec spec;

  /** The exploration charts' names: all of them, and the spectrograms among them (for the report). */
  private record Exploration(List<String> figures, List<String> spectrograms) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    long seed = seedOption.seed;
    if (CliFiles.existsNoFollow(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + ": exists and is not a folder");
    }
    if (data != null && !Files.isDirectory(data)) {
      spec.commandLine().getErr().println("error: --data " + data + ": "
          + (Files.exists(data) ? "not a folder" : "not found"));
      return SerCli.EXIT_INPUT_FAILED;
    }
    Map<String, Long> millis = new LinkedHashMap<>();
    long start = System.nanoTime();
    Files.createDirectories(out);
    Path figures = Files.createDirectories(out.resolve("figures"));
    boolean synthetic = data == null;
    Path corpusDir = synthetic ? synthesize(stdout, seed, millis) : data;

    // 1. the corpus and the exploration charts
    long t = System.nanoTime();
    Corpus corpus = Corpus.scan(corpusDir, CorpusFormat.TESS, LabelSet.TESS);
    if (corpus.utterances().isEmpty()) {
      spec.commandLine().getErr().println("error: no TESS recordings found under " + corpusDir);
      return SerCli.EXIT_INPUT_FAILED;
    }
    millis.put("scan", ms(t));
    stdout.printf(Locale.ROOT, "%s corpus at %s: %d utterances, %d speakers, %d emotions%n",
        synthetic ? "Synthetic" : "TESS", corpusDir, corpus.utterances().size(), corpus.speakers().size(),
        corpus.labels().size());
    stdout.flush();
    String tag = synthetic ? " (SYNTHETIC data)" : "";
    t = System.nanoTime();
    Exploration exploration = explorationCharts(corpus, figures, tag);
    millis.put("exploration charts", ms(t));

    // 2. features, training, evaluation (the library's Experiment)
    Split s = Splits.of(split.strategy, corpus.utterances(), 0.2, seed);
    Experiment.Result r = train(stdout, corpus, s, seed);
    millis.putAll(r.millis());
    Evaluation ev = r.evaluation();
    History h = r.training().history();
    stdout.printf(Locale.ROOT, "Trained %d epochs in %.1f s: %s accuracy %.4f, macro-F1 %.4f%s%n", h.size(),
        r.millis().get("training") / 1000.0, preset == Preset.NOTEBOOK ? "validation" : "test", ev.accuracy(),
        ev.macroF1(), tag);
    stdout.println("Validation during training: " + r.validation());
    stdout.flush();

    // 3. result charts, bundle, metrics, report
    t = System.nanoTime();
    resultCharts(ev, h, figures, exploration.figures());
    millis.put("result charts", ms(t));
    Path bundle = out.resolve("model.ser4j");
    TrainingRun.writeBundle(r, bundle, synthetic ? "SYNTHETIC TESS-layout corpus (seed " + seed + ")"
        : "tess corpus '" + corpusDir.toAbsolutePath().normalize().getFileName() + "'");
    millis.put("total", ms(start));
    String metrics = metricsJson(synthetic, corpusDir, r, millis);
    org.ser4j.audio.OutputFiles.write(out.resolve("metrics.json"),
        tmp -> Files.writeString(tmp, metrics, StandardCharsets.UTF_8));
    ReportPage.write(out.resolve("index.html"), new ReportPage.Content(synthetic, corpusDir, corpus, s, preset,
        r.trainFeatures().spec(), r.training().config(), ev, h, millis, exploration.spectrograms(),
        r.trainFeatures().problems().size() + r.testFeatures().problems().size()));
    stdout.printf(Locale.ROOT, "Report: %s (model %s, metrics %s) in %.1f s%n", out.resolve("index.html"), bundle,
        out.resolve("metrics.json"), millis.get("total") / 1000.0);
    return 0;
  }

  /** Writes the synthetic default corpus under {@code --out}; returns its folder. */
  private Path synthesize(PrintWriter stdout, long seed, Map<String, Long> millis) throws IOException {
    Path corpusDir = out.resolve("synthetic-tess");
    stdout.println("No --data: generating a SYNTHETIC corpus in TESS's layout (seed " + seed + ") in " + corpusDir);
    stdout.flush();
    long t = System.nanoTime();
    SyntheticTess.write(corpusDir, SYNTHETIC_WORDS, seed);
    millis.put("synthesis", ms(t));
    return corpusDir;
  }

  /** The notebook's look at the data: class counts, one waveform and spectrogram per emotion, one MFCC. */
  private static Exploration explorationCharts(Corpus corpus, Path figures, String tag) throws IOException {
    List<String> figureNames = new ArrayList<>();
    Map<String, Integer> classCounts = new LinkedHashMap<>();
    for (String label : corpus.labels()) {
      classCounts.put(label, 0);
    }
    corpus.utterances().forEach(u -> classCounts.merge(u.label(), 1, Integer::sum));
    save(Charts.classCounts(classCounts, "Recordings per emotion" + tag), figures, "class_counts", figureNames);
    Map<String, AudioClip> examples = firstReadableClipPerLabel(corpus);
    save(Charts.waveformGrid(examples), figures, "waveforms", figureNames);
    StftConfig stft = StftConfig.defaults(); // librosa.stft defaults: n_fft 2048, hop 512, Hann
    List<String> spectrogramNames = new ArrayList<>();
    for (Map.Entry<String, AudioClip> e : examples.entrySet()) {
      save(Charts.spectrogram(e.getValue(), stft, "Spectrogram: " + e.getKey() + tag), figures,
          "spectrogram_" + e.getKey(), spectrogramNames);
    }
    if (!examples.isEmpty()) {
      Map.Entry<String, AudioClip> first = examples.entrySet().iterator().next();
      AudioClip clip = first.getValue();
      float[][] mfcc = MfccExtractor.create(MfccConfig.notebook(clip.sampleRate())).mfcc(clip);
      save(Charts.mfccHeatmap(mfcc, clip.sampleRate(), 512, "MFCC (40): " + first.getKey() + tag), figures, "mfcc",
          figureNames);
    }
    return new Exploration(figureNames, spectrogramNames);
  }

  /** The first recording of each emotion that can be read, as mono (unreadable ones are passed over). */
  private static Map<String, AudioClip> firstReadableClipPerLabel(Corpus corpus) {
    Map<String, AudioClip> examples = new LinkedHashMap<>();
    for (String label : corpus.labels()) {
      for (Utterance u : corpus.utterances()) {
        if (u.label().equals(label)) {
          try {
            examples.put(label, AudioReader.read(u.path()).toMono());
            break;
          } catch (IOException e) {
            // try the next recording of this emotion
          }
        }
      }
    }
    return examples;
  }

  /** Features, training and the one evaluation, with progress on the terminal. */
  private Experiment.Result train(PrintWriter stdout, Corpus corpus, Split s, long seed) {
    // The notebook's preset trains a fixed number of epochs with no early stopping, so its validation_data (the
    // test part) selects nothing: keep it, and the curves are the notebook's. Presets that stop early validate on
    // a part of the training data instead, so the test figure is not selected on the test data.
    Experiment.ValidationSource validation = preset == Preset.NOTEBOOK ? Experiment.ValidationSource.TEST_PART
        : Experiment.ValidationSource.TRAINING_PART;
    Experiment.Builder experiment = Experiment.builder(corpus, s).preset(preset).seed(seed).validation(validation);
    if (epochs.epochs != null) {
      experiment.epochs(epochs.epochs);
    }
    stdout.printf(Locale.ROOT, "Split: %d train, %d %s (%s); preset %s%n", s.train().size(), s.test().size(),
        preset == Preset.NOTEBOOK ? "validation" : "test", s.description(), preset.id());
    stdout.flush();
    try (ProgressDisplay featureBar = ProgressDisplay.create(spec.commandLine().getErr(), "features");
        ProgressDisplay trainBar = ProgressDisplay.lines(spec.commandLine().getOut(), "epoch")) {
      return experiment.featureProgress(featureBar).trainingListener(TrainingRun.progressListener(trainBar)).build()
          .run();
    }
  }

  /** The training curves and the confusion matrices (counts and normalised). */
  private static void resultCharts(Evaluation ev, History h, Path figures, List<String> figureNames)
      throws IOException {
    save(Charts.trainingCurves(h.trainAccuracy(), h.validationAccuracy(), h.trainLoss(), h.validationLoss()),
        figures, "training_curves", figureNames);
    int[][] confusion = toInt(ev.confusion());
    save(Charts.confusionMatrix(confusion, ev.labels(), false), figures, "confusion_counts", figureNames);
    save(Charts.confusionMatrix(confusion, ev.labels(), true), figures, "confusion_normalised", figureNames);
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void save(Chart chart, Path dir, String name, List<String> names) throws IOException {
    chart.writePng(dir.resolve(name + ".png"));
    chart.writeSvg(dir.resolve(name + ".svg"));
    names.add(name);
  }

  private static int[][] toInt(long[][] m) {
    int[][] out = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new int[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = Math.toIntExact(m[i][j]);
      }
    }
    return out;
  }

  static String metricsJson(boolean synthetic, Path corpusDir, Experiment.Result r, Map<String, Long> millis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("synthetic", synthetic);
    m.put("data", corpusDir.toString());
    m.put("split", r.split().description());
    m.put("train_size", r.trainFeatures().size());
    m.put("test_size", r.testFeatures().size());
    m.put("model", r.training().config().toString());
    m.put("features", r.trainFeatures().spec().cacheKey());
    m.put("versions", Map.of("ser4j", Versions.ser4j(), "java", System.getProperty("java.version"),
        "dl4j", ModelBundles.DL4J_VERSION));
    m.put("test", Json.parse(r.evaluation().toJson()));
    List<Map<String, Object>> history = new ArrayList<>();
    for (EpochStats e : r.training().history().epochs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("epoch", e.epoch());
      row.put("train_loss", Json.number(e.trainLoss()));
      row.put("train_accuracy", Json.number(e.trainAccuracy()));
      row.put("val_loss", Json.number(e.validationLoss()));
      row.put("val_accuracy", Json.number(e.validationAccuracy()));
      history.add(row);
    }
    m.put("history", history);
    m.put("timings_ms", millis);
    return Json.pretty(m);
  }
}
