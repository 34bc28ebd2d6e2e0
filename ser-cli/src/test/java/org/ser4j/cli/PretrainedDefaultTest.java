package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;

/** {@code ser predict} and {@code ser evaluate} without {@code --model} run the pretrained model and say so. */
class PretrainedDefaultTest {

  @TempDir Path dir;

  /** A 2.5 s 16 kHz clip: a voiced-like tone with seeded noise, as CREMA-D's clips are. */
  private Path clip(String name, long seed) throws IOException {
    Random r = new Random(seed);
    float[] y = new float[40000];
    double f0 = 120 + 80 * r.nextDouble();
    for (int i = 0; i < y.length; i++) {
      double t = i / 16000.0;
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t * (1 + 0.1 * Math.sin(3 * t)))
          * Math.abs(Math.sin(Math.PI * t * 2)) + 0.02 * r.nextGaussian());
    }
    Path f = dir.resolve(name);
    WavWriter.write(AudioClip.ofMono(16000, y), f, WavWriter.Encoding.PCM16);
    return f;
  }

  @Test
  void predictWithoutModelUsesThePretrainedModelAndNamesIt() throws IOException {
    Path f = clip("a.wav", 1);
    CliRun run = CliRun.of("predict", f.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.outLines();
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("model: the pretrained model (org.ser4j:ser-pretrained").contains("crema-d");
    assertThat(lines[1]).startsWith(f + ": ").matches(".*: (angry|disgust|fear|happy|neutral|sad) \\(.*")
        .contains("angry=", "disgust=", "fear=", "happy=", "neutral=", "sad=");
  }

  @Test
  void predictJsonWithoutModelKeepsStdoutOneObjectPerFileAndNamesTheModelOnStderr() throws IOException {
    Path f = clip("a.wav", 2);
    CliRun run = CliRun.of("predict", "--json", f.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()).singleElement().satisfies(l -> assertThat(l).startsWith("{\"file\": "));
    assertThat(run.err()).contains("model: the pretrained model (org.ser4j:ser-pretrained");
  }

  @Test
  void evaluateWithoutModelScoresWithThePretrainedModel() throws IOException {
    String[] emotions = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};
    for (int i = 0; i < emotions.length; i++) {
      clip("1001_DFA_" + emotions[i] + "_XX.wav", 10 + i);
    }
    CliRun run = CliRun.of("evaluate", "--data", dir.toString(), "--corpus", "crema-d");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.outLines()[0]).startsWith("model: the pretrained model (org.ser4j:ser-pretrained");
    assertThat(run.out()).contains("the pretrained model on 6 files: accuracy");
  }
}
