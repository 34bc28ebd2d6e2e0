package org.ser4j.spark;

/**
 * The column names of the DataFrames {@link SparkFeatures} and {@link SparkRecognizer} return (and the job
 * writes as Parquet), in their order. Every file found gives exactly one row; a file that could not be used
 * has {@link #ERROR} set (naming the file and the problem) and nulls in the value columns.
 */
public final class SerColumns {
  /** The file's path as Spark names it (a URI such as {@code file:/data/a.wav} or {@code hdfs://...}): string, never null. */
  public static final String PATH = "path";
  /** The corpus format's id ({@code tess}, {@code crema-d}, ...) when a format was given and the name parsed: string. */
  public static final String CORPUS = "corpus";
  /** The speaker the file name names: string, null where unknown. */
  public static final String SPEAKER = "speaker";
  /** The word or sentence the file name names: string, null where unknown. */
  public static final String WORD = "word";
  /**
   * The emotion the file name names: ser4j's label ({@code angry}, {@code pleasant_surprise}, ...) where the
   * corpus's label maps to one of the seven, else the corpus's own label ({@code calm}); null where unknown.
   */
  public static final String LABEL = "label";
  /** The decoded file's duration in seconds (all of it, before the recipe's offset and duration): double. */
  public static final String DURATION = "duration";
  /** Rows of the feature matrix (1 for pooled recipes, the frame count otherwise): int. */
  public static final String FRAMES = "frames";
  /** Values per row of the feature matrix ({@code FeatureSpec.dimension()}): int. */
  public static final String DIMENSION = "dimension";
  /**
   * The recipe's features, {@code frames x dimension} values row after row: {@code array<float>} (for pooled
   * recipes exactly the vector {@code FeatureSpec.compute} returns).
   */
  public static final String FEATURES = "features";
  /** The top emotion ({@link SparkRecognizer} only): string. */
  public static final String EMOTION = "emotion";
  /** The top emotion's probability ({@link SparkRecognizer} only): double. */
  public static final String PROBABILITY = "probability";
  /** Every label's probability ({@link SparkRecognizer} only): {@code map<string,double>}. */
  public static final String PROBABILITIES = "probabilities";
  /** Quality notes of the prediction (repaired file, silence, clipping; {@link SparkRecognizer} only): {@code array<string>}. */
  public static final String NOTES = "notes";
  /** Why the file could not be used, naming it; null for a usable file: string. */
  public static final String ERROR = "error";

  private SerColumns() {
  }
}
