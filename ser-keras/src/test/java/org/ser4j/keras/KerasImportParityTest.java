package org.ser4j.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.InputMode;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Prediction;
import org.ser4j.testing.SharedData;

/**
 * The seeded Keras 2.14 model of the notebook's network ({@code golden/keras_notebook_seeded.h5}) gives, on
 * the notebook features of five TESS files, the probabilities Keras gave ({@code
 * keras_notebook_seeded_expected.csv}) within 1e-5, imported in memory and through a bundle file.
 */
class KerasImportParityTest {
  static final String MODEL = "keras_notebook_seeded.h5";
  static final double TOLERANCE = 1e-5;

  /** Expected CSV: header "file,angry,...,sad", then one row per TESS file. */
  record Expected(String file, float[] features, double[] probabilities) {}

  static List<Expected> expected() throws IOException {
    List<String> lines = Files.readAllLines(SharedData.golden("keras_notebook_seeded_expected.csv"),
        StandardCharsets.US_ASCII);
    assertThat(lines.get(0)).isEqualTo("file,angry,disgust,fear,happy,neutral,ps,sad");
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
      String[] cells = l.split(",");
      double[] p = new double[cells.length - 1];
      for (int i = 1; i < cells.length; i++) {
        p[i - 1] = Double.parseDouble(cells[i]);
      }
      // "OAF_happy/OAF_home_happy.wav" -> tess_notebook_mean40_OAF_happy__OAF_home_happy.csv
      String name = "tess_notebook_mean40_" + cells[0].replace(".wav", "").replace("/", "__") + ".csv";
      double[] f = SharedData.goldenMatrix(name)[0];
      float[] ff = new float[f.length];
      for (int i = 0; i < f.length; i++) {
        ff[i] = (float) f[i];
      }
      return new Expected(cells[0], ff, p);
    }).toList();
  }

  @Test
  void seededNotebookModelGivesKerasProbabilitiesOnTessFeatures() throws IOException {
    KerasModel keras = KerasImport.read(SharedData.golden(MODEL));
    EmotionRecognizer r = keras.recognizer();
    List<Expected> rows = expected();
    assertThat(rows).hasSize(5);
    for (Expected e : rows) {
      assertThat(e.features()).hasSize(40);
      Prediction p = r.predictPooled(e.features());
      double[] got = p.probabilities().values().stream().mapToDouble(Double::doubleValue).toArray();
      for (int k = 0; k < 7; k++) {
        assertThat(got[k]).as("%s, class %d", e.file(), k).isCloseTo(e.probabilities()[k],
            org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void bundleFileRunsTheSameAndSaysWhereTheWeightsCameFrom(@TempDir Path dir) throws Exception {
    Path h5 = SharedData.golden(MODEL);
    Path out = dir.resolve("model.ser4j");
    KerasImport.read(h5).toBundle().write(out);
    EmotionRecognizer r = EmotionRecognizer.load(out);
    for (Expected e : expected()) {
      double[] got = r.predictPooled(e.features()).probabilities().values().stream()
          .mapToDouble(Double::doubleValue).toArray();
      for (int k = 0; k < 7; k++) {
        assertThat(got[k]).isCloseTo(e.probabilities()[k], org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
    ModelBundle b = r.bundle();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(h5)));
    assertThat(b.metadata())
        .containsEntry("source.file", MODEL)
        .containsEntry("source.sha256", sha)
        .containsEntry("keras.version", "2.14.0")
        .containsEntry("keras.backend", "tensorflow");
    assertThat(b.metadata().get("imported.by")).matches("ser4j ser-keras \\S+ \\(jhdf \\d+\\.\\d+\\.\\d+\\)");
    assertThat(b.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise",
        "sad");
    assertThat(b.featurePreset()).isEqualTo("notebook");
    assertThat(r.featureSpec()).isEqualTo(org.ser4j.features.FeatureSpec.notebook());
    assertThat(b.inputMode()).isEqualTo(InputMode.VECTOR_AS_STEPS);
    assertThat(b.inputLength()).isEqualTo(40);
  }

  @Test
  void notebookNetworkBecomesLstmThenThreeDenseLayersWithoutDropout() throws IOException {
    KerasModel keras = KerasImport.read(SharedData.golden(MODEL));
    assertThat(keras.inputShape()).containsExactly(40, 1);
    assertThat(keras.layers()).hasSize(4);
    assertThat(keras.layers().get(0)).isInstanceOf(LstmLayer.class);
    assertThat(keras.layers().get(0).nIn()).isEqualTo(1);
    assertThat(keras.layers().get(0).nOut()).isEqualTo(256);
    assertThat(keras.layers().subList(1, 4)).allMatch(l -> l instanceof DenseLayer);
    assertThat(keras.layers().subList(1, 4).stream().map(l -> ((DenseLayer) l).activation()))
        .containsExactly(Activation.RELU, Activation.RELU, Activation.SOFTMAX);
    assertThat(keras.layers().subList(1, 4).stream().map(l -> l.nOut())).containsExactly(128, 64, 7);
  }

  @Test
  void importingTwiceGivesTheSameBundleFileByteForByte(@TempDir Path dir) throws IOException {
    Path h5 = SharedData.golden(MODEL);
    Path a = dir.resolve("a.ser4j");
    Path b = dir.resolve("b.ser4j");
    KerasImport.read(h5).toBundle().write(a);
    KerasImport.read(h5).toBundle().write(b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }
}
