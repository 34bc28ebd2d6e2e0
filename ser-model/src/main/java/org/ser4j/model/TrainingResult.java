package org.ser4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ser4j.model.Batches.Standardizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Normalization;

/** A trained network with its {@link History}, labels and input normalisation. */
public final class TrainingResult {
  private final ModelConfig config;
  private final MultiLayerNetwork network;
  private final History history;
  private final List<String> labels;
  private final Normalization normalization;

  TrainingResult(ModelConfig config, MultiLayerNetwork network, History history, List<String> labels,
      Normalization normalization) {
    this.config = config;
    this.network = network;
    this.history = history;
    this.labels = List.copyOf(labels);
    this.normalization = normalization;
  }

  /** The configuration the network was trained with. */
  public ModelConfig config() {
    return config;
  }

  /** The DL4J network (holding the best epoch's weights when early stopping restored them). */
  public MultiLayerNetwork network() {
    return network;
  }

  /** Loss and accuracy of every epoch trained. */
  public History history() {
    return history;
  }

  /** The labels, in the order of the network's outputs. */
  public List<String> labels() {
    return labels;
  }

  /** Statistics fitted on the training data ({@link ModelConfig#standardize()}), applied before the network. */
  public Optional<Normalization> normalization() {
    return Optional.ofNullable(normalization);
  }

  /** Scores the network on {@code data} (normalised like the training data). */
  public Evaluation evaluate(FeatureDataset data) {
    Trainer.Scores s = Trainer.scores(network, data, Standardizer.of(normalization, config.inputMode()),
        config.numClasses());
    return Evaluation.of(labels, data.labels(), s.predicted());
  }

  /** Class probabilities per example, computed by DL4J (rows in dataset order, columns in label order). */
  public float[][] predictProbabilities(FeatureDataset data) {
    return Trainer.scores(network, data, Standardizer.of(normalization, config.inputMode()),
        config.numClasses()).probabilities();
  }

  /**
   * The bundle ser-runtime reads: network converted to plain layers, normalisation, labels, the given
   * feature settings, and provenance (config, epochs, final metrics, library versions, creation time) plus
   * {@code metadata} (e.g. corpus, split; these win on key clashes).
   */
  public ModelBundle toBundle(String featurePreset, Map<String, String> featureConfig, Map<String, String> metadata) {
    return ModelBundles.toBundle(this, featurePreset, featureConfig, metadata);
  }

  /** {@link #toBundle} then {@link ModelBundle#write(Path)}. */
  public ModelBundle writeBundle(Path file, String featurePreset, Map<String, String> featureConfig,
      Map<String, String> metadata) throws IOException {
    ModelBundle b = toBundle(featurePreset, featureConfig, metadata);
    b.write(file);
    return b;
  }
}
