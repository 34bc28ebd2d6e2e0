package org.ser4j.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a model came from, as a bundle records it: the data it was trained on (corpus, its path-free
 * identity, split, counts actually used), the recipe (feature and model presets, network configuration,
 * seed, epochs, augmentation), the scores measured at training time and the versions of everything involved
 * (ser4j, the training engine, Java, OS). Every figure a bundle reports can be traced from here.
 *
 * <p>It is the one definition of the bundle's provenance keys: {@link #toMetadata()} writes them and
 * {@link #fromMetadata(Map)} reads them; keys it does not define (an importer's own, say) are kept as
 * {@link #extra()} entries. A bundle's {@link ModelBundle#provenance()} returns it.
 */
public final class Provenance {
  /** Keys of the bundle's metadata that this class defines, in the order they are written. */
  static final String CORPUS = "data.corpus";
  static final String CORPUS_FORMAT = "data.corpus.format";
  static final String CORPUS_ID = "data.corpus.id";
  static final String SPLIT = "data.split";
  static final String TRAIN_COUNT = "data.train.used";
  static final String TEST_COUNT = "data.test.used";
  static final String TRAIN_UNUSABLE = "data.train.unusable";
  static final String TEST_UNUSABLE = "data.test.unusable";
  static final String FEATURE_PRESET = "recipe.features";
  static final String MODEL_PRESET = "recipe.preset";
  static final String MODEL_CONFIG = "recipe.model";
  static final String SEED = "recipe.seed";
  static final String AUGMENTATION = "recipe.augmentation";
  static final String NORMALIZATION = "recipe.normalization";
  static final String EPOCHS_RUN = "training.epochs.run";
  static final String EPOCHS_BEST = "training.epochs.best";
  static final String METRIC_PREFIX = "metrics.";
  static final String VERSION_PREFIX = "versions.";
  static final String CREATED = "created";
  static final String CORPORA_PREFIX = "data.corpora.";
  static final String BALANCE = "recipe.balance";
  static final String LABELS = "data.labels";

  private final Map<String, String> values;
  private final Map<String, String> extra;

  private Provenance(Map<String, String> values, Map<String, String> extra) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this provenance's values, to add to. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    b.extra.putAll(extra);
    return b;
  }

  /**
   * Reads the provenance of a bundle's metadata map. Unknown keys become {@link #extra()} entries; nothing
   * is required, so bundles written before this class existed read too.
   */
  public static Provenance fromMetadata(Map<String, String> metadata) {
    Map<String, String> known = new LinkedHashMap<>();
    Map<String, String> extra = new LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      if (isKnown(k)) {
        known.put(k, v);
      } else {
        extra.put(k, v);
      }
    });
    return new Provenance(known, extra);
  }

  private static boolean isKnown(String key) {
    return key.startsWith("data.") || key.startsWith("recipe.") || key.startsWith("training.")
        || key.startsWith(METRIC_PREFIX) || key.startsWith(VERSION_PREFIX) || key.equals(CREATED);
  }

  /** The metadata map a bundle stores: the defined keys in a fixed order, then the extra entries. */
  public Map<String, String> toMetadata() {
    Map<String, String> out = new LinkedHashMap<>(values);
    extra.forEach(out::putIfAbsent);
    return Collections.unmodifiableMap(out);
  }

  /** How the training data are named (e.g. {@code "crema-d corpus 'crema-d'"}). */
  public Optional<String> corpus() {
    return get(CORPUS);
  }

  /** The corpus layout's id ({@code tess}, {@code crema-d}, ...). */
  public Optional<String> corpusFormat() {
    return get(CORPUS_FORMAT);
  }

  /** An identity of the corpus's files that does not reveal where they were (a hash of relative names). */
  public Optional<String> corpusId() {
    return get(CORPUS_ID);
  }

  /** The split's description (strategy, fraction, seed). */
  public Optional<String> split() {
    return get(SPLIT);
  }

  /** Training utterances actually used (those whose features could be computed). */
  public OptionalInt trainCount() {
    return integer(TRAIN_COUNT);
  }

  /** Held-out utterances actually scored. */
  public OptionalInt testCount() {
    return integer(TEST_COUNT);
  }

  /** The feature recipe's preset name. */
  public Optional<String> featurePreset() {
    return get(FEATURE_PRESET);
  }

  /** The model preset ({@code stats}, {@code notebook}, ...). */
  public Optional<String> modelPreset() {
    return get(MODEL_PRESET);
  }

  /** The network and training configuration, as its {@code toString()} wrote it. */
  public Optional<String> modelConfig() {
    return get(MODEL_CONFIG);
  }

  /** The training seed. */
  public OptionalLong seed() {
    Optional<String> v = get(SEED);
    try {
      return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get())) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The data augmentation applied in training ({@code "none"} when none). */
  public Optional<String> augmentation() {
    return get(AUGMENTATION);
  }

  /**
   * How training standardised the network input: {@code "global"} (one mean/std over the training data, the
   * bundle's normalisation) or {@code "speaker"} (each training speaker's vectors z-scored with that speaker's own
   * statistics; the bundle's normalisation then holds the global statistics for use without a
   * {@link SpeakerProfile}). Empty for bundles written before this was recorded, which were global.
   */
  public Optional<String> normalization() {
    return get(NORMALIZATION);
  }

  /** Epochs trained. */
  public OptionalInt epochsRun() {
    return integer(EPOCHS_RUN);
  }

  /** Scores recorded at training time, by name ({@code test.accuracy}, {@code test.macro_f1}, ...). */
  public Map<String, Double> metrics() {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(METRIC_PREFIX)) {
        try {
          out.put(k.substring(METRIC_PREFIX.length()), Double.parseDouble(v));
        } catch (NumberFormatException e) {
          // a foreign value: left out of the typed view, still in toMetadata()
        }
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** Versions of the software involved, by name ({@code ser4j}, {@code dl4j}, {@code java}, {@code os}). */
  public Map<String, String> versions() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(VERSION_PREFIX)) {
        out.put(k.substring(VERSION_PREFIX.length()), v);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** When the bundle was made (ISO-8601), where recorded. */
  public Optional<String> created() {
    return get(CREATED);
  }

  /** Entries this class does not define (kept as written). */
  public Map<String, String> extra() {
    return extra;
  }

  /**
   * The corpora of a multi-corpus training run, by name, each with its recorded entries ({@code format},
   * {@code id}, {@code files}, {@code train.used}, ...); empty for a single corpus.
   *
   * @return name -> (entry -> value), in the order written
   */
  public Map<String, Map<String, String>> corpora() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(CORPORA_PREFIX)) {
        String rest = k.substring(CORPORA_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot > 0) {
          out.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(rest.substring(dot + 1), v);
        }
      }
    });
    out.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return Collections.unmodifiableMap(out);
  }

  /** {@return how training examples were balanced ({@code none}, {@code class}, {@code corpus-class}), where recorded} */
  public Optional<String> balance() {
    return get(BALANCE);
  }

  /** {@return the label space the training data were restricted to (comma-separated), where recorded} */
  public Optional<String> labelSpace() {
    return get(LABELS);
  }

  private Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  private OptionalInt integer(String key) {
    Optional<String> v = get(key);
    try {
      return v.isPresent() ? OptionalInt.of(Integer.parseInt(v.get())) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Provenance p && p.values.equals(values) && p.extra.equals(extra);
  }

  @Override
  public int hashCode() {
    return values.hashCode() * 31 + extra.hashCode();
  }

  @Override
  public String toString() {
    return "Provenance" + toMetadata();
  }

  /** Mutable builder; every setter returns {@code this}. Setting a value twice keeps the last. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> extra = new LinkedHashMap<>();

    private Builder() {}

    private Builder put(String key, Object value) {
      if (value != null) {
        values.put(key, value.toString());
      }
      return this;
    }

    /**
     * The training data: how they are named, their layout id and path-free identity.
     *
     * @param description e.g. {@code "tess corpus 'tess-sample'"}
     * @param format the layout id
     * @param identity e.g. a hash of the relative file names
     */
    public Builder corpus(String description, String format, String identity) {
      return put(CORPUS, description).put(CORPUS_FORMAT, format).put(CORPUS_ID, identity);
    }

    /**
     * The split and the counts actually used on each side.
     *
     * @param description the split's description
     * @param trainUsed training utterances used
     * @param testUsed held-out utterances scored
     * @param trainUnusable training utterances left out (features could not be computed)
     * @param testUnusable held-out utterances left out
     */
    public Builder split(String description, int trainUsed, int testUsed, int trainUnusable, int testUnusable) {
      return put(SPLIT, description).put(TRAIN_COUNT, trainUsed).put(TEST_COUNT, testUsed)
          .put(TRAIN_UNUSABLE, trainUnusable).put(TEST_UNUSABLE, testUnusable);
    }

    /** The feature preset, model preset and network configuration. */
    public Builder recipe(String featurePreset, String modelPreset, String modelConfig) {
      return put(FEATURE_PRESET, featurePreset).put(MODEL_PRESET, modelPreset).put(MODEL_CONFIG, modelConfig);
    }

    /** The training seed. */
    public Builder seed(long seed) {
      return put(SEED, seed);
    }

    /** The augmentation applied in training ({@code "none"} for none). */
    public Builder augmentation(String description) {
      return put(AUGMENTATION, description);
    }

    /** How training standardised the input: {@code "global"} or {@code "speaker"}; see {@link Provenance#normalization()}. */
    public Builder normalization(String how) {
      return put(NORMALIZATION, how);
    }

    /** Epochs trained and the epoch whose weights the model holds. */
    public Builder epochs(int run, int best) {
      return put(EPOCHS_RUN, run).put(EPOCHS_BEST, best);
    }

    /** A score measured at training time, e.g. {@code metric("test.accuracy", 0.98)}. */
    public Builder metric(String name, double value) {
      return put(METRIC_PREFIX + name, String.format(Locale.ROOT, "%.6f", value));
    }

    /** A software version, e.g. {@code version("dl4j", "1.0.0-M2.1")}. */
    public Builder version(String name, String value) {
      return put(VERSION_PREFIX + name, value);
    }

    /** ser4j's (from the jar manifest), Java's and the OS's versions. */
    public Builder runtimeVersions() {
      String v = Provenance.class.getPackage().getImplementationVersion();
      return version("ser4j", v == null ? "dev" : v)
          .version("java", System.getProperty("java.version"))
          .version("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** When the bundle was made (ISO-8601). */
    public Builder created(String instant) {
      return put(CREATED, instant);
    }

    /**
     * One corpus of a multi-corpus training run: entries {@code data.corpora.NAME.format}, {@code .id},
     * {@code .files} (labelled files found), {@code .train.used} and {@code .test.used} (utterances used).
     *
     * @param name the corpus's name (its format id, e.g. {@code crema-d}): letters, digits, {@code -} and
     *     {@code _}
     * @param format the layout id
     * @param identity a path-free identity of its files
     * @param files labelled files found in its folder
     * @param trainUsed its utterances used for training
     * @param testUsed its utterances scored in the test part
     * @return this builder
     * @throws IllegalArgumentException if the name has other characters
     */
    public Builder corpusPart(String name, String format, String identity, int files, int trainUsed,
        int testUsed) {
      if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("corpus name '" + name + "' must be letters, digits, - and _");
      }
      String p = CORPORA_PREFIX + name + ".";
      return put(p + "format", format).put(p + "id", identity).put(p + "files", files)
          .put(p + "train.used", trainUsed).put(p + "test.used", testUsed);
    }

    /**
     * How training examples were balanced (e.g. {@code "corpus-class"}).
     *
     * @param balance the balance's id
     * @return this builder
     */
    public Builder balance(String balance) {
      return put(BALANCE, balance);
    }

    /**
     * The label space the training data were restricted to.
     *
     * @param labels the labels
     * @return this builder
     */
    public Builder labelSpace(java.util.List<String> labels) {
      return put(LABELS, String.join(",", labels));
    }

    /** Any other entry (an importer's source file, say); defined keys are refused here. */
    public Builder extra(String key, String value) {
      if (isKnown(key)) {
        throw new IllegalArgumentException("'" + key + "' is a defined provenance key: use its setter");
      }
      extra.put(key, value);
      return this;
    }

    /** The provenance. */
    public Provenance build() {
      return new Provenance(values, extra);
    }
  }
}
