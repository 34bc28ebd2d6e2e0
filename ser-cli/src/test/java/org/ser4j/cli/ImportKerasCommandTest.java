package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.testing.SharedData;

/** {@code ser import-keras} on the seeded Keras model of the notebook's network (ser-keras' golden file). */
class ImportKerasCommandTest {
  static final String MODEL = "keras_notebook_seeded.h5";

  @TempDir Path dir;

  @Test
  void importsTheNotebookModelIntoABundleWithItsProvenance() throws IOException {
    Path out = dir.resolve("model.ser4j");
    CliRun run = CliRun.of("import-keras", SharedData.golden(MODEL).toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Keras 2.14.0 (tensorflow)").contains("lstm: LSTM(256)")
        .contains("wrote " + out + ": 4 layers");
    EmotionRecognizer r = EmotionRecognizer.load(out);
    assertThat(r.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad");
    assertThat(r.featureSpec().name()).isEqualTo("notebook");
    assertThat(r.bundle().metadata()).containsEntry("source.file", MODEL).containsKey("source.sha256");
  }

  @Test
  void labelsOptionSetsTheOrderAndMustGiveOnePerOutput() throws IOException {
    Path out = dir.resolve("ps.ser4j");
    String h5 = SharedData.golden(MODEL).toString();
    assertThat(CliRun.of("import-keras", h5, "--out", out.toString(), "--labels",
        "angry,disgust,fear,happy,neutral,ps,sad").exitCode()).isZero();
    assertThat(EmotionRecognizer.load(out).labels()).contains("ps");

    Path six = dir.resolve("six.ser4j");
    CliRun bad = CliRun.of("import-keras", h5, "--out", six.toString(), "--labels", "a,b,c,d,e,f");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("7 outputs").contains("6 labels");
    assertThat(six).doesNotExist();
  }

  @Test
  void truncatedOrForeignFileIsReportedWithExitCode1() throws IOException {
    byte[] all = Files.readAllBytes(SharedData.golden(MODEL));
    Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(all, all.length / 2));
    Path out = dir.resolve("cut.ser4j");
    CliRun run = CliRun.of("import-keras", cut.toString(), "--out", out.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: " + cut + ": ").contains("truncated");
    assertThat(out).doesNotExist();

    Path text = Files.writeString(dir.resolve("notes.h5"), "not a model", StandardCharsets.UTF_8);
    assertThat(CliRun.of("import-keras", text.toString(), "--out", out.toString()).err()).contains("not an HDF5 file");
  }

  @Test
  void unknownFeaturePresetIsAUsageError() {
    CliRun run = CliRun.of("import-keras", "x.h5", "--out", dir.resolve("m.ser4j").toString(), "--features", "mel");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(CliRun.of("import-keras", "x.h5").exitCode()).isEqualTo(2);
  }

  /**
   * End to end on real recordings: the imported model, run by {@code ser predict} on the five TESS files
   * whose Keras probabilities are golden, picks the emotion Keras picked (features computed here by ser4j,
   * not librosa, so probabilities move a little; the golden top choices win by at least 0.23).
   */
  @Test
  void predictOnTessFilesPicksWhatKerasPicked() throws IOException {
    Path tess = SharedData.requireTessSample();
    Path out = dir.resolve("model.ser4j");
    assertThat(CliRun.of("import-keras", SharedData.golden(MODEL).toString(), "--out", out.toString()).exitCode())
        .isZero();
    List<String> golden = Files.readAllLines(SharedData.golden("keras_notebook_seeded_expected.csv"));
    String[] header = golden.get(0).split(",");
    for (String line : golden.subList(1, golden.size())) {
      String[] cells = line.split(",");
      int top = 1;
      for (int k = 2; k < cells.length; k++) {
        top = Double.parseDouble(cells[k]) > Double.parseDouble(cells[top]) ? k : top;
      }
      String kerasTop = header[top].equals("ps") ? "pleasant_surprise" : header[top];
      Path wav = tess.resolve(cells[0]);
      CliRun run = CliRun.of("predict", "--model", out.toString(), wav.toString());
      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).startsWith(wav + ": " + kerasTop + " (");
    }
  }
}
