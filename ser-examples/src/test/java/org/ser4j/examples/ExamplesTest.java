package org.ser4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.SyntheticTess;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.Prediction;

/** Runs the example programs on a small synthetic corpus. */
class ExamplesTest {

  @TempDir static Path dir;
  static Path model;
  static List<Path> files;
  static Evaluation evaluation;

  @BeforeAll
  static void trainAndSave() throws IOException {
    files = SyntheticTess.write(dir.resolve("tess"), 3, 11);
    model = dir.resolve("model.ser4j");
    evaluation = TrainAndSave.run(dir.resolve("tess"), model, 2);
  }

  @Test
  void trainAndSaveWritesALoadableBundle() throws IOException {
    assertThat(evaluation.total()).isEqualTo(7);
    EmotionRecognizer r = EmotionRecognizer.load(model);
    assertThat(r.bundle().provenance().split()).isPresent();
  }

  @Test
  void embeddedRecognizerClassifiesAWavFile() throws IOException {
    Prediction p = EmbedRecognizer.classify(EmotionRecognizer.load(model), files.get(0));
    assertThat(p.labels()).hasSize(7);
    assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
        org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void thePretrainedModelClassifiesAWavFileIntoCremaDsSixEmotions() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ClassifyWithPretrained.run(List.of(files.get(0)), new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("model: trained on crema-d").contains("Open Database License");
    assertThat(out).containsPattern(java.util.regex.Pattern.quote(files.get(0).toString())
        + ": (angry|disgust|fear|happy|neutral|sad) \\(");
  }

  @Test
  void liveMicrophoneSaysSoAndExitsCleanlyWithoutADevice() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int windows = LiveMicrophone.run(EmotionRecognizer.load(model), 4, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    if (out.startsWith("No microphone") || out.startsWith("The microphone cannot be opened")) {
      assertThat(windows).isZero(); // CI and headless machines: no audio device
    } else {
      assertThat(windows).isEqualTo(2); // 4 s of audio: windows end at 3 s and 4 s
    }
  }

  @Test
  void liveMicrophoneClassifiesAPcmStreamInSlidingWindows() throws IOException {
    int rate = 22050;
    byte[] pcm = new byte[4 * rate * 2]; // 4 s of 16-bit noise
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < pcm.length / 2; i++) {
      short v = (short) (rnd.nextGaussian() * 3000);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int windows = LiveMicrophone.listen(new java.io.ByteArrayInputStream(pcm), rate, EmotionRecognizer.load(model),
        10, new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertThat(windows).isEqualTo(2); // windows end at 3 s and 4 s
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("  0.0-  3.0 s: ").contains("  1.0-  4.0 s: ");
  }
}
