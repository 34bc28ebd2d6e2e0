package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.data.SyntheticTess;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Provenance;

/** {@code ser train} and {@code ser cv} on two corpora with augmentation (one epoch: the plumbing, not accuracy). */
class MultiCorpusTrainingTest {

  static final String[] EMOTIONS = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};

  @TempDir static Path dir;
  static Path tess;
  static Path crema;

  @BeforeAll
  static void corpora() throws IOException {
    tess = dir.resolve("tess");
    SyntheticTess.write(tess, 2, 5);
    crema = Files.createDirectories(dir.resolve("crema"));
    for (int actor = 1001; actor <= 1004; actor++) {
      for (int e = 0; e < EMOTIONS.length; e++) {
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (0.1 * Math.sin(2 * Math.PI * (150 + 40 * e) * i / 16000.0));
        }
        WavWriter.write(AudioClip.ofMono(16000, x), crema.resolve(actor + "_DFA_" + EMOTIONS[e] + "_XX.wav"),
            WavWriter.Encoding.PCM16);
      }
    }
  }

  @Test
  void trainsOnTwoNamedCorporaWithAugmentationAndRecordsIt() throws IOException {
    Path model = dir.resolve("both.ser4j");
    CliRun run = CliRun.of("train", "--data", "crema-d=" + crema, "--data", "tess=" + tess, "--split", "speaker",
        "--augment", "speed=0.9,1.1", "--augment", "noise=15..25dB", "--augment", "gain=-6..6", "--epochs", "1",
        "--no-cache", "--out", model.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // 24 CREMA-D clips; TESS 2 x 7 x 2 = 28, of which the 4 pleasant-surprise clips are outside the six labels
    assertThat(run.out()).contains("crema-d: " + crema + ", 24 labelled clips, 24 in the label space [angry, disgust,"
        + " fear, happy, neutral, sad]").contains("tess: " + tess + ", 28 labelled clips, 24 in the label space")
        .contains(crema + " + " + tess + ": 48 utterances")
        .contains("augmentation: 1 copy per training clip: speed 0.9|1.1, gain -6..6 dB, white noise at 15..25 dB"
            + " SNR; seed 42; balance: corpus-class");
    EmotionRecognizer r = EmotionRecognizer.load(model);
    assertThat(r.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral", "sad");
    Provenance p = r.bundle().provenance();
    assertThat(p.corpus()).contains("crema-d corpus 'crema' + tess corpus 'tess'");
    assertThat(p.corpora()).containsOnlyKeys("crema-d", "tess");
    assertThat(p.corpora().get("tess")).containsEntry("files", "28");
    assertThat(p.balance()).contains("corpus-class");
    assertThat(p.augmentation().orElseThrow()).startsWith("1 copy per training clip: speed 0.9|1.1");
    assertThat(r.bundle().metadata().values()).noneMatch(v -> v.contains(dir.toString()));
  }

  @Test
  void keepsSurpriseOnlyWhenAskedAndBalancesAsAsked() throws IOException {
    Path model = dir.resolve("seven.ser4j");
    CliRun run = CliRun.of("train", "--data", "crema-d=" + crema, "--data", "tess=" + tess, "--labels",
        "angry,disgust,fear,happy,neutral,sad,surprise", "--balance", "class", "--epochs", "1", "--no-cache",
        "--out", model.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("28 in the label space").contains("augmentation: none; balance: class");
    assertThat(EmotionRecognizer.load(model).labels()).contains("pleasant_surprise").hasSize(7);
  }

  @Test
  void crossValidatesOverTheSpeakersOfBothCorpora() {
    CliRun run = CliRun.of("cv", "--data", "crema-d=" + crema, "--data", "tess=" + tess, "--folds", "2",
        "--epochs", "1", "--no-cache");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("48 utterances, 2 folds by speaker").containsPattern("test speakers .*crema-d:10")
        .contains("fold 2: accuracy");
  }

  @Test
  void badDataAndAugmentOptionsAreUsageErrors() {
    CliRun format = CliRun.of("train", "--data", "voxceleb=" + crema, "--out", dir.resolve("x.ser4j").toString());
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("unknown corpus format 'voxceleb'");
    CliRun aug = CliRun.of("train", "--data", tess.toString(), "--augment", "noise=loud", "--out",
        dir.resolve("x.ser4j").toString());
    assertThat(aug.exitCode()).isEqualTo(2);
    assertThat(aug.err()).contains("--augment noise=loud: 'loud' is not a number or LO..HI range");
    CliRun kind = CliRun.of("train", "--data", tess.toString(), "--augment", "reverb=0.3", "--out",
        dir.resolve("x.ser4j").toString());
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err()).contains("unknown kind 'reverb'");
    CliRun twice = CliRun.of("train", "--data", "tess=" + tess, "--data", "tess=" + tess, "--out",
        dir.resolve("x.ser4j").toString());
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("two corpora named 'tess'");
    CliRun balance = CliRun.of("train", "--data", tess.toString(), "--balance", "speaker", "--out",
        dir.resolve("x.ser4j").toString());
    assertThat(balance.exitCode()).isEqualTo(2);
    assertThat(balance.err()).contains("'speaker' is not none, class or corpus-class");
  }
}
