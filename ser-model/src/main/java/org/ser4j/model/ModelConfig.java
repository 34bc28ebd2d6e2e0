package org.ser4j.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ser4j.runtime.InputMode;

/**
 * The network recipe and training settings. Immutable; validated by {@link Builder#build()}.
 *
 * <p>Architecture: one LSTM layer (tanh, sigmoid gates, last time step), optional dropout, dense ReLU layers
 * each followed by optional dropout, dense softmax output. <b>Dropout values are drop probabilities</b>, as
 * in Keras ({@code Dropout(0.2)} drops 20%); they are converted to DL4J's retain probability internally.
 */
public final class ModelConfig {
  /** Gradient-based optimiser. */
  public enum Optimizer { ADAM, NADAM, RMSPROP, SGD }

  private final String name;
  private final InputMode inputMode;
  private final int inputSize;
  private final int sequenceLength;
  private final int lstmUnits;
  private final List<Integer> denseUnits;
  private final double dropout;
  private final int numClasses;
  private final Optimizer optimizer;
  private final double learningRate;
  private final double l2;
  private final int batchSize;
  private final int epochs;
  private final long seed;
  private final int earlyStoppingPatience;
  private final boolean standardize;

  private ModelConfig(Builder b) {
    this.name = b.name;
    this.inputMode = b.inputMode;
    this.inputSize = b.inputSize;
    this.sequenceLength = b.sequenceLength;
    this.lstmUnits = b.lstmUnits;
    this.denseUnits = List.copyOf(b.denseUnits);
    this.dropout = b.dropout;
    this.numClasses = b.numClasses;
    this.optimizer = b.optimizer;
    this.learningRate = b.learningRate;
    this.l2 = b.l2;
    this.batchSize = b.batchSize;
    this.epochs = b.epochs;
    this.seed = b.seed;
    this.earlyStoppingPatience = b.earlyStoppingPatience;
    this.standardize = b.standardize;
  }

  /**
   * The notebook's Keras model: a 40-value mean MFCC read as 40 time steps of one feature;
   * LSTM(256) - Dropout(0.2) - Dense(128, relu) - Dropout(0.2) - Dense(64, relu) - Dropout(0.2) -
   * Dense(7, softmax); Adam 1e-3, categorical cross-entropy, batch 64, 50 epochs; no standardisation.
   */
  public static ModelConfig notebook() {
    return notebookBuilder().build();
  }

  /** {@link #notebook()} as a builder, to change a few settings. */
  public static Builder notebookBuilder() {
    return new Builder().name("notebook").pooledInput(40).lstmUnits(256).denseUnits(128, 64).dropout(0.2)
        .numClasses(7).optimizer(Optimizer.ADAM).learningRate(1e-3).batchSize(64).epochs(50).seed(42)
        .standardize(false);
  }

  /**
   * LSTM over variable-length MFCC frames ({@code nFeatures} per frame, e.g. 40, or 120 with deltas), with
   * masking, per-feature standardisation fitted on the training part: LSTM(128) - Dropout(0.3) -
   * Dense(64, relu) - Dropout(0.3) - Dense(7, softmax); Adam 1e-3 with L2 1e-5, batch 32, 40 epochs, early
   * stopping after 8 epochs without validation-loss improvement (best epoch restored).
   */
  public static ModelConfig framewise(int nFeatures) {
    return framewiseBuilder(nFeatures).build();
  }

  /** {@link #framewise(int)} as a builder. */
  public static Builder framewiseBuilder(int nFeatures) {
    return new Builder().name("framewise").sequenceInput(nFeatures).lstmUnits(128).denseUnits(64).dropout(0.3)
        .numClasses(7).optimizer(Optimizer.ADAM).learningRate(1e-3).l2(1e-5).batchSize(32).epochs(40)
        .seed(42).earlyStoppingPatience(8).standardize(true);
  }

  /**
   * The default model of {@code ser train} (chosen on evidence, see README): utterance statistics (mean and
   * standard deviation of 40 MFCCs, their deltas and delta-deltas: {@code nFeatures} = 240 with
   * {@code FeatureSpec.stats()}), standardised, read as a one-step sequence by the {@link #framewise(int)}
   * network: LSTM(128) - Dropout(0.3) - Dense(64, relu) - Dropout(0.3) - Dense(softmax), Adam 1e-3, L2 1e-5,
   * batch 32, at most 40 epochs with early stopping after 8.
   */
  public static ModelConfig stats(int nFeatures) {
    return statsBuilder(nFeatures).build();
  }

  /** {@link #stats(int)} as a builder. */
  public static Builder statsBuilder(int nFeatures) {
    return framewiseBuilder(nFeatures).name("stats");
  }

  /** An empty builder; {@link #notebookBuilder()} or {@link #statsBuilder(int)} are better starting points. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder().name(name).lstmUnits(lstmUnits).denseUnits(denseUnits).dropout(dropout)
        .numClasses(numClasses).optimizer(optimizer).learningRate(learningRate).l2(l2).batchSize(batchSize)
        .epochs(epochs).seed(seed).earlyStoppingPatience(earlyStoppingPatience).standardize(standardize);
    return inputMode == InputMode.VECTOR_AS_STEPS ? b.pooledInput(sequenceLength) : b.sequenceInput(inputSize);
  }

  /** The preset or user-given name, written into bundles. */
  public String name() {
    return name;
  }

  /** How the network reads its input: a pooled vector as one-feature steps, or a sequence of frames. */
  public InputMode inputMode() {
    return inputMode;
  }

  /** Features per time step (1 for pooled input). */
  public int inputSize() {
    return inputSize;
  }

  /** Length of the pooled vector (= time steps) for pooled input; 0 (variable) for sequence input. */
  public int sequenceLength() {
    return sequenceLength;
  }

  /** Units of the LSTM layer. */
  public int lstmUnits() {
    return lstmUnits;
  }

  /** Units of each hidden dense (ReLU) layer, in order; the softmax output layer is not listed. */
  public List<Integer> denseUnits() {
    return denseUnits;
  }

  /** Drop probability after the LSTM and after each hidden dense layer (Keras semantics). */
  public double dropout() {
    return dropout;
  }

  /** Size of the softmax output: the number of labels. */
  public int numClasses() {
    return numClasses;
  }

  /** The gradient-based optimiser. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The optimiser's learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** L2 weight decay on every layer's weights; 0 for none. */
  public double l2() {
    return l2;
  }

  /** Examples per minibatch. */
  public int batchSize() {
    return batchSize;
  }

  /** Maximum number of passes over the training data. */
  public int epochs() {
    return epochs;
  }

  /** Seed of weight initialisation, dropout masks and shuffling: same seed and data, same model. */
  public long seed() {
    return seed;
  }

  /** Epochs without validation-loss improvement before stopping; 0 disables early stopping. */
  public int earlyStoppingPatience() {
    return earlyStoppingPatience;
  }

  /** Whether inputs are standardised with statistics fitted on the training data. */
  public boolean standardize() {
    return standardize;
  }

  /** Equal when every field is equal (doubles compared exactly, as {@link Double#compare} does). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof ModelConfig c && name.equals(c.name) && inputMode == c.inputMode
        && inputSize == c.inputSize && sequenceLength == c.sequenceLength && lstmUnits == c.lstmUnits
        && denseUnits.equals(c.denseUnits) && Double.compare(dropout, c.dropout) == 0
        && numClasses == c.numClasses && optimizer == c.optimizer
        && Double.compare(learningRate, c.learningRate) == 0 && Double.compare(l2, c.l2) == 0
        && batchSize == c.batchSize && epochs == c.epochs && seed == c.seed
        && earlyStoppingPatience == c.earlyStoppingPatience && standardize == c.standardize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, inputMode, inputSize, sequenceLength, lstmUnits, denseUnits, dropout, numClasses,
        optimizer, learningRate, l2, batchSize, epochs, seed, earlyStoppingPatience, standardize);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "ModelConfig[%s: %s input %d x %d, LSTM(%d), dense %s, dropout %.3f, %d classes, %s lr %g, l2 %g, "
            + "batch %d, %d epochs, seed %d, patience %d, standardize %s]",
        name, inputMode.name().toLowerCase(Locale.ROOT), sequenceLength, inputSize, lstmUnits, denseUnits,
        dropout, numClasses, optimizer, learningRate, l2, batchSize, epochs, seed, earlyStoppingPatience,
        standardize);
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private String name = "custom";
    private InputMode inputMode = InputMode.SEQUENCE;
    private int inputSize = 40;
    private int sequenceLength;
    private int lstmUnits = 128;
    private List<Integer> denseUnits = List.of(64);
    private double dropout = 0.2;
    private int numClasses = 7;
    private Optimizer optimizer = Optimizer.ADAM;
    private double learningRate = 1e-3;
    private double l2;
    private int batchSize = 64;
    private int epochs = 50;
    private long seed = 42;
    private int earlyStoppingPatience;
    private boolean standardize;

    private Builder() {
    }

    /** The name written into bundles and reports (a preset's id by default). */
    public Builder name(String v) {
      this.name = Objects.requireNonNull(v, "name");
      return this;
    }

    /** Pooled input: a vector of {@code length} values read as {@code length} time steps of 1 feature. */
    public Builder pooledInput(int length) {
      this.inputMode = InputMode.VECTOR_AS_STEPS;
      this.inputSize = 1;
      this.sequenceLength = length;
      return this;
    }

    /** Variable-length sequences of {@code nFeatures} per time step (masked). */
    public Builder sequenceInput(int nFeatures) {
      this.inputMode = InputMode.SEQUENCE;
      this.inputSize = nFeatures;
      this.sequenceLength = 0;
      return this;
    }

    /** Units of the LSTM layer (at least 1). */
    public Builder lstmUnits(int v) {
      this.lstmUnits = v;
      return this;
    }

    /** Units of each hidden ReLU layer, in order; none for a network with no hidden dense layer. */
    public Builder denseUnits(int... units) {
      this.denseUnits = java.util.Arrays.stream(units).boxed().toList();
      return this;
    }

    /** As {@link #denseUnits(int...)}. */
    public Builder denseUnits(List<Integer> units) {
      this.denseUnits = List.copyOf(units);
      return this;
    }

    /** Drop probability (Keras semantics: 0.2 drops 20% of activations); 0 disables dropout. */
    public Builder dropout(double v) {
      this.dropout = v;
      return this;
    }

    /** Number of labels (at least 2). */
    public Builder numClasses(int v) {
      this.numClasses = v;
      return this;
    }

    /** The gradient-based optimiser. */
    public Builder optimizer(Optimizer v) {
      this.optimizer = Objects.requireNonNull(v, "optimizer");
      return this;
    }

    /** The optimiser's learning rate (positive). */
    public Builder learningRate(double v) {
      this.learningRate = v;
      return this;
    }

    /** L2 weight decay (0 for none). */
    public Builder l2(double v) {
      this.l2 = v;
      return this;
    }

    /** Examples per minibatch (at least 1). */
    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    /** Maximum passes over the training data (at least 1). */
    public Builder epochs(int v) {
      this.epochs = v;
      return this;
    }

    /** Seed of initialisation, dropout and shuffling. */
    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    /** Epochs without validation-loss improvement before stopping; 0 disables early stopping. */
    public Builder earlyStoppingPatience(int v) {
      this.earlyStoppingPatience = v;
      return this;
    }

    /** Whether inputs are standardised with statistics fitted on the training data. */
    public Builder standardize(boolean v) {
      this.standardize = v;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public ModelConfig build() {
      require(inputSize > 0, "input size must be positive, got " + inputSize);
      require(inputMode != InputMode.VECTOR_AS_STEPS || sequenceLength > 0, "pooled length must be positive, got " + sequenceLength);
      require(lstmUnits > 0, "LSTM units must be positive, got " + lstmUnits);
      for (int u : denseUnits) {
        require(u > 0, "dense units must be positive, got " + denseUnits);
      }
      require(dropout >= 0 && dropout < 1, "dropout is a drop probability in [0, 1), got " + dropout);
      require(numClasses >= 2, "at least 2 classes needed, got " + numClasses);
      require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be positive, got " + learningRate);
      require(l2 >= 0 && Double.isFinite(l2), "l2 must be >= 0, got " + l2);
      require(batchSize > 0, "batch size must be positive, got " + batchSize);
      require(epochs > 0, "epochs must be positive, got " + epochs);
      require(earlyStoppingPatience >= 0, "patience must be >= 0, got " + earlyStoppingPatience);
      return new ModelConfig(this);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
