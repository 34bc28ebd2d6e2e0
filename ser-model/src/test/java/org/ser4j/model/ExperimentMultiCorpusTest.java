package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.data.Augmentation;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.data.SyntheticTess;
import org.ser4j.data.Utterance;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Provenance;

/** An experiment on two corpora with augmentation: what is augmented, balanced and recorded. */
class ExperimentMultiCorpusTest {

  static final String[] EMOTIONS = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};

  @TempDir static Path dir;
  static Corpus both;
  static Split split;
  static Augmentation augmentation;
  static Experiment.Result result;

  @BeforeAll
  static void runOnce() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 2, 5);
    Path crema = Files.createDirectories(dir.resolve("crema-d"));
    for (int actor = 1001; actor <= 1004; actor++) {
      for (int e = 0; e < EMOTIONS.length; e++) {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (0.1 * Math.sin(2 * Math.PI * (150 + 40 * e + actor % 7) * i / 16000.0));
        }
        WavWriter.write(AudioClip.ofMono(16000, x), crema.resolve(actor + "_DFA_" + EMOTIONS[e] + "_XX.wav"),
            WavWriter.Encoding.PCM16);
      }
    }
    both = Corpus.combine(List.of(Corpus.scan(crema, CorpusFormat.CREMA_D, LabelSet.TESS),
        Corpus.scan(dir.resolve("tess"))));
    split = Splits.bySpeaker(both.utterances(), List.of("crema-d:1004", "tess:YAF"));
    augmentation = Augmentation.builder().speeds(0.9, 1.1).noiseSnrDb(20, 20).gainDb(-3, 3).seed(5).build();
    result = Experiment.builder(both, split).preset(Preset.STATS).epochs(1).seed(3).augmentation(augmentation)
        .build().run();
  }

  @Test
  void onlyTheExamplesTheNetworkIsFittedOnAreAugmented() {
    Set<Utterance> augmented = new HashSet<>(result.augmentedFeatures().utterances());
    Split inner = Splits.validation(new Split(result.trainFeatures().utterances(),
        result.testFeatures().utterances(), split.description()), 0.1, 3);
    assertThat(inner.test()).as("validation part").isNotEmpty();
    assertThat(augmented).as("augmented utterances").isEqualTo(new HashSet<>(inner.train()));
    assertThat(result.augmentedFeatures().size()).isEqualTo(inner.train().size());
    assertThat(augmented).doesNotContainAnyElementsOf(split.test()).doesNotContainAnyElementsOf(inner.test());
    assertThat(result.evaluation().total()).isEqualTo(split.test().size());
  }

  @Test
  void theBundleRecordsEachCorpusTheBalanceAndTheAugmentation() throws IOException {
    Path out = dir.resolve("both.ser4j");
    result.writeBundle(out, "crema-d + tess");
    Provenance p = EmotionRecognizer.load(out).bundle().provenance();

    assertThat(p.augmentation()).contains(augmentation.description());
    assertThat(p.augmentation().orElseThrow()).contains("speed 0.9|1.1", "20 dB SNR", "gain -3..3 dB", "seed 5");
    assertThat(p.balance()).contains("corpus-class");
    assertThat(result.balance()).isEqualTo(Balance.CORPUS_CLASS);
    assertThat(p.labelSpace()).contains("angry,disgust,fear,happy,neutral,sad");
    assertThat(p.corpusFormat()).contains("crema-d+tess");
    // CREMA-D: 4 actors x 6 emotions, 1004 held out; TESS: 2 speakers x 7 emotions x 2 words, ps left out, YAF held out
    assertThat(p.corpora()).containsOnlyKeys("crema-d", "tess");
    assertThat(p.corpora().get("crema-d")).containsAllEntriesOf(Map.of("format", "crema-d", "files", "24",
        "train.used", "18", "test.used", "6"));
    assertThat(p.corpora().get("tess")).containsAllEntriesOf(Map.of("format", "tess", "files", "28",
        "train.used", "12", "test.used", "12"));
    assertThat(p.corpora().get("tess").get("id")).startsWith("sha256:");
    assertThat(p.trainCount()).hasValue(30);
  }

  @Test
  void sameSeedSameAugmentedFeatures() {
    Experiment.Result again = Experiment.builder(both, split).preset(Preset.STATS).epochs(1).seed(3)
        .augmentation(augmentation).build().run();
    for (int i = 0; i < again.augmentedFeatures().size(); i++) {
      assertThat(again.augmentedFeatures().features().get(i)).isDeepEqualTo(result.augmentedFeatures().features().get(i));
    }
    assertThat(again.training().history().trainLoss()).isEqualTo(result.training().history().trainLoss());
  }
}
