package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Provenance;

/** {@code ser pretrain}: the retrain command of the shipped model, on tiny generated CREMA-D-named folders. */
class PretrainCommandTest {

  private static final String[] EMOTIONS = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};

  @TempDir Path dir;

  /** Seeded 1.5 s clips named as CREMA-D names them, each emotion with its own pitch and loudness. */
  private Path corpus(String name, int... actors) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (int actor : actors) {
      for (String sentence : new String[] {"DFA", "IEO"}) {
        for (int e = 0; e < EMOTIONS.length; e++) {
          Random r = new Random(actor * 100L + e * 10L + sentence.hashCode());
          float[] y = new float[24000];
          double f0 = 110 + 40 * e + 10 * r.nextDouble();
          for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((0.05 + 0.05 * e) * Math.sin(2 * Math.PI * f0 * i / 16000.0) + 0.01 * r.nextGaussian());
          }
          WavWriter.write(AudioClip.ofMono(16000, y), folder.resolve(actor + "_" + sentence + "_" + EMOTIONS[e]
              + "_XX.wav"), WavWriter.Encoding.PCM16);
        }
      }
    }
    return folder;
  }

  @Test
  void refusesTestSpeakersThatAreAlsoTrainedOn() throws IOException {
    Path train = corpus("train", 1001, 1002);
    Path test = corpus("test", 1002);
    CliRun run = CliRun.of("pretrain", "--data", train.toString(), "--test-data", test.toString(), "--out-dir",
        dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(SerCli.EXIT_USAGE);
    assertThat(run.err()).contains("1002").contains("never be trained on");
    assertThat(dir.resolve("out/pretrained.ser4j")).doesNotExist();
  }

  @Test
  void writesTheBundleWithTheCremaDNoticeAndTheFiguresItsTestAsserts() throws IOException {
    Path train = corpus("train", 1001, 1002, 1003, 1004, 1005);
    Path test = corpus("test", 1006);
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("pretrain", "--data", train.toString(), "--test-data", test.toString(), "--epochs", "2",
        "--no-cache", "--out-dir", out.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

    Provenance p = EmotionRecognizer.load(out.resolve("pretrained.ser4j")).bundle().provenance();
    assertThat(p.extra().get("licence")).contains("CREMA-D", "Open Database License", "Produced Work");
    assertThat(p.corpus()).hasValueSatisfying(c -> assertThat(c).contains("60 clips of 5 speakers"));
    assertThat(p.extra().get("test.data")).contains("12 clips of 1 speakers (1006)");
    assertThat(p.extra().get("validation")).contains("grouped by speaker");
    assertThat(p.extra().get("train.speakers")).isEqualTo("1001,1002,1003,1004,1005");

    Properties f = new Properties();
    try (InputStream in = Files.newInputStream(out.resolve("pretrained.properties"))) {
      f.load(in);
    }
    assertThat(f.getProperty("test.clips")).isEqualTo("12");
    double accuracy = Double.parseDouble(f.getProperty("test.accuracy"));
    double threshold = Double.parseDouble(f.getProperty("test.accuracy.threshold"));
    assertThat(threshold).isLessThanOrEqualTo(accuracy - 0.02 + 1e-9).isGreaterThan(accuracy - 0.021);
    assertThat(f.getProperty("licence")).isEqualTo(p.extra().get("licence"));
    assertThat(run.out()).contains("accuracy").contains(out.resolve("pretrained.ser4j").toString());
  }
}
