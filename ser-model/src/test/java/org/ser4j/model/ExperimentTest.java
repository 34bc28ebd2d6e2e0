package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Corpus;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.SyntheticTess;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Provenance;

class ExperimentTest {

  @TempDir static Path dir;
  static Corpus corpus;
  static Split split;
  static Experiment.Result result;

  @BeforeAll
  static void runOnce() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 3, 5);
    corpus = Corpus.scan(dir.resolve("tess"));
    split = Splits.stratified(corpus.utterances(), 0.2, 42);
    result = Experiment.builder(corpus, split).preset(Preset.NOTEBOOK).epochs(2).seed(7).build().run();
  }

  @Test
  void trainsThePresetWithTheGivenSettingsAndScoresTheHeldOutPart() {
    assertThat(result.training().config().name()).isEqualTo("notebook");
    assertThat(result.training().config().epochs()).isEqualTo(2);
    assertThat(result.training().config().seed()).isEqualTo(7);
    assertThat(result.training().config().numClasses()).isEqualTo(corpus.labels().size());
    assertThat(result.training().history().size()).isEqualTo(2);
    assertThat(result.evaluation().total()).isEqualTo(split.test().size());
    assertThat(result.trainFeatures().size()).isEqualTo(split.train().size());
    assertThat(result.millis()).containsKeys("features", "training", "evaluation");
  }

  @Test
  void sameSeedSameModel() {
    Experiment.Result again = Experiment.builder(corpus, split).preset(Preset.NOTEBOOK).epochs(2).seed(7).build()
        .run();
    assertThat(again.training().history().trainLoss()).isEqualTo(result.training().history().trainLoss());
  }

  @Test
  void bundleCarriesProvenanceWithoutTheTrainingMachinesPaths() throws IOException {
    Path out = dir.resolve("model.ser4j");
    result.writeBundle(out, "synthetic TESS");
    ModelBundle bundle = EmotionRecognizer.load(out).bundle();
    Provenance p = bundle.provenance();
    assertThat(p.modelPreset()).contains("notebook");
    assertThat(p.featurePreset()).contains("notebook");
    assertThat(p.seed()).hasValue(7);
    assertThat(p.corpus()).contains("synthetic TESS");
    assertThat(p.corpusFormat()).contains("tess");
    assertThat(p.trainCount()).hasValue(split.train().size());
    assertThat(p.testCount()).hasValue(split.test().size());
    assertThat(p.augmentation()).contains("none");
    assertThat(p.epochsRun()).hasValue(2);
    assertThat(p.versions()).containsKeys("ser4j", "java", "dl4j", "os");
    assertThat(p.metrics()).containsKeys("test.accuracy", "test.macro_f1", "train.loss");
    assertThat(p.metrics().get("test.accuracy")).isCloseTo(result.evaluation().accuracy(), within(1e-6));
    assertThat(p.extra()).containsOnlyKeys("validation");
    assertThat(p.extra().get("validation")).startsWith("validation held out of the training part");
    assertThat(p.corpusId().orElseThrow()).startsWith("sha256:")
        .endsWith("(" + corpus.utterances().size() + " files)");
    String root = dir.toAbsolutePath().toString();
    assertThat(bundle.metadata().values()).noneMatch(v -> v.contains(root));
  }

  @Test
  void corpusIdentityDependsOnTheFilesNotOnWhereTheyAre() throws IOException {
    Path copy = dir.resolve("elsewhere").resolve("tess");
    SyntheticTess.write(copy, 3, 5);
    String here = Experiment.corpusIdentity(corpus);
    assertThat(Experiment.corpusIdentity(Corpus.scan(copy))).isEqualTo(here);
    Path fewer = dir.resolve("fewer");
    SyntheticTess.write(fewer, 2, 5);
    assertThat(Experiment.corpusIdentity(Corpus.scan(fewer))).isNotEqualTo(here);
  }

  @Test
  void countsInTheBundleAreTheUtterancesActuallyUsed() throws IOException {
    Path tess2 = dir.resolve("tess2");
    SyntheticTess.write(tess2, 3, 5);
    Corpus c2 = Corpus.scan(tess2);
    Split s2 = Splits.stratified(c2.utterances(), 0.2, 42);
    Files.write(s2.train().get(0).path(), new byte[] {1, 2, 3}); // undecodable
    Experiment.Result r = Experiment.builder(c2, s2).preset(Preset.NOTEBOOK).epochs(1).build().run();
    assertThat(r.trainFeatures().size()).isEqualTo(s2.train().size() - 1);
    assertThat(r.trainFeatures().problems()).hasSize(1);
    assertThat(r.provenance("x").trainCount()).hasValue(s2.train().size() - 1);
    assertThat(r.provenance("x").toMetadata()).containsEntry("data.train.unusable", "1");
  }

  @Test
  void aTrainingPartWithNothingUsableIsRefusedWithAReason() throws IOException {
    Path tess3 = dir.resolve("tess3");
    List<Path> files = SyntheticTess.write(tess3, 1, 5);
    Corpus c3 = Corpus.scan(tess3);
    Split s3 = Splits.stratified(c3.utterances(), 0.2, 42);
    for (var u : s3.train()) {
      Files.write(u.path(), new byte[0]);
    }
    assertThat(files).isNotEmpty();
    assertThatThrownBy(() -> Experiment.builder(c3, s3).preset(Preset.NOTEBOOK).epochs(1).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no usable utterance");
  }

  @Test
  void presetsAreFoundByTheirCommandLineNames() {
    assertThat(Preset.byId("Stats")).isEqualTo(Preset.STATS);
    assertThat(Preset.STATS.modelConfig(6).build()).isEqualTo(ModelConfig.stats(240).toBuilder().numClasses(6).build());
    assertThatThrownBy(() -> Preset.byId("lstm")).hasMessageContaining("known: notebook, framewise, stats");
  }

  @Test
  void trainingNeverSeesTheTestPartUnlessAskedTo() {
    // the same training part with two different test parts: honest validation trains the same model
    List<org.ser4j.data.Utterance> halfTest = split.test().subList(0, split.test().size() / 2);
    Split smaller = new Split(split.train(), halfTest, split.description());
    Experiment.Result other = Experiment.builder(corpus, smaller).preset(Preset.NOTEBOOK).epochs(2).seed(7).build()
        .run();
    assertThat(other.training().history().validationLoss()).isEqualTo(result.training().history().validationLoss());
    assertThat(other.training().history().trainLoss()).isEqualTo(result.training().history().trainLoss());
    assertThat(result.validation()).startsWith("validation held out of the training part");

    // the notebook's protocol validates on the test part, so its curves follow the test part
    Experiment.Result a = Experiment.builder(corpus, split).preset(Preset.NOTEBOOK).epochs(2).seed(7)
        .validation(Experiment.ValidationSource.TEST_PART).build().run();
    Experiment.Result b = Experiment.builder(corpus, smaller).preset(Preset.NOTEBOOK).epochs(2).seed(7)
        .validation(Experiment.ValidationSource.TEST_PART).build().run();
    assertThat(a.training().history().validationLoss()).isNotEqualTo(b.training().history().validationLoss());
  }
}
