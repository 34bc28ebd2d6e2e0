package org.ser4j.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.LayerSpec;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;

/**
 * A Keras model read by {@link KerasImport#read(Path)}: its layers as ser-runtime layer specs (weights
 * converted, dropout dropped), the input shape Keras declared, and where it came from. Immutable.
 *
 * <p>It becomes a model bundle once it is told which features it was trained on and what its outputs mean:
 * {@link #toBundle()} takes the seed notebook's recipe and label order, {@link #toBundle(List, FeatureSpec)}
 * any other.
 */
public final class KerasModel {
  private final List<LayerSpec> layers;
  private final int[] inputShape;
  private final Map<String, String> provenance;

  KerasModel(List<LayerSpec> layers, int[] inputShape, Map<String, String> provenance) {
    this.layers = List.copyOf(layers);
    this.inputShape = inputShape.clone();
    this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The network: an optional first LSTM (last time step), then dense layers ending in softmax. */
  public List<LayerSpec> layers() {
    return layers;
  }

  /**
   * The per-sample input shape the Keras model declared (batch dimension left out), e.g. {@code [40, 1]}
   * for the notebook's model; {@code -1} where Keras said {@code None}. A copy.
   */
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** Number of outputs (classes). */
  public int outputs() {
    return layers.get(layers.size() - 1).nOut();
  }

  /**
   * Where the weights came from: {@code source.file}, {@code source.sha256}, {@code source.bytes},
   * {@code keras.version}, {@code keras.backend}, {@code keras.model}, {@code keras.layers} (a summary),
   * {@code keras.training_config} (when short) and {@code imported.by}. Written into the bundle's metadata.
   */
  public Map<String, String> provenance() {
    return provenance;
  }

  /**
   * The bundle for a model trained in the seed notebook: its features ({@link FeatureSpec#notebook()}: 3 s
   * from 0.5 s at 22050 Hz, mean of 40 MFCCs, read as 40 steps of one value) and its label order
   * ({@link KerasImport#NOTEBOOK_LABELS}).
   *
   * @throws IllegalArgumentException if the network does not fit those (e.g. not 7 outputs)
   */
  public ModelBundle toBundle() {
    return toBundle(KerasImport.NOTEBOOK_LABELS, FeatureSpec.notebook());
  }

  /**
   * The bundle for a model trained on {@code features} with outputs in {@code labels} order.
   *
   * <p>An LSTM over one value per step reads a pooled feature vector (notebook, stats) as that many steps;
   * an LSTM over {@code d} values per step reads unpooled frames of {@code d} values (framewise); a model
   * starting with a Dense layer reads a pooled vector directly.
   *
   * @throws IllegalArgumentException if the labels are not one per output, or the features do not fit the
   *     network's input
   */
  public ModelBundle toBundle(List<String> labels, FeatureSpec features) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(features, "features");
    if (labels.size() != outputs()) {
      throw new IllegalArgumentException("the network has " + outputs() + " outputs but " + labels.size()
          + " labels were given " + labels + "; give one label per output, in the order of the training"
          + " labels' one-hot columns");
    }
    int dim = features.dimension();
    boolean pooled = features.pooling() != FeatureSpec.Summary.NONE;
    LayerSpec first = layers.get(0);
    ModelBundle.Builder b = ModelBundle.builder().layers(layers);
    String input = Importer.shapeString(inputShape);
    if (first instanceof LstmLayer lstm) {
      int steps = inputShape[0];
      if (pooled) {
        if (lstm.nIn() != 1 || steps > 0 && steps != dim) {
          throw new IllegalArgumentException("the network reads input of shape " + input + "; features '"
              + features.name() + "' give one vector of " + dim + " values, read as (" + dim + ", 1)");
        }
        b.pooledInput(dim);
      } else {
        if (lstm.nIn() != dim || steps > 0) {
          throw new IllegalArgumentException("the network reads input of shape " + input + "; features '"
              + features.name() + "' give any number of frames of " + dim + " values, (None, " + dim + ")");
        }
        b.sequenceInput();
      }
    } else {
      if (!pooled || first.nIn() != dim) {
        throw new IllegalArgumentException("the network reads a vector of " + first.nIn() + " values (input "
            + input + "); features '" + features.name() + "' give " + (pooled ? "a vector of " + dim
            : "frames of " + dim) + " values");
      }
      b.sequenceInput();
    }
    Map<String, String> meta = new LinkedHashMap<>(provenance);
    meta.put("features", features.name());
    meta.put("labels", String.join(",", labels));
    return b.featurePreset(features.name())
        .featureConfig(features.toMap())
        .labels(labels)
        .metadata(meta)
        .build();
  }

  /** Writes {@link #toBundle(List, FeatureSpec)} to {@code file} (atomically) and returns it. */
  public ModelBundle writeBundle(Path file, List<String> labels, FeatureSpec features) throws IOException {
    ModelBundle bundle = toBundle(labels, features);
    bundle.write(file);
    return bundle;
  }

  /** A recognizer running {@link #toBundle()} (the notebook's features and labels). */
  public EmotionRecognizer recognizer() {
    return EmotionRecognizer.of(toBundle());
  }

  @Override
  public String toString() {
    return "KerasModel[" + provenance.get("source.file") + ", input " + Arrays.toString(inputShape) + ", "
        + layers + "]";
  }
}
