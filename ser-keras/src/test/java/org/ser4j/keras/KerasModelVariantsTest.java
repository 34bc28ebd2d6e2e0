package org.ser4j.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;

/**
 * Models the recognizer cannot run are refused with a {@link KerasImportException} naming the layer; models
 * that differ from the notebook's only in ways that do not change the function (a separate softmax
 * Activation, a Flatten after the LSTM, a Reshape of a (40,) input) import and give Keras's probabilities.
 */
class KerasModelVariantsTest {
  @TempDir Path dir;
  private int n;

  private Path model(Consumer<KerasFiles.Model> edit) throws IOException {
    return KerasFiles.edited(dir.resolve("m" + (n++) + ".h5"), edit);
  }

  private void assertRejected(Consumer<KerasFiles.Model> edit, String layer, String messagePart) throws IOException {
    Path p = model(edit);
    assertThatThrownBy(() -> KerasImport.read(p))
        .isInstanceOf(KerasImportException.class)
        .hasMessageStartingWith(p.toString())
        .hasMessageContaining(messagePart)
        .satisfies(e -> assertThat(((KerasImportException) e).layer().orElse(null)).isEqualTo(layer));
  }

  private static void assertKerasProbabilities(Path p) throws IOException {
    EmotionRecognizer r = KerasImport.read(p).recognizer();
    for (KerasImportParityTest.Expected e : KerasImportParityTest.expected()) {
      double[] got = r.predictPooled(e.features()).probabilities().values().stream()
          .mapToDouble(Double::doubleValue).toArray();
      for (int k = 0; k < got.length; k++) {
        assertThat(got[k]).isCloseTo(e.probabilities()[k], within(KerasImportParityTest.TOLERANCE));
      }
    }
  }

  @Test
  void theTestWriterReproducesTheGoldenModel() throws IOException {
    assertKerasProbabilities(model(m -> { }));
  }

  @Test
  void gruIsRefusedNamingTheLayer() throws IOException {
    assertRejected(m -> m.layer("lstm").put("class_name", "GRU"), "lstm", "GRU");
  }

  @Test
  void hardSigmoidGatesOfOldKerasAreRefused() throws IOException {
    assertRejected(m -> m.layerConfig("lstm").put("recurrent_activation", "hard_sigmoid"), "lstm", "hard_sigmoid");
  }

  @Test
  void returnSequencesIsRefused() throws IOException {
    assertRejected(m -> m.layerConfig("lstm").put("return_sequences", true), "lstm", "return_sequences");
  }

  @Test
  void unsupportedDenseActivationIsRefused() throws IOException {
    assertRejected(m -> m.layerConfig("dense").put("activation", "elu"), "dense", "'elu'");
  }

  @Test
  void unknownLayerTypeIsRefused() throws IOException {
    assertRejected(m -> m.layer("dropout_1").put("class_name", "BatchNormalization"), "dropout_1",
        "BatchNormalization");
  }

  @Test
  void functionalModelIsRefused() throws IOException {
    assertRejected(m -> m.config.put("class_name", "Functional"), null, "Sequential");
  }

  @Test
  void weightShapeThatDisagreesWithTheConfigIsRefused() throws IOException {
    assertRejected(m -> m.layerConfig("dense_1").put("units", 65), "dense_1", "shape");
  }

  @Test
  void modelNotEndingInSoftmaxIsRefused() throws IOException {
    assertRejected(m -> m.layerConfig("dense_2").put("activation", "sigmoid"), "dense_2", "softmax");
  }

  @Test
  void missingWeightsAreRefused() throws IOException {
    assertRejected(m -> m.weights.get("dense").remove("dense/bias:0"), "dense", "weight");
  }

  @Test
  void nonFiniteWeightIsRefused() throws IOException {
    assertRejected(m -> ((float[]) m.weights.get("dense_1").get("dense_1/bias:0"))[3] = Float.NaN, "dense_1",
        "non-finite");
  }

  @Test
  void weightsOnlyFileIsRefusedWithAHint() throws IOException {
    assertRejected(m -> m.withConfig = false, null, "model.save");
  }

  @Test
  void keras1IsRefused() throws IOException {
    assertRejected(m -> m.kerasVersion = "1.2.2", null, "Keras 1.2.2");
  }

  @Test
  void separateSoftmaxActivationIsFoldedIntoTheDenseLayer() throws IOException {
    assertKerasProbabilities(model(m -> {
      m.layerConfig("dense_2").put("activation", "linear");
      ObjectNode act = KerasFiles.JSON.createObjectNode().put("class_name", "Activation");
      act.putObject("config").put("name", "activation").put("activation", "softmax");
      m.config.withArray("/config/layers").add(act);
    }));
  }

  @Test
  void flattenAfterTheLstmAndReshapeOfAVectorInputAreNoOps() throws IOException {
    assertKerasProbabilities(model(m -> {
      ArrayNode layers = m.config.withArray("/config/layers");
      ObjectNode input = (ObjectNode) layers.get(0).get("config");
      input.putArray("batch_input_shape").addNull().add(40);
      m.layerConfig("lstm").remove("batch_input_shape");
      ObjectNode reshape = KerasFiles.JSON.createObjectNode().put("class_name", "Reshape");
      reshape.putObject("config").put("name", "reshape").putArray("target_shape").add(40).add(1);
      layers.insert(1, reshape);
      ObjectNode flatten = KerasFiles.JSON.createObjectNode().put("class_name", "Flatten");
      flatten.putObject("config").put("name", "flatten");
      layers.insert(3, flatten);
    }));
  }

  /** Keras 3's legacy .h5: {@code batch_shape} instead of {@code batch_input_shape}, weight names without ":0". */
  @Test
  void keras3LegacyLayoutImports() throws IOException {
    assertKerasProbabilities(model(m -> {
      m.kerasVersion = "3.3.3";
      ObjectNode input = m.layerConfig("lstm_input");
      input.set("batch_shape", input.remove("batch_input_shape"));
      m.layerConfig("lstm").remove("batch_input_shape");
      for (var layer : m.weights.entrySet()) {
        Map<String, Object> renamed = new java.util.LinkedHashMap<>();
        layer.getValue().forEach((k, v) -> renamed.put(k.replace(":0", ""), v));
        layer.setValue(renamed);
      }
    }));
  }

  @Test
  void denseWithoutBiasImportsWithZeroBias() throws IOException {
    // the golden biases are seeded non-zero: drop dense's bias in both the config and the file, and the
    // import must equal the golden model with that bias set to zero
    Path noBias = model(m -> {
      m.layerConfig("dense").put("use_bias", false);
      m.weights.get("dense").remove("dense/bias:0");
    });
    Path zeroBias = model(m -> {
      float[] b = (float[]) m.weights.get("dense").get("dense/bias:0");
      java.util.Arrays.fill(b, 0f);
    });
    float[] x = KerasImportParityTest.expected().get(0).features();
    assertThat(KerasImport.read(noBias).recognizer().predictPooled(x).probabilities())
        .isEqualTo(KerasImport.read(zeroBias).recognizer().predictPooled(x).probabilities());
  }

  /** A dense-only network over the 40 pooled values, against a forward pass written out here in doubles. */
  @Test
  void denseOnlyModelReadsThePooledVector() throws IOException {
    java.util.Random rnd = new java.util.Random(3);
    float[][] k0 = randomMatrix(rnd, 40, 16, 0.003); // MFCC means reach -440: keep tanh off its rails
    float[] b0 = randomMatrix(rnd, 1, 16, 0.1)[0];
    float[][] k1 = randomMatrix(rnd, 16, 7, 1.0);
    float[] b1 = randomMatrix(rnd, 1, 7, 0.1)[0];
    Path p = model(m -> {
      ArrayNode layers = m.config.withArray("/config/layers");
      layers.removeAll();
      ObjectNode in = layers.addObject().put("class_name", "InputLayer");
      in.putObject("config").put("name", "input").putArray("batch_input_shape").addNull().add(40);
      ObjectNode d0 = layers.addObject().put("class_name", "Dense");
      d0.putObject("config").put("name", "d0").put("units", 16).put("activation", "tanh");
      ObjectNode d1 = layers.addObject().put("class_name", "Dense");
      d1.putObject("config").put("name", "d1").put("units", 7).put("activation", "softmax");
      m.weights.clear();
      m.weights.put("d0", new java.util.LinkedHashMap<>(Map.of("d0/kernel:0", k0)));
      m.weights.get("d0").put("d0/bias:0", b0);
      m.weights.put("d1", new java.util.LinkedHashMap<>(Map.of("d1/kernel:0", k1)));
      m.weights.get("d1").put("d1/bias:0", b1);
    });
    float[] x = KerasImportParityTest.expected().get(2).features();
    double[] h = new double[16];
    for (int j = 0; j < 16; j++) {
      double z = b0[j];
      for (int i = 0; i < 40; i++) {
        z += x[i] * (double) k0[i][j];
      }
      h[j] = Math.tanh(z);
    }
    double[] z = new double[7];
    double sum = 0;
    for (int j = 0; j < 7; j++) {
      z[j] = b1[j];
      for (int i = 0; i < 16; i++) {
        z[j] += h[i] * k1[i][j];
      }
    }
    double max = java.util.Arrays.stream(z).max().orElseThrow();
    for (int j = 0; j < 7; j++) {
      z[j] = Math.exp(z[j] - max);
      sum += z[j];
    }
    KerasModel k = KerasImport.read(p);
    assertThat(k.inputShape()).containsExactly(40);
    double[] got = k.recognizer().predictPooled(x).probabilities().values().stream()
        .mapToDouble(Double::doubleValue).toArray();
    for (int j = 0; j < 7; j++) {
      assertThat(got[j]).isCloseTo(z[j] / sum, within(1e-6));
    }
  }

  private static float[][] randomMatrix(java.util.Random rnd, int rows, int cols, double scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) (rnd.nextGaussian() * scale);
      }
    }
    return m;
  }

  @Test
  void labelsMustBeOnePerOutput() throws IOException {
    KerasModel k = KerasImport.read(model(m -> { }));
    assertThatThrownBy(() -> k.toBundle(List.of("a", "b"), FeatureSpec.notebook()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 outputs");
  }

  @Test
  void featuresMustFitTheInputShape() throws IOException {
    KerasModel k = KerasImport.read(model(m -> { }));
    assertThatThrownBy(() -> k.toBundle(KerasImport.NOTEBOOK_LABELS, FeatureSpec.stats()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(40, 1)");
    assertThatThrownBy(() -> k.toBundle(KerasImport.NOTEBOOK_LABELS, FeatureSpec.framewise()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(k.toBundle(List.of("a", "b", "c", "d", "e", "f", "g"), FeatureSpec.notebook()).labels())
        .containsExactly("a", "b", "c", "d", "e", "f", "g");
    assertThat(Map.copyOf(k.provenance())).containsKeys("source.sha256", "keras.layers");
  }
}
