package org.ser4j.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.InputMode;
import org.ser4j.runtime.LayerSpec;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Normalization;
import org.ser4j.runtime.Provenance;

/**
 * Converts trained DL4J networks to ser-runtime {@link ModelBundle}s.
 *
 * <p>DL4J's LSTM ({@code LSTMParamInitializer}, {@code LSTMHelpers}) stores W [nIn, 4n], RW [n, 4n] and
 * b [1, 4n] with gate blocks in the order <b>[cell input (layer activation), forget, output, input gate]</b>
 * (DL4J calls the last the "input modulation gate"). The bundle uses i, f, g, o, so blocks are permuted
 * (bundle block i &lt;- DL4J 3, f &lt;- 1, g &lt;- 0, o &lt;- 2); the parity test checks this against
 * {@code MultiLayerNetwork.output}.
 */
public final class ModelBundles {
  /** DL4J/ND4J version the networks are built with (recorded as provenance). */
  public static final String DL4J_VERSION = "1.0.0-M2.1";
  /** Bundle gate block k comes from DL4J block DL4J_BLOCK[k]. */
  private static final int[] DL4J_BLOCK = {3, 1, 0, 2};

  private ModelBundles() {
  }

  /**
   * The bundle of a trained network: its weights, labels, normalisation, the feature recipe and the
   * provenance of {@code data} completed with what the training itself knows (model preset and configuration,
   * seed, epochs, training-time scores, versions, creation time). The one place bundle provenance is written.
   */
  static ModelBundle toBundle(TrainingResult r, FeatureSpec features, Provenance data) {
    ModelConfig c = r.config();
    Provenance.Builder p = (data == null ? Provenance.builder() : data.toBuilder())
        .recipe(features.name(), c.name(), c.toString())
        .seed(c.seed())
        .epochs(r.history().size(), r.history().bestEpoch());
    EpochStats best = r.history().best();
    p.metric("train.loss", best.trainLoss()).metric("train.accuracy", best.trainAccuracy());
    if (best.hasValidation()) {
      p.metric("validation.loss", best.validationLoss()).metric("validation.accuracy", best.validationAccuracy());
    }
    Provenance merged = p.runtimeVersions().version("dl4j", DL4J_VERSION)
        .created(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build();
    return toBundle(r.network(), c, r.labels(), r.normalization().orElse(null), features.name(), features.toMap(),
        merged.toMetadata());
  }

  /** Converts any network built by {@link Networks#build(ModelConfig)} (trained or not). */
  public static ModelBundle toBundle(MultiLayerNetwork net, ModelConfig c, List<String> labels,
      Normalization normalization, String featurePreset, Map<String, String> featureConfig,
      Map<String, String> metadata) {
    ModelBundle.Builder b = ModelBundle.builder()
        .layers(layers(net))
        .labels(labels)
        .normalization(normalization)
        .featurePreset(featurePreset == null ? "" : featurePreset)
        .featureConfig(featureConfig == null ? Map.of() : featureConfig)
        .metadata(metadata == null ? Map.of() : metadata);
    if (c.inputMode() == InputMode.VECTOR_AS_STEPS) {
      b.pooledInput(c.sequenceLength());
    } else {
      b.sequenceInput();
    }
    return b.build();
  }

  /** The network's LSTM and dense layers as plain layer specs (dropout layers have no inference effect). */
  public static List<LayerSpec> layers(MultiLayerNetwork net) {
    List<LayerSpec> out = new ArrayList<>();
    for (Layer layer : net.getLayers()) {
      Map<String, INDArray> p = layer.paramTable();
      if (p.isEmpty()) {
        continue; // dropout
      }
      org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
      if (conf instanceof org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep lts) {
        conf = lts.getUnderlying();
      }
      if (conf instanceof org.deeplearning4j.nn.conf.layers.LSTM lstm) {
        int nIn = (int) lstm.getNIn();
        int n = (int) lstm.getNOut();
        out.add(new LstmLayer(nIn, n, permute(flat(p.get("W")), nIn, n), permute(flat(p.get("RW")), n, n),
            permute(flat(p.get("b")), 1, n)));
      } else if (conf instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff) {
        out.add(new DenseLayer((int) ff.getNIn(), (int) ff.getNOut(), flat(p.get("W")), flat(p.get("b")),
            activation(ff.getActivationFn().toString())));
      } else {
        throw new IllegalArgumentException("cannot export layer " + conf.getClass().getSimpleName());
      }
    }
    return out;
  }

  /** Row-major float copy of a (c- or f-ordered) array. */
  private static float[] flat(INDArray a) {
    return org.nd4j.linalg.factory.Nd4j.toFlattened('c', a).toFloatVector();
  }

  /** Reorders the 4 gate column blocks of a row-major [rows, 4n] matrix from DL4J order to i, f, g, o. */
  private static float[] permute(float[] m, int rows, int n) {
    float[] out = new float[m.length];
    int g4 = 4 * n;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < 4; k++) {
        System.arraycopy(m, r * g4 + DL4J_BLOCK[k] * n, out, r * g4 + k * n, n);
      }
    }
    return out;
  }

  private static Activation activation(String dl4j) {
    String a = dl4j.toLowerCase(Locale.ROOT);
    if (a.contains("softmax")) {
      return Activation.SOFTMAX;
    } else if (a.contains("relu")) {
      return Activation.RELU;
    } else if (a.contains("tanh")) {
      return Activation.TANH;
    } else if (a.contains("sigmoid")) {
      return Activation.SIGMOID;
    } else if (a.contains("identity")) {
      return Activation.IDENTITY;
    }
    throw new IllegalArgumentException("activation " + dl4j + " has no ser-runtime equivalent");
  }

}
