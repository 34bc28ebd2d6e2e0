package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.data.Corpus;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Manifest;
import org.ser4j.data.Utterance;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.GroupedEvaluation;
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
          + " Java, no native code).",
      "Beside the totals: accuracy per speaker and its spread over speakers (mean, population std, min, max);"
          + " in --json under \"groups\" (one per speaker) and \"groupAccuracy\".",
      "Cross-corpus: when the corpus's labels and the model's differ (e.g. a TESS model on --corpus crema-d),"
          + " scoring is over the labels both share: the label mapping is printed, recordings of labels the model"
          + " lacks are not scored, and the model's prediction is the most probable of the shared labels."
          + " Corpus labels map to a model's by emotion (CREMA-D's ANG/anger is angry, ...)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file scored",
        "1:some file could not be used (or none could), or the model could not be read",
        "2:usage error"})
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The model bundle (default: the pretrained model of org.ser4j:ser-pretrained).")
  Path model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  CommonOptions.DataOrManifest source;

  @Mixin CommonOptions.CorpusOption corpus;

  @Mixin CommonOptions.JsonOption output;

  @Option(names = "--profile", defaultValue = "none", paramLabel = "none|speaker",
      description = "speaker: standardise each speaker's clips with that speaker's profile, built from all of"
          + " the speaker's clips in the evaluated set without their labels (what an app can do with a user's"
          + " unlabelled speech); none: the model's global statistics (default: ${DEFAULT-VALUE}). Models with"
          + " pooled features only; best with a model trained with `--normalize speaker`.")
  String profile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    EmotionRecognizer recognizer;
    try {
      Models.Loaded loaded = Models.load(model);
      recognizer = loaded.recognizer();
      if (loaded.pretrained()) {
        (output.json ? spec.commandLine().getErr() : out).println("model: " + loaded.description());
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (org.ser4j.runtime.PretrainedModelUnavailableException e) {
      spec.commandLine().getErr().println("error: no --model given and " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
    Path manifest = source.manifest;
    List<Utterance> utts = manifest != null ? Manifest.read(manifest).test()
        : Corpus.scan(source.data, corpus.format, LabelSet.TESS).utterances();
    List<String> modelLabels = recognizer.labels();
    Set<String> corpusLabels = new TreeSet<>();
    utts.forEach(u -> corpusLabels.add(u.label()));
    List<String> labels = modelLabels;
    boolean cross = !corpusLabels.isEmpty() && !new TreeSet<>(modelLabels).equals(corpusLabels);
    if (cross) {
      labels = modelLabels.stream().filter(corpusLabels::contains).toList();
      Map<String, String> nativeNames = manifest != null ? Map.of() : nativeLabels(source.data);
      out.println(mapping(modelLabels, corpusLabels, labels, nativeNames));
      if (labels.isEmpty()) {
        spec.commandLine().getErr().println("error: the model's labels " + modelLabels + " and the corpus's "
            + corpusLabels + " have none in common: nothing to evaluate");
        return SerCli.EXIT_INPUT_FAILED;
      }
    }
    int[] modelIndex = labels.stream().mapToInt(modelLabels::indexOf).toArray();
    List<Integer> actual = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    List<String> speakers = new ArrayList<>();
    int failed = 0;
    int notShared = 0;
    // the scorable files go through predictAll in chunks: the networks of a chunk share their weight reads
    List<Utterance> scored = new ArrayList<>();
    for (Utterance u : utts) {
      int truth = labels.indexOf(u.label());
      if (truth < 0 && cross) {
        notShared++;
      } else if (truth < 0) {
        out.println(u.path() + ": left out: label '" + u.label() + "' is not one the model knows " + labels);
        failed++;
      } else {
        scored.add(u);
      }
    }
    boolean withProfiles;
    switch (profile.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> withProfiles = false;
      case "speaker" -> withProfiles = true;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--profile must be none or"
          + " speaker, not '" + profile + "'");
    }
    if (withProfiles) {
      if (recognizer.bundle().normalization().isEmpty()
          || recognizer.featureSpec().pooling() == org.ser4j.features.FeatureSpec.Summary.NONE) {
        spec.commandLine().getErr().println("error: " + model + ": --profile speaker needs a model with pooled"
            + " features and an input normalisation (stats, voice), this one has "
            + (recognizer.bundle().normalization().isEmpty() ? "no normalisation" : "frame-sequence features"));
        return SerCli.EXIT_INPUT_FAILED;
      }
      failed += scoreWithProfiles(recognizer, utts, scored, labels, modelIndex, actual, predicted, speakers, out);
      scored = List.of();
    }
    try (ProgressDisplay bar = ProgressDisplay.create(spec.commandLine().getErr(), "evaluating")) {
      int chunk = 64;
      for (int from = 0; from < scored.size(); from += chunk) {
        List<Utterance> part = scored.subList(from, Math.min(scored.size(), from + chunk));
        List<EmotionRecognizer.Outcome> outcomes = recognizer.predictAll(part.stream().map(Utterance::path).toList());
        for (int k = 0; k < part.size(); k++) {
          Utterance u = part.get(k);
          EmotionRecognizer.Outcome o = outcomes.get(k);
          if (!o.ok()) {
            IOException e = o.error();
            String reason = e instanceof AudioFormatException a ? a.problem() : CliFiles.describe(e);
            String prefix = u.path() + ": ";
            out.println(prefix + "left out: " + (reason.startsWith(prefix) ? reason.substring(prefix.length())
                : reason));
            failed++;
            continue;
          }
          Prediction p = o.prediction();
          int best = 0;
          for (int i = 1; i < modelIndex.length; i++) {
            if (p.probability(modelIndex[i]) > p.probability(modelIndex[best])) {
              best = i;
            }
          }
          actual.add(labels.indexOf(u.label()));
          predicted.add(best);
          speakers.add(u.speaker());
        }
        bar.progress(from + part.size(), scored.size());
      }
    }
    if (actual.isEmpty()) {
      spec.commandLine().getErr().println("error: no file could be scored (" + utts.size() + " listed, "
          + failed + " left out" + (notShared > 0 ? ", " + notShared + " of labels the model lacks" : "")
          + "): nothing to evaluate");
      return SerCli.EXIT_INPUT_FAILED;
    }
    GroupedEvaluation grouped = GroupedEvaluation.of(labels, actual.stream().mapToInt(Integer::intValue).toArray(),
        predicted.stream().mapToInt(Integer::intValue).toArray(), speakers);
    Evaluation ev = grouped.total();
    if (output.json) {
      out.println(grouped.toJson());
    } else {
      out.printf(Locale.ROOT, "%s on %d files: accuracy %.4f, macro-F1 %.4f%s%n",
          model != null ? model : "the pretrained model", ev.total(), ev.accuracy(),
          ev.macroF1(), cross ? " (over the " + labels.size() + " shared labels; " + notShared
              + " files of other labels not scored)" : "");
      out.println(speakerTable(grouped));
      out.println(Reports.metricsTable(ev));
      out.println(Reports.confusionTable(ev));
    }
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  /**
   * Scores {@code scored} with speaker profiles: every clip of {@code all} is featurised once, each speaker's
   * profile is built from the vectors of that speaker's clips (labels unused), and each scored clip is classified
   * with its speaker's profile (the global statistics for a speaker with fewer than two usable clips).
   *
   * @return the number of scored files left out
   */
  private int scoreWithProfiles(EmotionRecognizer recognizer, List<Utterance> all, List<Utterance> scored,
      List<String> labels, int[] modelIndex, List<Integer> actual, List<Integer> predicted, List<String> speakers,
      PrintWriter out) {
    Map<Path, float[]> vectors = new java.util.concurrent.ConcurrentHashMap<>();
    Map<Path, IOException> errors = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    try (ProgressDisplay bar = ProgressDisplay.create(spec.commandLine().getErr(), "features")) {
      all.parallelStream().forEach(u -> {
        try {
          vectors.put(u.path(), recognizer.featureVector(u.path()));
        } catch (IOException e) {
          errors.put(u.path(), e);
        }
        synchronized (bar) {
          bar.progress(done.incrementAndGet(), all.size());
        }
      });
    }
    Map<String, List<float[]>> bySpeaker = new TreeMap<>();
    for (Utterance u : all) {
      float[] v = vectors.get(u.path());
      if (v != null) {
        bySpeaker.computeIfAbsent(u.speaker(), k -> new ArrayList<>()).add(v);
      }
    }
    Map<String, org.ser4j.runtime.SpeakerProfile> profiles = org.ser4j.runtime.SpeakerProfile.perSpeaker(bySpeaker);
    List<String> without = new ArrayList<>(bySpeaker.keySet());
    without.removeAll(profiles.keySet());
    if (!output.json) {
      out.printf(Locale.ROOT, "speaker profiles: %d speakers, each from its own unlabelled clips in the evaluated"
          + " set (%d clips)%s%n", profiles.size(), vectors.size(), without.isEmpty() ? ""
              : "; without a profile (fewer than " + org.ser4j.runtime.SpeakerProfile.MIN_CLIPS
                  + " usable clips, global statistics): " + without);
    }
    int failed = 0;
    for (Utterance u : scored) {
      float[] v = vectors.get(u.path());
      if (v == null) {
        IOException e = errors.get(u.path());
        String reason = e instanceof AudioFormatException a ? a.problem() : CliFiles.describe(e);
        String prefix = u.path() + ": ";
        out.println(prefix + "left out: " + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
        failed++;
        continue;
      }
      org.ser4j.runtime.SpeakerProfile p = profiles.get(u.speaker());
      Prediction pr = p == null ? recognizer.predictPooled(v) : recognizer.predictPooled(v, p);
      int best = 0;
      for (int i = 1; i < modelIndex.length; i++) {
        if (pr.probability(modelIndex[i]) > pr.probability(modelIndex[best])) {
          best = i;
        }
      }
      actual.add(labels.indexOf(u.label()));
      predicted.add(best);
      speakers.add(u.speaker());
    }
    return failed;
  }

  /** Per-speaker accuracy lines and their spread. */
  static String speakerTable(GroupedEvaluation g) {
    GroupedEvaluation.Spread sp = g.accuracySpread();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "per speaker: accuracy %.4f +- %.4f (mean +- std over %d speakers), min %.4f (%s), max %.4f (%s)%n",
        sp.mean(), sp.std(), sp.count(), sp.min(), sp.minName(), sp.max(), sp.maxName()));
    for (Map.Entry<String, Evaluation> e : g.groups().entrySet()) {
      sb.append(String.format(Locale.ROOT, "  %-10s %.4f  (%d files)%n", e.getKey(), e.getValue().accuracy(),
          e.getValue().total()));
    }
    return sb.toString();
  }

  /** The corpus's own label of each canonical label, from a second scan with native labels (names only). */
  private Map<String, String> nativeLabels(Path dir) throws IOException {
    Map<Path, String> nativeByPath = new HashMap<>();
    Corpus.scan(dir, corpus.format, LabelSet.NATIVE).utterances().forEach(u -> nativeByPath.put(u.path(), u.label()));
    Map<String, String> out = new TreeMap<>();
    for (Utterance u : Corpus.scan(dir, corpus.format, LabelSet.TESS).utterances()) {
      String n = nativeByPath.get(u.path());
      if (n != null && !n.equals(u.label())) {
        out.put(u.label(), n);
      }
    }
    return out;
  }

  static String mapping(List<String> modelLabels, Set<String> corpusLabels, List<String> shared,
      Map<String, String> nativeNames) {
    StringBuilder sb = new StringBuilder("label mapping (corpus -> model), scored over " + shared.size()
        + " shared labels:");
    for (String l : shared) {
      sb.append(String.format(Locale.ROOT, "%n  %-20s -> %s", nativeNames.containsKey(l)
          ? nativeNames.get(l) + " (" + l + ")" : l, l));
    }
    for (String l : corpusLabels) {
      if (!modelLabels.contains(l)) {
        sb.append(String.format(Locale.ROOT, "%n  %-20s -> (none: the model has no such label; not scored)",
            nativeNames.getOrDefault(l, l)));
      }
    }
    for (String l : modelLabels) {
      if (!corpusLabels.contains(l)) {
        sb.append(String.format(Locale.ROOT, "%n  %-20s <- %s (no counterpart in the corpus; never predicted)",
            "(none)", l));
      }
    }
    return sb.toString();
  }
}
