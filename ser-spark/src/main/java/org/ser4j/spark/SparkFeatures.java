package org.ser4j.spark;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ser4j.features.FeatureSpec;

/**
 * Features of every audio file under a path, computed on a Spark cluster: the files are read with Spark's
 * {@code binaryFile} source (recursively; names ending in wav, wave, aif, aiff, aifc or w64 in any case),
 * decoded by content and featurised in {@code mapPartitions} with one extractor per partition, exactly as
 * {@link FeatureSpec#compute} computes them in one JVM (and so as {@code ser features} does).
 *
 * <pre>{@code
 * Dataset<Row> df = SparkFeatures.extract(spark, "hdfs:///corpora/tess", FeatureSpec.stats(),
 *     AudioReadOptions.builder().corpus("tess").build());
 * df.write().parquet("hdfs:///features/tess");
 * }</pre>
 *
 * <p>Columns: {@code path, corpus, speaker, word, label, duration, frames, dimension, features, error} (see
 * {@link SerColumns}); a file that cannot be used (not audio, truncated beyond repair, too short for the
 * recipe, over {@link AudioReadOptions#maxFileBytes()}) gives a row with {@code error} set, naming the file,
 * and never fails the job. The result is lazy: nothing is read until an action (write, count, collect) runs.
 */
public final class SparkFeatures {
  private SparkFeatures() {
  }

  /**
   * Features of the files under {@code path}, without corpus labels.
   *
   * @param spark the session
   * @param path a file, a folder (read recursively) or a glob, on any file system Spark reads
   * @param spec the recipe
   * @return one row per file (lazy)
   */
  public static Dataset<Row> extract(SparkSession spark, String path, FeatureSpec spec) {
    return extract(spark, path, spec, AudioReadOptions.defaults());
  }

  /**
   * Features of the files under {@code path}.
   *
   * @param spark the session
   * @param path a file, a folder (read recursively) or a glob, on any file system Spark reads
   * @param spec the recipe
   * @param options the corpus labels and the size limit
   * @return one row per file (lazy)
   */
  public static Dataset<Row> extract(SparkSession spark, String path, FeatureSpec spec, AudioReadOptions options) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    FileWork work = new FileWork(spec, options.corpus().orElse(null), null, null);
    return SparkInput.run(spark, path, options, work, false);
  }
}
