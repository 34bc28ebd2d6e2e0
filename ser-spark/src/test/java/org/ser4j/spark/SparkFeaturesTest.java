package org.ser4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Utterance;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;

class SparkFeaturesTest {
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

  /** Asserts each row's features are what FeatureSpec.extract (ser features' computation) gives for its file. */
  private static void assertFeaturesEqualOneJvm(Map<Path, Row> rows, FeatureSpec spec) throws IOException {
    MfccExtractor extractor = spec.newExtractor();
    for (Map.Entry<Path, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      assertThat((String) r.getAs(SerColumns.ERROR)).as(e.getKey().toString()).isNull();
      float[][] expected = spec.extract(e.getKey(), extractor);
      List<Float> got = r.getList(r.fieldIndex(SerColumns.FEATURES));
      assertThat((int) r.getAs(SerColumns.FRAMES)).isEqualTo(expected.length);
      assertThat((int) r.getAs(SerColumns.DIMENSION)).isEqualTo(spec.dimension());
      float[] flat = new float[expected.length * spec.dimension()];
      for (int t = 0; t < expected.length; t++) {
        System.arraycopy(expected[t], 0, flat, t * spec.dimension(), spec.dimension());
      }
      float[] actual = new float[got.size()];
      for (int i = 0; i < actual.length; i++) {
        actual[i] = got.get(i);
      }
      assertThat(actual).as(e.getKey().toString()).isEqualTo(flat); // exact: the same computation
    }
  }

  @Test
  void tessSampleFeaturesAndLabelsEqualTheSingleJvmScan() throws IOException {
    Path tess = SparkTests.requireShared("tess-sample");
    FeatureSpec spec = FeatureSpec.stats();
    // a subset for speed: four of the fourteen speaker-emotion folders (240 files), both speakers
    List<String> folders = List.of("OAF_angry", "OAF_pleasant_surprise", "YAF_disgust", "YAF_sad");
    List<Row> rows = SparkFeatures.extract(spark, tess + "/{" + String.join(",", folders) + "}", spec,
        AudioReadOptions.builder().corpus("tess").build()).collectAsList();
    Map<Path, Row> byFile = SparkTests.byFile(rows);

    // every recording the corpus scanner finds there is a row, labelled as the scanner labels it
    List<Utterance> utterances = Corpus.scan(tess, CorpusFormat.TESS, LabelSet.TESS).utterances().stream()
        .filter(u -> folders.contains(u.path().getParent().getFileName().toString())).toList();
    assertThat(utterances).hasSizeGreaterThan(100);
    assertThat(rows).hasSize(utterances.size());
    for (Utterance u : utterances) {
      Row r = byFile.get(u.path().toAbsolutePath().normalize());
      assertThat(r).as(u.path().toString()).isNotNull();
      assertThat((String) r.getAs(SerColumns.CORPUS)).isEqualTo("tess");
      assertThat((String) r.getAs(SerColumns.SPEAKER)).isEqualTo(u.speaker());
      assertThat((String) r.getAs(SerColumns.WORD)).isEqualTo(u.word());
      assertThat((String) r.getAs(SerColumns.LABEL)).isEqualTo(u.label());
    }
    assertFeaturesEqualOneJvm(byFile, spec);
  }

  @Test
  void cremaDSampleFeaturesEqualTheSingleJvmComputation() throws IOException {
    Path crema = SparkTests.requireShared("crema-d-sample");
    // a subset for speed: the clips of one of the sample's eight actors (76 files)
    FeatureSpec spec = FeatureSpec.notebook();
    List<Row> rows = SparkFeatures.extract(spark, crema + "/1009_*", spec,
        AudioReadOptions.builder().corpus("crema-d").build()).collectAsList();
    Map<Path, Row> byFile = SparkTests.byFile(rows);
    try (var files = Files.list(crema)) {
      long expected = files.filter(p -> p.getFileName().toString().matches("1009_.*\\.wav")).count();
      assertThat(expected).isGreaterThan(50);
      assertThat(rows).hasSize((int) expected);
    }
    for (Map.Entry<Path, Row> e : byFile.entrySet()) {
      String name = e.getKey().getFileName().toString();
      Row r = e.getValue();
      assertThat((String) r.getAs(SerColumns.SPEAKER)).isEqualTo(name.substring(0, 4));
      assertThat((String) r.getAs(SerColumns.LABEL)).isIn("angry", "disgust", "fear", "happy", "neutral", "sad");
    }
    assertFeaturesEqualOneJvm(byFile, spec);
  }

  @Test
  void corruptFilesBecomeErrorRowsNamingThemAndTheRestAreFeaturised(@TempDir Path dir) throws IOException {
    Path good1 = SparkTests.syntheticWav(dir.resolve("good 1.wav"), 16000, 1.2, 1);
    Files.createDirectories(dir.resolve("sub"));
    Path good2 = SparkTests.syntheticWav(dir.resolve("sub/good-2.WAV"), 22050, 0.8, 2);
    byte[] whole = Files.readAllBytes(good1);
    Files.write(dir.resolve("truncated-header.wav"), java.util.Arrays.copyOf(whole, 30));
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Files.write(dir.resolve("random-bytes.wav"), noise);
    Files.write(dir.resolve("empty.aiff"), new byte[0]);
    Path big = SparkTests.syntheticWav(dir.resolve("too-big.wav"), 16000, 3.0, 3);
    Files.writeString(dir.resolve("notes.txt"), "not audio by name: not read");

    FeatureSpec spec = FeatureSpec.stats();
    long limit = Files.size(big) - 1;
    assertThat(limit).isGreaterThan(Files.size(good1));
    List<Row> rows = SparkFeatures.extract(spark, dir.toString(), spec,
        AudioReadOptions.builder().maxFileBytes(limit).build()).collectAsList();
    Map<Path, Row> byFile = SparkTests.byFile(rows);

    assertThat(byFile.keySet()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
        "good 1.wav", "good-2.WAV", "truncated-header.wav", "random-bytes.wav", "empty.aiff", "too-big.wav");
    for (String bad : List.of("truncated-header.wav", "random-bytes.wav", "empty.aiff", "too-big.wav")) {
      Row r = byFile.get(dir.resolve(bad).toAbsolutePath().normalize());
      assertThat((String) r.getAs(SerColumns.ERROR)).as(bad).isNotNull().contains(bad);
      assertThat(r.isNullAt(r.fieldIndex(SerColumns.FEATURES))).as(bad).isTrue();
    }
    assertThat((String) byFile.get(big.toAbsolutePath().normalize()).getAs(SerColumns.ERROR))
        .contains("too large");
    assertFeaturesEqualOneJvm(Map.of(good1.toAbsolutePath().normalize(), byFile.get(good1.toAbsolutePath().normalize()),
        good2.toAbsolutePath().normalize(), byFile.get(good2.toAbsolutePath().normalize())), spec);
  }
}
