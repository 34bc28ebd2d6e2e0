package org.ser4j.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ser4j.features.FeatureSpec;

/**
 * A trained emotion classifier in one file: the network as a plain layer list, the feature configuration,
 * the label order, optional input normalisation, and provenance. Written by ser-model, read here without
 * any training library. Immutable.
 *
 * <h2>File format ({@value #FORMAT_NAME}, version {@value #FORMAT_VERSION})</h2>
 * A zip archive whose entries are, in this order:
 * <ol>
 *   <li>{@code manifest.properties} (first entry): {@code format=ser4j-model-bundle}, {@code version=1},
 *       entry sizes and the CRC-32 of the weights;</li>
 *   <li>{@code network.properties}: input mode and length, {@code layers=N}, and per layer
 *       {@code layer.K.type} ({@code lstm}|{@code dense}), {@code layer.K.nIn}, {@code layer.K.nOut},
 *       {@code layer.K.activation} (dense);</li>
 *   <li>{@code features.properties}: {@code preset} and the ordered feature configuration as
 *       {@code count}, {@code key.K}, {@code value.K};</li>
 *   <li>{@code labels.properties}: {@code count}, {@code label.K} in output order;</li>
 *   <li>{@code metadata.properties}: ordered provenance map ({@code count}, {@code key.K}, {@code value.K});</li>
 *   <li>{@code weights.bin}: little-endian float32, per layer in order: LSTM W[nIn][4n], RW[n][4n], b[4n]
 *       (gate order i, f, g, o, see {@link LstmLayer}); dense W[nIn][nOut], b[nOut]; then, if
 *       {@code normalization=true} in the network entry, mean[k] and std[k].</li>
 * </ol>
 * Properties text is ISO-8859-1 with Java escapes (any Unicode round-trips). Reading rejects foreign,
 * newer, corrupt, truncated or oversized files with a {@link ModelBundleException}.
 *
 * <h2>What reading checks</h2>
 * <ul>
 *   <li>the zip structure, strictly, and every entry's CRC-32 and sizes (text entries too);</li>
 *   <li>sizes before anything is allocated: text entries at most 1 MiB each, at most 16 entries, layers at
 *       most 16384 units wide, and at most {@link #maxParameters()} parameters in all (16 Mi floats, 64 MiB,
 *       by default; raise it with the system property {@value #MAX_PARAMETERS_PROPERTY}); a bundle read from a
 *       stream, bytes or a non-default file system is held in memory and may be at most 4 bytes per allowed
 *       parameter plus 5 MiB;</li>
 *   <li>weights finite and at most 1e6 in magnitude; normalisation statistics finite with std &gt; 0;</li>
 *   <li>labels distinct, non-empty and free of control characters;</li>
 *   <li>the feature recipe (when the configuration is a {@code FeatureSpec} recipe): every rule of
 *       {@code MfccConfig} and {@code LoadOptions}, plus sample rate in [1000, 384000] Hz, {@code n_fft} and
 *       {@code hop_length} at most 16384, {@code n_mels} at most 512, offset and duration at most an hour,
 *       and as many values per frame (or file) as the network takes.</li>
 * </ul>
 */
public final class ModelBundle {
  /** The {@code format} value of the manifest. */
  public static final String FORMAT_NAME = "ser4j-model-bundle";
  /** The format version this reader reads and writes. */
  public static final int FORMAT_VERSION = 1;
  /** System property overriding {@link #maxParameters()} (a positive count, at most 2^28). */
  public static final String MAX_PARAMETERS_PROPERTY = "ser4j.bundle.maxParameters";

  private final InputMode inputMode;
  private final int inputLength;
  private final List<LayerSpec> layers;
  private final String featurePreset;
  private final Map<String, String> featureConfig;
  private final List<String> labels;
  private final Normalization normalization;
  private final Map<String, String> metadata;

  private ModelBundle(Builder b) {
    this.inputMode = Objects.requireNonNull(b.inputMode, "inputMode");
    this.layers = List.copyOf(b.layers);
    this.featurePreset = Objects.requireNonNull(b.featurePreset, "featurePreset");
    this.featureConfig = Collections.unmodifiableMap(new LinkedHashMap<>(b.featureConfig));
    this.labels = List.copyOf(b.labels);
    this.normalization = b.normalization;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer");
    }
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      if (l instanceof LstmLayer && i != 0) {
        throw new IllegalArgumentException("layer " + i + ": an LSTM layer (last time step) must come first");
      }
      if (i > 0 && l.nIn() != layers.get(i - 1).nOut()) {
        throw new IllegalArgumentException("layer " + i + " (" + l + ") takes " + l.nIn()
            + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).nOut());
      }
    }
    LayerSpec last = layers.get(layers.size() - 1);
    if (!(last instanceof DenseLayer d) || d.activation() != Activation.SOFTMAX) {
      throw new IllegalArgumentException("the last layer must be a dense softmax layer, got " + last);
    }
    if (labels.size() != last.nOut()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + last.nOut() + " network outputs");
    }
    if (new HashSet<>(labels).size() != labels.size() || labels.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("labels must be distinct and non-empty: " + labels);
    }
    for (String label : labels) {
      if (label.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
          || Character.getType(c) == Character.FORMAT)) {
        throw new IllegalArgumentException("label " + quote(label) + " contains a control character");
      }
    }
    int nIn = layers.get(0).nIn();
    if (inputMode == InputMode.VECTOR_AS_STEPS) {
      if (!(layers.get(0) instanceof LstmLayer) || nIn != 1) {
        throw new IllegalArgumentException("pooled input needs a first LSTM layer with nIn=1, got " + layers.get(0));
      }
      if (b.inputLength <= 0) {
        throw new IllegalArgumentException("pooled input needs a positive input length, got " + b.inputLength);
      }
      this.inputLength = b.inputLength;
    } else {
      this.inputLength = nIn;
    }
    if (normalization != null && normalization.size() != inputLength) {
      throw new IllegalArgumentException("normalisation has " + normalization.size()
          + " statistics, input has " + inputLength + " values per "
          + (inputMode == InputMode.VECTOR_AS_STEPS ? "vector" : "time step"));
    }
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("'");
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.FORMAT) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
      } else {
        sb.appendCodePoint(c);
      }
    });
    return sb.append('\'').toString();
  }

  /**
   * A builder for a bundle.
   *
   * @return an empty builder (sequence input)
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads and validates a bundle file, on any file system (a path inside a jar or zip file system too).
   *
   * @param file the bundle
   * @return the bundle
   * @throws java.nio.file.NoSuchFileException if there is no file there
   * @throws ModelBundleException if it is not a usable bundle (see the class description)
   * @throws IOException if it cannot be read
   */
  public static ModelBundle read(Path file) throws IOException {
    return BundleIo.read(file);
  }

  /**
   * Reads and validates a bundle from a stream (read to its end, not closed).
   *
   * @param in the bundle's bytes
   * @param sourceName how to name the stream in messages, e.g. a resource name
   * @return the bundle
   * @throws ModelBundleException if it is not a usable bundle, or larger than a bundle may be
   * @throws IOException if the stream cannot be read
   */
  public static ModelBundle read(java.io.InputStream in, String sourceName) throws IOException {
    Objects.requireNonNull(in, "in");
    return BundleIo.read(in, Objects.requireNonNull(sourceName, "sourceName"));
  }

  /**
   * Reads and validates a bundle held in memory.
   *
   * @param data the bundle's bytes
   * @param sourceName how to name the data in messages
   * @return the bundle
   * @throws ModelBundleException if it is not a usable bundle
   */
  public static ModelBundle read(byte[] data, String sourceName) throws ModelBundleException {
    Objects.requireNonNull(data, "data");
    try {
      return BundleIo.read(data, Objects.requireNonNull(sourceName, "sourceName"));
    } catch (ModelBundleException e) {
      throw e;
    } catch (IOException e) {
      throw new ModelBundleException(sourceName, e.getMessage(), e);
    }
  }

  /**
   * The largest parameter count a bundle may declare when read: 16 Mi (64 MiB of weights) unless the system
   * property {@value #MAX_PARAMETERS_PROPERTY} says otherwise. The count is checked before any weight is
   * allocated or inflated.
   *
   * @return the limit in effect now
   * @throws IllegalArgumentException if the system property is set to something that is not a count
   */
  public static long maxParameters() {
    return BundleIo.maxParameters();
  }

  /**
   * Writes this bundle to {@code file} atomically (temporary file in the same directory, then move).
   *
   * @param file the bundle file to write (replaced if it exists)
   * @throws IOException if it cannot be written
   */
  public void write(Path file) throws IOException {
    BundleIo.write(this, file);
  }

  /**
   * How the network reads its input.
   *
   * @return the input mode
   */
  public InputMode inputMode() {
    return inputMode;
  }

  /**
   * Values per input: features per time step for {@link InputMode#SEQUENCE}, the vector length for
   * {@link InputMode#VECTOR_AS_STEPS}.
   *
   * @return the input width
   */
  public int inputLength() {
    return inputLength;
  }

  /**
   * The layers, input first.
   *
   * @return an unmodifiable list
   */
  public List<LayerSpec> layers() {
    return layers;
  }

  /**
   * The name of the feature recipe (e.g. {@code "notebook"}).
   *
   * @return the preset name
   */
  public String featurePreset() {
    return featurePreset;
  }

  /**
   * The feature settings the network was trained with, in insertion order: a {@code FeatureSpec} recipe (validated when read), or an opaque map of other settings.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> featureConfig() {
    return featureConfig;
  }

  /**
   * Output labels in network output order.
   *
   * @return an unmodifiable list
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * The input standardisation, if the network was trained with one.
   *
   * @return the statistics, or empty
   */
  public Optional<Normalization> normalization() {
    return Optional.ofNullable(normalization);
  }

  /**
   * Training metadata and provenance (corpus, split, seed, epochs, metrics, versions, creation time).
   *
   * @return an unmodifiable map in insertion order
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * {@link #metadata()} read as typed {@link Provenance}.
   *
   * @return the provenance
   */
  public Provenance provenance() {
    return Provenance.fromMetadata(metadata);
  }

  /**
   * Number of float parameters of all layers.
   *
   * @return the count
   */
  public long parameterCount() {
    return layers.stream().mapToLong(LayerSpec::parameterCount).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelBundle m && m.inputMode == inputMode && m.inputLength == inputLength
        && m.layers.equals(layers) && m.featurePreset.equals(featurePreset)
        && m.featureConfig.equals(featureConfig) && m.labels.equals(labels)
        && Objects.equals(m.normalization, normalization) && m.metadata.equals(metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputMode, inputLength, layers, featurePreset, labels);
  }

  @Override
  public String toString() {
    return "ModelBundle[" + inputMode.name().toLowerCase(java.util.Locale.ROOT) + " input " + inputLength
        + ", layers " + layers + ", labels " + labels + ", features '" + featurePreset + "'"
        + (normalization != null ? ", normalised" : "") + "]";
  }

  /** Builder; {@link #build()} validates shapes and labels. */
  public static final class Builder {
    private InputMode inputMode = InputMode.SEQUENCE;
    private int inputLength;
    private final List<LayerSpec> layers = new ArrayList<>();
    private String featurePreset = "";
    private final Map<String, String> featureConfig = new LinkedHashMap<>();
    private final List<String> labels = new ArrayList<>();
    private Normalization normalization;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Sequence input: time steps x the first layer's nIn features (the default).
     *
     * @return this builder
     */
    public Builder sequenceInput() {
      this.inputMode = InputMode.SEQUENCE;
      this.inputLength = 0;
      return this;
    }

    /**
     * Pooled input: a vector of {@code length} values read as {@code length} steps of one feature.
     *
     * @param length values in the vector
     * @return this builder
     */
    public Builder pooledInput(int length) {
      this.inputMode = InputMode.VECTOR_AS_STEPS;
      this.inputLength = length;
      return this;
    }

    /**
     * Appends a layer.
     *
     * @param layer the next layer
     * @return this builder
     */
    public Builder addLayer(LayerSpec layer) {
      layers.add(Objects.requireNonNull(layer, "layer"));
      return this;
    }

    /**
     * Replaces the layers.
     *
     * @param list the layers, input first
     * @return this builder
     */
    public Builder layers(List<? extends LayerSpec> list) {
      layers.clear();
      list.forEach(this::addLayer);
      return this;
    }

    /**
     * The feature recipe: its {@link FeatureSpec#name() name} and {@link FeatureSpec#toMap() settings}, the
     * one serialisation of a recipe in a bundle.
     *
     * @param spec the recipe
     * @return this builder
     */
    public Builder featureSpec(FeatureSpec spec) {
      return featurePreset(spec.name()).featureConfig(spec.toMap());
    }

    /**
     * The metadata: the provenance's entries ({@link Provenance#toMetadata()}), replacing any set before.
     *
     * @param provenance the provenance
     * @return this builder
     */
    public Builder provenance(Provenance provenance) {
      return metadata(provenance.toMetadata());
    }

    /**
     * Names the feature recipe.
     *
     * @param name e.g. {@code "notebook"}
     * @return this builder
     */
    public Builder featurePreset(String name) {
      this.featurePreset = Objects.requireNonNull(name, "featurePreset");
      return this;
    }

    /**
     * Replaces the feature settings (usually {@code FeatureSpec.toMap()}).
     *
     * @param config the settings, in order
     * @return this builder
     */
    public Builder featureConfig(Map<String, String> config) {
      featureConfig.clear();
      config.forEach(this::featureSetting);
      return this;
    }

    /**
     * Adds one feature setting.
     *
     * @param key the setting
     * @param value its value
     * @return this builder
     */
    public Builder featureSetting(String key, String value) {
      featureConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the output labels.
     *
     * @param labelOrder labels in network output order: distinct, non-empty, no control characters
     * @return this builder
     */
    public Builder labels(List<String> labelOrder) {
      labels.clear();
      labelOrder.forEach(l -> labels.add(Objects.requireNonNull(l, "label")));
      return this;
    }

    /**
     * Sets the input standardisation.
     *
     * @param stats the statistics, or {@code null} for none
     * @return this builder
     */
    public Builder normalization(Normalization stats) {
      this.normalization = stats;
      return this;
    }

    /**
     * Replaces the metadata.
     *
     * @param values provenance entries, in order
     * @return this builder
     */
    public Builder metadata(Map<String, String> values) {
      metadata.clear();
      values.forEach(this::metadata);
      return this;
    }

    /**
     * Adds one metadata entry.
     *
     * @param key the entry
     * @param value its value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the bundle
     * @throws IllegalArgumentException if the layers do not fit together, the last is not a dense softmax,
     *     or the labels do not fit the output (count, duplicates, empty, control characters)
     */
    public ModelBundle build() {
      return new ModelBundle(this);
    }
  }

  static Set<String> entryNames() {
    return Set.of(BundleIo.MANIFEST, BundleIo.NETWORK, BundleIo.FEATURES, BundleIo.LABELS, BundleIo.METADATA,
        BundleIo.WEIGHTS);
  }
}
