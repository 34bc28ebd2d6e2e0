package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Corpus;
import org.ser4j.data.Emotion;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.SyntheticTess;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Normalization;

class SpeakerNormalizationTest {

  @TempDir Path dir;

  private static FeatureSet set(String[] speakers, float[][] vectors) {
    List<Utterance> u = new ArrayList<>();
    List<float[][]> f = new ArrayList<>();
    for (int i = 0; i < speakers.length; i++) {
      u.add(Utterance.of(Path.of("c" + i + ".wav"), "toy", speakers[i], "w" + i, Emotion.ANGRY));
      f.add(new float[][] {vectors[i]});
    }
    return new FeatureSet(FeatureSpec.notebook(), u, f, List.of());
  }

  @Test
  void eachSpeakerIsStandardisedWithItsOwnStatisticsAndALoneClipWithTheGlobalOnes() {
    // A: 1, 3 (mean 2, std 1); B: 10, 20 (mean 15, std 5); C: one clip, 6
    FeatureSet s = set(new String[] {"A", "A", "B", "B", "C"},
        new float[][] {{1}, {3}, {10}, {20}, {6}});
    Normalization g = SpeakerNormalizer.global(s);
    // global: mean 40 / 5 = 8, variance (49 + 25 + 4 + 144 + 4) / 5 = 45.2
    assertThat(g.mean()[0]).isCloseTo(8f, within(1e-5f));
    assertThat(g.std()[0]).isCloseTo((float) Math.sqrt(45.2), within(1e-5f));
    FeatureSet z = SpeakerNormalizer.bySpeaker(s, g);
    assertThat(z.features().get(0)[0][0]).isCloseTo(-1f, within(1e-6f));
    assertThat(z.features().get(1)[0][0]).isCloseTo(1f, within(1e-6f));
    assertThat(z.features().get(2)[0][0]).isCloseTo(-1f, within(1e-6f));
    assertThat(z.features().get(3)[0][0]).isCloseTo(1f, within(1e-6f));
    assertThat(z.features().get(4)[0][0]).isCloseTo((float) (-2 / Math.sqrt(45.2)), within(1e-6f));
    assertThat(z.utterances()).isEqualTo(s.utterances());
    // without profiles every clip uses the global statistics
    assertThat(SpeakerNormalizer.globally(s, g).features().get(2)[0][0])
        .isCloseTo((float) (2 / Math.sqrt(45.2)), within(1e-6f));
  }

  @Test
  void aSpeakerNormalisedExperimentRecordsItAndStoresTheGlobalStatisticsForTheFallback() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 3, 5);
    Corpus corpus = Corpus.scan(dir.resolve("tess"));
    Split split = Splits.stratified(corpus.utterances(), 0.3, 42);
    Experiment.Result r = Experiment.builder(corpus, split).preset(Preset.NOTEBOOK).epochs(1).seed(7)
        .normalize(Experiment.NormalizeBy.SPEAKER).build().run();
    assertThat(r.normalizeBy()).isEqualTo(Experiment.NormalizeBy.SPEAKER);
    assertThat(r.training().config().standardize()).isFalse();
    Normalization g = SpeakerNormalizer.global(r.trainFeatures());
    assertThat(r.training().normalization()).contains(g);
    assertThat(r.evaluationWithoutProfile().total()).isEqualTo(r.evaluation().total());
    Path out = dir.resolve("spk.ser4j");
    r.writeBundle(out, "synthetic");
    ModelBundle b = ModelBundle.read(out);
    assertThat(b.provenance().normalization()).contains("speaker");
    assertThat(b.provenance().metrics()).containsKey("test.accuracy.no_profile");
    assertThat(b.normalization()).contains(g);
    assertThat(EmotionRecognizer.of(b).speakerNormalized()).isTrue();

    Experiment.Result global = Experiment.builder(corpus, split).preset(Preset.NOTEBOOK).epochs(1).seed(7).build()
        .run();
    assertThat(global.evaluationWithoutProfile()).isSameAs(global.evaluation());
    assertThat(global.provenance("x").normalization()).contains("global");
  }

  @Test
  void frameSequencesCannotBeSpeakerNormalised() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 2, 5);
    Corpus corpus = Corpus.scan(dir.resolve("tess"));
    Split split = Splits.stratified(corpus.utterances(), 0.3, 42);
    assertThatThrownBy(() -> Experiment.builder(corpus, split).preset(Preset.FRAMEWISE).epochs(1)
        .normalize(Experiment.NormalizeBy.SPEAKER).build().run())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooled features");
  }
}
