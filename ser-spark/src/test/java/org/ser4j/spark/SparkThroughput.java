package org.ser4j.spark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.ModelBundle;

/**
 * Throughput of ser-spark in local mode (not a test: a main the benchmarks README runs): the notebook
 * feature pass, and classification with a notebook-shaped model, over a folder (the 840-file TESS sample),
 * after warm-up runs in the same session, into Spark's {@code noop} sink (everything computed, nothing
 * written), and the same feature pass in one JVM on two threads for comparison. Prints files/s per run.
 *
 * <pre>
 * java [JDK 17 --add-opens] -cp ser-spark/target/test-classes:ser-spark/target/ser-spark-VERSION-job.jar:$(cat ser-spark/target/spark-classpath.txt) \
 *     org.ser4j.spark.SparkThroughput ../shared/tess-sample local[2] 2 3
 * </pre>
 */
public final class SparkThroughput {
  private SparkThroughput() {
  }

  /**
   * Runs the measurement.
   *
   * @param args folder, master (default local[2]), warm-up runs (default 2), measured runs (default 3)
   */
  public static void main(String[] args) throws Exception {
    String in = args.length > 0 ? args[0] : "../shared/tess-sample";
    String master = args.length > 1 ? args[1] : "local[2]";
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SparkSession spark = SparkSession.builder().master(master).appName("ser-spark throughput")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      ModelBundle bundle = SparkTests.bundle(FeatureSpec.notebook(), List.of("angry", "disgust", "fear", "happy",
          "neutral", "pleasant_surprise", "sad"), 1);
      Path dir = Paths.get(in);
      // the same feature pass in one JVM on two threads (what CorpusFeaturesBenchmark.noCache measures), in the
      // same minutes, for a ratio that the machine's load does not distort
      List<Path> wavs;
      try (var walk = java.nio.file.Files.walk(dir)) {
        wavs = walk.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).toList();
      }
      FeatureSpec notebook = FeatureSpec.notebook();
      var extractor = notebook.newExtractor();
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
      try {
        for (int i = 0; i < warmups + runs; i++) {
          long start = System.nanoTime();
          pool.submit(() -> wavs.parallelStream().forEach(p -> {
            try {
              notebook.extract(p, extractor);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })).get();
          double s = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "one JVM, 2 threads, features %s run %d: %d files in %.2f s = %.0f files/s%n",
              i < warmups ? "warm-up" : "measured", i + 1, wavs.size(), s, wavs.size() / s);
        }
      } finally {
        pool.shutdown();
      }
      long files = -1;
      for (String what : List.of("features", "classify")) {
        for (int i = 0; i < warmups + runs; i++) {
          Dataset<Row> rows = what.equals("features")
              ? SparkFeatures.extract(spark, dir.toString(), FeatureSpec.notebook())
              : SparkRecognizer.classify(spark, dir.toString(), bundle);
          if (files < 0) {
            files = rows.count(); // one more pass, as a warm-up
          }
          long start = System.nanoTime();
          rows.write().format("noop").mode("overwrite").save();
          double s = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "%s %s run %d: %d files in %.2f s = %.0f files/s%n", what,
              i < warmups ? "warm-up" : "measured", i + 1, files, s, files / s);
        }
      }
    } finally {
      spark.stop();
    }
  }
}
