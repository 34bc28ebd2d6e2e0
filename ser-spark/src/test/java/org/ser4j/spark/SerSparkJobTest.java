package org.ser4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;

/** The job as spark-submit runs it (its own session, stopped at the end), in local[2]. */
class SerSparkJobTest {
  private static final Map<String, String> CONF = Map.of("spark.master", "local[2]", "spark.ui.enabled", "false",
      "spark.driver.bindAddress", "127.0.0.1", "spark.driver.host", "127.0.0.1");

  @BeforeAll
  static void sparkSubmitSettings() {
    CONF.forEach(System::setProperty); // what spark-submit passes to the driver as system properties
  }

  @AfterAll
  static void clear() {
    CONF.keySet().forEach(System::clearProperty);
  }

  private record Run(int exit, String out) {
  }

  private static Run job(String... args) {
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int exit;
    try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      exit = SerSparkJob.run(args);
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    return new Run(exit, buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesParquetWithOneRowPerFileAndCountsTheUnusableOnes(@TempDir Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    SparkTests.syntheticWav(in.resolve("a.wav"), 24414, 2.0, 1);
    SparkTests.syntheticWav(in.resolve("b.wav"), 16000, 1.5, 2);
    Files.write(in.resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
    Path model = tmp.resolve("model.ser4j");
    SparkTests.bundle(FeatureSpec.notebook(), List.of("angry", "happy", "sad"), 3).write(model);
    Path out = tmp.resolve("out");

    Run run = job("--in", in.toString(), "--out", out.toString(), "--model", model.toString());

    assertThat(run.exit()).as(run.out()).isEqualTo(0);
    assertThat(run.out()).contains("3 files, 2 classified, 1 could not be used").contains("broken.wav");
    SparkSession spark = SparkTests.session();
    try {
      Map<Path, Row> rows = SparkTests.byFile(spark.read().parquet(out.toString()).collectAsList());
      assertThat(rows).hasSize(3);
      Row a = rows.get(in.resolve("a.wav").toAbsolutePath().normalize());
      assertThat((String) a.getAs(SerColumns.EMOTION))
          .isEqualTo(EmotionRecognizer.load(model).predict(in.resolve("a.wav")).topLabel());
      assertThat((String) rows.get(in.resolve("broken.wav").toAbsolutePath().normalize()).getAs(SerColumns.ERROR))
          .contains("broken.wav");
    } finally {
      spark.stop();
    }

    // the output exists: refused without --overwrite, replaced with it
    assertThat(job("--in", in.toString(), "--out", out.toString()).exit()).isEqualTo(1);
    Run features = job("--in", in.toString(), "--out", out.toString(), "--overwrite", "--features", "notebook");
    assertThat(features.exit()).as(features.out()).isEqualTo(0);
    assertThat(features.out()).contains("3 files, 2 featurised, 1 could not be used");

    // no input there: the job cannot run, and says why
    Run missing = job("--in", tmp.resolve("missing").toString(), "--out", tmp.resolve("o2").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("ser-spark:").contains("missing");

    // a folder without audio files: nothing to work on
    Path none = Files.createDirectories(tmp.resolve("no-audio"));
    Files.writeString(none.resolve("readme.txt"), "no audio here");
    Run empty = job("--in", none.toString(), "--out", tmp.resolve("o3").toString());
    assertThat(empty.exit()).as(empty.out()).isEqualTo(1);
    assertThat(empty.out()).contains("no audio files");
  }

  @Test
  void usageErrorsExitTwoBeforeSparkStarts(@TempDir Path tmp) {
    assertThat(job("--in", tmp.toString(), "--out", tmp.resolve("o").toString(), "--features", "mfcc99").exit())
        .isEqualTo(2);
    assertThat(job("--in", tmp.toString(), "--out", tmp.resolve("o").toString(), "--corpus", "nope").exit())
        .isEqualTo(2);
    assertThat(job("--out", tmp.resolve("o").toString()).exit()).isEqualTo(2);
  }
}
