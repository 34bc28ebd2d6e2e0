package org.ser4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
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
import org.ser4j.audio.AudioFormatException;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Prediction;

class SparkRecognizerTest {
  private static final List<String> TESS_LABELS = List.of("angry", "disgust", "fear", "happy", "neutral",
      "pleasant_surprise", "sad");
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTests.session();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** Asserts each row's prediction is what EmotionRecognizer.predict(Path) (ser predict) gives for its file. */
  private static void assertPredictionsEqualOneJvm(Map<Path, Row> rows, EmotionRecognizer recognizer)
      throws IOException {
    for (Map.Entry<Path, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      assertThat((String) r.getAs(SerColumns.ERROR)).as(e.getKey().toString()).isNull();
      Prediction p = recognizer.predict(e.getKey());
      assertThat((String) r.getAs(SerColumns.EMOTION)).as(e.getKey().toString()).isEqualTo(p.topLabel());
      assertThat((double) r.getAs(SerColumns.PROBABILITY)).isEqualTo(p.topProbability());
      Map<String, Double> probs = r.getJavaMap(r.fieldIndex(SerColumns.PROBABILITIES));
      assertThat(probs).isEqualTo(p.probabilities());
    }
  }

  @Test
  void tessPredictionsEqualTheRecognizerOnTheSameFiles(@TempDir Path tmp) throws IOException {
    Path tess = SparkTests.requireShared("tess-sample");
    ModelBundle bundle = SparkTests.bundle(FeatureSpec.notebook(), TESS_LABELS, 11);
    Path model = tmp.resolve("model.ser4j");
    bundle.write(model);
    // a subset for speed: two of the fourteen speaker-emotion folders (120 files), both speakers
    List<Row> rows = SparkRecognizer.classify(spark, tess + "/{OAF_angry,YAF_sad}", model,
        AudioReadOptions.builder().corpus("tess").build()).collectAsList();
    assertThat(rows).hasSize(120);
    Map<Path, Row> byFile = SparkTests.byFile(rows);
    EmotionRecognizer recognizer = EmotionRecognizer.load(model);
    assertPredictionsEqualOneJvm(byFile, recognizer);
    // the random network must not give one emotion to everything, or the comparison would be weak
    assertThat(rows.stream().map(r -> (String) r.getAs(SerColumns.EMOTION)).distinct().count())
        .isGreaterThan(1);
    assertThat(rows).allSatisfy(r -> assertThat((String) r.getAs(SerColumns.LABEL)).isIn("angry", "sad"));
  }

  @Test
  void cremaDPredictionsEqualTheRecognizerWithTheStatsRecipe() throws IOException {
    Path crema = SparkTests.requireShared("crema-d-sample");
    ModelBundle bundle = SparkTests.bundle(FeatureSpec.stats(),
        List.of("angry", "disgust", "fear", "happy", "neutral", "sad"), 5);
    // a subset for speed: the clips of one actor (82 files)
    List<Row> rows = SparkRecognizer.classify(spark, crema + "/1065_*", bundle,
        AudioReadOptions.builder().corpus("crema-d").build()).collectAsList();
    assertThat(rows).hasSizeGreaterThan(50);
    Map<Path, Row> byFile = SparkTests.byFile(rows);
    assertPredictionsEqualOneJvm(byFile, EmotionRecognizer.of(bundle));
    // features are the model's recipe's
    Row any = rows.get(0);
    assertThat((int) any.getAs(SerColumns.DIMENSION)).isEqualTo(FeatureSpec.stats().dimension());
  }

  @Test
  void unusableFilesBecomeErrorRowsAsTheRecognizerReportsThem(@TempDir Path dir) throws IOException {
    Path good = SparkTests.syntheticWav(dir.resolve("good.wav"), 24414, 2.0, 4);
    Path tooShort = SparkTests.syntheticWav(dir.resolve("short.wav"), 24414, 0.3, 5);
    Files.write(dir.resolve("garbage.wav"), "RIFF....WAVEfmt nothing sensible".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII));
    Files.write(dir.resolve("empty.wav"), new byte[0]);
    ModelBundle bundle = SparkTests.bundle(FeatureSpec.notebook(), TESS_LABELS, 11);
    EmotionRecognizer recognizer = EmotionRecognizer.of(bundle);

    Map<Path, Row> byFile = SparkTests.byFile(SparkRecognizer.classify(spark, dir.toString(), bundle)
        .collectAsList());

    assertThat(byFile).hasSize(4);
    assertPredictionsEqualOneJvm(Map.of(good.toAbsolutePath().normalize(),
        byFile.get(good.toAbsolutePath().normalize())), recognizer);
    Row good1 = byFile.get(good.toAbsolutePath().normalize());
    assertThat((double) good1.getAs(SerColumns.DURATION)).isCloseTo(2.0, within(1e-3));
    for (String bad : List.of("short.wav", "garbage.wav", "empty.wav")) {
      Row r = byFile.get(dir.resolve(bad).toAbsolutePath().normalize());
      assertThat((String) r.getAs(SerColumns.ERROR)).as(bad).isNotNull().contains(bad);
      assertThat(r.isNullAt(r.fieldIndex(SerColumns.EMOTION))).isTrue();
      assertThat(r.isNullAt(r.fieldIndex(SerColumns.PROBABILITIES))).isTrue();
      // the one-JVM recognizer refuses the same files
      try {
        recognizer.predict(dir.resolve(bad));
        throw new AssertionError(bad + " was classified by the recognizer");
      } catch (AudioFormatException expected) {
        // as the row says
      }
    }
    assertThat((String) byFile.get(tooShort.toAbsolutePath().normalize()).getAs(SerColumns.ERROR))
        .contains("too short");
  }
}
