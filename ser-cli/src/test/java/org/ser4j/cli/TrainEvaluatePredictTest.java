package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.SyntheticTess;
import org.ser4j.runtime.EmotionRecognizer;

/** The model commands on a small synthetic corpus (few epochs: this checks the plumbing, not accuracy). */
class TrainEvaluatePredictTest {

  @TempDir static Path dir;
  static Path corpus;
  static Path model;
  static CliRun train;

  @BeforeAll
  static void trainOnce() throws IOException {
    corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 3, 5);
    model = dir.resolve("model.ser4j");
    train = CliRun.of("train", "--data", corpus.toString(), "--preset", "notebook", "--epochs", "2", "--seed", "7",
        "--no-cache", "--out", model.toString());
  }

  @Test
  void trainWritesABundleWithItsProvenance() throws IOException {
    assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
    assertThat(train.out()).contains("42 utterances (35 train, 7 test").contains("trained 2 epochs");
    // honest selection: validation comes out of the 35 training clips (random split: stratified), not the test 7
    assertThat(train.out()).containsPattern("validation: validation held out of the training part, stratified by"
        + " label \\([0-9]+ of 35, fraction 0.1, seed 7\\)");
    // off a terminal, one line per epoch
    assertThat(train.out()).containsPattern("epoch 1/2: loss [0-9.]+ acc [0-9.]+ \\| val loss [0-9.]+ acc [0-9.]+")
        .contains("epoch 2/2: ");
    EmotionRecognizer r = EmotionRecognizer.load(model);
    assertThat(r.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad");
    org.ser4j.runtime.Provenance p = r.bundle().provenance();
    assertThat(p.seed()).hasValue(7);
    assertThat(p.modelPreset()).contains("notebook");
    assertThat(p.testCount()).hasValue(7);
    assertThat(p.metrics()).containsKey("test.accuracy");
    assertThat(p.versions()).containsKeys("dl4j", "ser4j", "java", "os");
    // no trace of the training machine's file system: the corpus by name and a path-free identity
    assertThat(p.corpus()).contains("tess corpus 'tess'");
    assertThat(p.corpusId().orElseThrow()).matches("sha256:[0-9a-f]{16} \\(\\d+ files\\)");
    assertThat(r.bundle().metadata().values()).noneMatch(v -> v.contains(dir.toString()));
    assertThat(r.featureSpec().name()).isEqualTo("notebook");
  }

  @Test
  void defaultPresetIsTheStatsModelAndPredictsFromFiles() throws IOException {
    Path stats = dir.resolve("stats.ser4j");
    CliRun run = CliRun.of("train", "--data", corpus.toString(), "--epochs", "2", "--no-cache", "--out",
        stats.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    EmotionRecognizer r = EmotionRecognizer.load(stats);
    assertThat(r.featureSpec().name()).isEqualTo("stats");
    assertThat(r.featureSpec().dimension()).isEqualTo(240);
    assertThat(CliRun.of("evaluate", "--model", stats.toString(), "--data", corpus.toString()).exitCode()).isZero();
  }

  @Test
  void speakerNormalisedTrainingIsRecordedAndEvaluateBuildsOneProfilePerSpeaker() throws IOException {
    Path spk = dir.resolve("spk.ser4j");
    CliRun run = CliRun.of("train", "--data", corpus.toString(), "--epochs", "2", "--no-cache", "--normalize",
        "speaker", "--out", spk.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("with each test speaker's profile \\(without: accuracy [0-9.]+");
    EmotionRecognizer r = EmotionRecognizer.load(spk);
    assertThat(r.speakerNormalized()).isTrue();
    assertThat(r.bundle().provenance().normalization()).contains("speaker");
    CliRun profiled = CliRun.of("evaluate", "--model", spk.toString(), "--data", corpus.toString(), "--profile",
        "speaker");
    assertThat(profiled.exitCode()).as(profiled.out() + profiled.err()).isZero();
    assertThat(profiled.out()).contains("speaker profiles: 2 speakers, each from its own unlabelled clips in the"
        + " evaluated set (42 clips)").contains("on 42 files: accuracy");
    CliRun plain = CliRun.of("evaluate", "--model", spk.toString(), "--data", corpus.toString());
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).doesNotContain("speaker profiles");
    CliRun bad = CliRun.of("evaluate", "--model", spk.toString(), "--data", corpus.toString(), "--profile", "user");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--profile must be none or speaker");
    CliRun badTrain = CliRun.of("train", "--data", corpus.toString(), "--normalize", "clip", "--out",
        dir.resolve("x.ser4j").toString());
    assertThat(badTrain.exitCode()).isEqualTo(2);
    assertThat(badTrain.err()).contains("'clip' is not global or speaker");
  }

  @Test
  void evaluateScoresEveryFileWithThePlainJavaRecognizer() {
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", corpus.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("on 42 files: accuracy").contains("precision  recall").contains("confusion");
    CliRun json = CliRun.of("evaluate", "--model", model.toString(), "--data", corpus.toString(), "--json");
    assertThat(json.out().strip()).startsWith("{").contains("\"accuracy\"").contains("\"total\":42");
  }

  @Test
  void evaluateReportsAccuracyPerSpeakerAndItsSpread() {
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", corpus.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("per speaker: accuracy [0-9.]+ \\+- [0-9.]+ \\(mean \\+- std over 2 speakers\\),"
        + " min [0-9.]+ \\((OAF|YAF)\\), max [0-9.]+ \\((OAF|YAF)\\)");
    assertThat(run.out()).containsPattern("(?m)^  OAF +[0-9.]+  \\(21 files\\)$")
        .containsPattern("(?m)^  YAF +[0-9.]+  \\(21 files\\)$");
    CliRun json = CliRun.of("evaluate", "--model", model.toString(), "--data", corpus.toString(), "--json");
    assertThat(json.out()).contains("\"groups\":{\"OAF\":{\"total\":21,").contains("\"groupAccuracy\":{\"count\":2,");
  }

  @Test
  void crossCorpusEvaluationScoresTheSharedLabelsAndPrintsTheMapping() throws IOException {
    // the synthetic TESS clips renamed as CREMA-D: six of the model's seven labels, CREMA-D's own names
    Path crema = Files.createDirectories(dir.resolve("crema"));
    java.util.Map<String, String> codes = java.util.Map.of("angry", "ANG", "disgust", "DIS", "fear", "FEA",
        "happy", "HAP", "neutral", "NEU", "sad", "SAD");
    int n = 0;
    for (java.util.Map.Entry<String, String> e : codes.entrySet()) {
      try (java.util.stream.Stream<Path> wavs = Files.list(corpus.resolve("OAF_" + e.getKey()))) {
        for (Path wav : wavs.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
          Files.copy(wav, crema.resolve((1001 + n++) + "_DFA_" + e.getValue() + "_XX.wav"));
        }
      }
    }
    assertThat(n).isPositive();

    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", crema.toString(), "--corpus",
        "crema-d");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("label mapping (corpus -> model), scored over 6 shared labels:")
        .containsPattern("anger \\(angry\\) +-> angry")
        .containsPattern("\\(none\\) +<- pleasant_surprise \\(no counterpart in the corpus; never predicted\\)")
        .contains("on " + n + " files: accuracy").contains("over the 6 shared labels");
    CliRun json = CliRun.of("evaluate", "--model", model.toString(), "--data", crema.toString(), "--corpus",
        "crema-d", "--json");
    String last = json.outLines()[json.outLines().length - 1];
    assertThat(last).contains("\"labels\":[\"angry\",\"disgust\",\"fear\",\"happy\",\"neutral\",\"sad\"]")
        .doesNotContain("pleasant_surprise");
  }

  @Test
  void predictPrintsTheTopEmotionAndEveryProbability() throws IOException {
    Path file = corpus.resolve("OAF_sad").toFile().listFiles((d, n) -> n.endsWith(".wav"))[0].toPath();
    Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio, not at all, no".repeat(4));

    CliRun run = CliRun.of("predict", "--model", model.toString(), file.toString(), bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    String[] lines = run.outLines();
    assertThat(lines[0]).startsWith(file + ": ").contains("angry=").contains("sad=").contains("pleasant_surprise=");
    assertThat(lines[1]).startsWith(bad + ": FAILED: ");
    CliRun json = CliRun.of("predict", "--model", model.toString(), "--json", file.toString());
    assertThat(json.out()).startsWith("{\"file\": ").contains("\"probabilities\": {\"angry\": ");
  }

  @Test
  void predictGivesTheReasonAFileCannotBeRead() throws IOException {
    Path absent = dir.resolve("absent.wav");
    Path folder = Files.createDirectories(dir.resolve("a-folder.wav"));

    CliRun run = CliRun.of("predict", "--model", model.toString(), absent.toString(), folder.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).containsExactly(absent + ": FAILED: not found",
        folder + ": FAILED: is a directory, not an audio file");
  }

  @Test
  void predictRejectsNonFiniteAudioNamingTheFile() throws IOException {
    float[] nan = new float[8000];
    java.util.Arrays.fill(nan, Float.NaN);
    Path file = dir.resolve("nan.wav");
    org.ser4j.audio.WavWriter.write(org.ser4j.audio.AudioClip.ofMono(8000, nan), file,
        org.ser4j.audio.WavWriter.Encoding.FLOAT32);

    CliRun run = CliRun.of("predict", "--model", model.toString(), file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().strip()).startsWith(file + ": FAILED: ").contains("not finite");
  }

  @Test
  void evaluatingNothingIsAnErrorNotAZeroAccuracy() throws IOException {
    Path manifest = Files.writeString(dir.resolve("empty.csv"), "path,corpus,speaker,word,label,emotion,part,split\n");

    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--manifest", manifest.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).doesNotContain("accuracy");
    assertThat(run.err()).contains("error: no file could be scored");
  }

  @Test
  void bundleMetadataCountsTheUtterancesActuallyUsed() throws IOException {
    Path c = dir.resolve("tess-with-bad");
    SyntheticTess.write(c, 3, 5);
    Path broken = c.resolve("OAF_angry").toFile().listFiles((d, n) -> n.endsWith(".wav"))[0].toPath();
    Files.writeString(broken, "not audio, not at all".repeat(10));
    Path m = dir.resolve("counted.ser4j");

    CliRun run = CliRun.of("train", "--data", c.toString(), "--preset", "notebook", "--epochs", "1", "--no-cache",
        "--out", m.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1); // one file left out, and said so
    org.ser4j.runtime.Provenance p = EmotionRecognizer.load(m).bundle().provenance();
    assertThat(p.trainCount().getAsInt() + p.testCount().getAsInt()).isEqualTo(41);
    assertThat(Integer.parseInt(p.toMetadata().get("data.train.unusable"))
        + Integer.parseInt(p.toMetadata().get("data.test.unusable"))).isEqualTo(1);
  }

  @Test
  void corruptModelIsAClearErrorNotACrash() throws IOException {
    Path junk = Files.write(dir.resolve("junk.ser4j"), new byte[] {1, 2, 3, 4, 5});
    CliRun run = CliRun.of("predict", "--model", junk.toString(), model.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("junk.ser4j");
  }
}
