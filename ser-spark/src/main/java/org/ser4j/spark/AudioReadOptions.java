package org.ser4j.spark;

import java.util.Objects;
import java.util.Optional;
import org.ser4j.data.CorpusFormat;

/**
 * How {@link SparkFeatures} and {@link SparkRecognizer} read a folder of audio: which corpus naming convention
 * labels the rows and the largest file read. Immutable; built with {@link #builder()}.
 *
 * <p>Partitioning is Spark's: the {@code binaryFile} source packs files into partitions by size
 * ({@code spark.sql.files.maxPartitionBytes}, 128 MiB by default, each file counted with
 * {@code spark.sql.files.openCostInBytes}, 4 MiB by default); set those on the session to change it. A
 * repartition after reading would move every file's bytes through a shuffle.
 */
public final class AudioReadOptions {
  /** The default {@link #maxFileBytes()}: 128 MiB (about 70 minutes of 16 kHz 16-bit mono). */
  public static final long DEFAULT_MAX_FILE_BYTES = 128L << 20;

  private final String corpus;
  private final long maxFileBytes;

  private AudioReadOptions(Builder b) {
    this.corpus = b.corpus;
    this.maxFileBytes = b.maxFileBytes;
  }

  /** {@return the defaults: no corpus labels, files up to 128 MiB} */
  public static AudioReadOptions defaults() {
    return builder().build();
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the corpus format's id whose file names label the rows, if any} */
  public Optional<String> corpus() {
    return Optional.ofNullable(corpus);
  }

  /** {@return the largest file decoded, in bytes; larger files become error rows without being read} */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  @Override
  public String toString() {
    return "AudioReadOptions[corpus=" + corpus + ", maxFileBytes=" + maxFileBytes + "]";
  }

  /** Builds {@link AudioReadOptions}; every setter checks its value. */
  public static final class Builder {
    private String corpus;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;

    private Builder() {
    }

    /**
     * Labels rows by this corpus's naming convention (speaker, word, label).
     *
     * @param id a {@link CorpusFormat#byId} id: {@code tess}, {@code ravdess}, {@code crema-d}, {@code savee},
     *     {@code emodb}, or one registered as a service; null for none
     * @return this builder
     * @throws IllegalArgumentException if no format has that id
     */
    public Builder corpus(String id) {
      if (id == null) {
        this.corpus = null;
        return this;
      }
      CorpusFormat f = CorpusFormat.byId(id).orElseThrow(() -> new IllegalArgumentException(
          "unknown corpus format '" + id + "' (known: " + known() + ")"));
      this.corpus = f.id();
      return this;
    }

    /**
     * Labels rows by this corpus format.
     *
     * @param format the format (its {@link CorpusFormat#id()} must be found by {@link CorpusFormat#byId} on
     *     the executors: a built-in one or one registered as a service)
     * @return this builder
     */
    public Builder corpus(CorpusFormat format) {
      Objects.requireNonNull(format, "format");
      return corpus(format.id());
    }

    /**
     * The largest file to read; a larger one becomes an error row and is never loaded into memory.
     *
     * @param bytes at least 1, at most {@code Integer.MAX_VALUE - 8} (Spark holds a file's bytes in one array)
     * @return this builder
     */
    public Builder maxFileBytes(long bytes) {
      if (bytes < 1 || bytes > Integer.MAX_VALUE - 8L) {
        throw new IllegalArgumentException("maxFileBytes must be in [1, " + (Integer.MAX_VALUE - 8L) + "], got "
            + bytes);
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /** {@return the options} */
    public AudioReadOptions build() {
      return new AudioReadOptions(this);
    }

    private static String known() {
      StringBuilder sb = new StringBuilder();
      for (CorpusFormat f : CorpusFormat.available()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(f.id());
      }
      return sb.toString();
    }
  }
}
