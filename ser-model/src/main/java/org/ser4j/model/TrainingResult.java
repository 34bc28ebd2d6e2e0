package org.ser4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ser4j.features.FeatureSpec;
import org.ser4j.model.Batches.Standardizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Normalization;
import org.ser4j.runtime.Provenance;

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
   * The bundle ser-runtime reads: the network as plain layers, normalisation, labels, the feature recipe it
   * was trained on, and {@link Provenance}: what {@code data} says of the training data (corpus, split,
   * counts used, augmentation; may be null) completed with the configuration, seed, epochs, training-time
   * scores, versions and creation time.
   */
  public ModelBundle toBundle(FeatureSpec features, Provenance data) {
    return ModelBundles.toBundle(this, features, data);
  }

  /**
   * {@link #toBundle} then {@link ModelBundle#write(Path)} (atomically).
   *
   * @throws IOException when {@code file} cannot be written
   */
  public ModelBundle writeBundle(Path file, FeatureSpec features, Provenance data) throws IOException {
    ModelBundle b = toBundle(features, data);
    b.write(file);
    return b;
  }
}
