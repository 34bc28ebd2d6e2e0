package org.ser4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.ModelBundle;

/**
 * Emotions of every audio file under a path, classified on a Spark cluster by the plain-Java
 * {@link EmotionRecognizer} (no native code: executors need nothing installed). The bundle's bytes are
 * broadcast once; each partition builds its recognizer from them and classifies its files as
 * {@link EmotionRecognizer#predict(java.nio.file.Path)} does (and so as {@code ser predict} does, whole
 * clips), featurised by the bundle's own recipe.
 *
 * <pre>{@code
 * Dataset<Row> df = SparkRecognizer.classify(spark, "s3a://calls/2026/", Paths.get("model.ser4j"),
 *     AudioReadOptions.defaults());
 * df.select("path", "emotion", "probability").show();
 * }</pre>
 *
 * <p>Columns: {@code path, corpus, speaker, word, label, duration, frames, dimension, features, emotion,
 * probability, probabilities, notes, error} (see {@link SerColumns}). A file that cannot be classified (not
 * audio, shorter than the model's window, over the size limit) gives a row with {@code error} set, naming the
 * file, and never fails the job.
 */
public final class SparkRecognizer {
  private SparkRecognizer() {
  }

  /**
   * Classifies the files under {@code path} with the bundle in {@code modelFile} (read on the driver).
   *
   * @param spark the session
   * @param path a file, a folder (read recursively) or a glob, on any file system Spark reads
   * @param modelFile a model bundle ({@code .ser4j})
   * @param options the corpus labels and the size limit
   * @return one row per file (lazy)
   * @throws java.nio.file.NoSuchFileException if there is no file there
   * @throws org.ser4j.runtime.ModelBundleException if it is not a usable bundle
   * @throws IOException if it cannot be read
   */
  public static Dataset<Row> classify(SparkSession spark, String path, Path modelFile, AudioReadOptions options)
      throws IOException {
    Objects.requireNonNull(modelFile, "modelFile");
    byte[] bytes = Files.readAllBytes(modelFile);
    return classify(spark, path, bytes, modelFile.toString(), options);
  }

  /**
   * Classifies the files under {@code path} with {@code bundle}.
   *
   * @param spark the session
   * @param path a file, a folder (read recursively) or a glob, on any file system Spark reads
   * @param bundle the model
   * @param options the corpus labels and the size limit
   * @return one row per file (lazy)
   * @throws IOException if the bundle cannot be serialised
   */
  public static Dataset<Row> classify(SparkSession spark, String path, ModelBundle bundle, AudioReadOptions options)
      throws IOException {
    Objects.requireNonNull(bundle, "bundle");
    Path tmp = Files.createTempFile("ser4j-model", ".ser4j");
    try {
      bundle.write(tmp);
      return classify(spark, path, Files.readAllBytes(tmp), "model bundle", options);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Classifies the files under {@code path} with {@code bundle}, without corpus labels.
   *
   * @param spark the session
   * @param path a file, a folder (read recursively) or a glob, on any file system Spark reads
   * @param bundle the model
   * @return one row per file (lazy)
   * @throws IOException if the bundle cannot be serialised
   */
  public static Dataset<Row> classify(SparkSession spark, String path, ModelBundle bundle) throws IOException {
    return classify(spark, path, bundle, AudioReadOptions.defaults());
  }

  private static Dataset<Row> classify(SparkSession spark, String path, byte[] bundleBytes, String modelName,
      AudioReadOptions options) throws IOException {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    // validated on the driver: a bad bundle fails here, with its reason, before any task runs
    EmotionRecognizer recognizer = EmotionRecognizer.load(bundleBytes, modelName);
    Broadcast<byte[]> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundleBytes);
    FileWork work = new FileWork(recognizer.featureSpec(), options.corpus().orElse(null), model, modelName);
    Dataset<Row> rows = SparkInput.run(spark, path, options, work, true);
    List<Column> labels = new ArrayList<>();
    for (String l : recognizer.labels()) {
      labels.add(lit(l));
    }
    List<Column> out = new ArrayList<>();
    for (String c : rows.columns()) {
      if (c.equals(FileWork.PROBS)) {
        out.add(map_from_arrays(functions.array(labels.toArray(new Column[0])), col(c))
            .as(SerColumns.PROBABILITIES));
      } else {
        out.add(col(c));
      }
    }
    return rows.select(out.toArray(new Column[0]));
  }
}
