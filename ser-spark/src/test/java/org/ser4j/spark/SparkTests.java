package org.ser4j.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.testing.SharedData;

/** A local[2] session per test class, the shared corpora, synthetic audio and small random models. */
final class SparkTests {
  private SparkTests() {
  }

  /** A local[2] session (one per test class: stop it in {@code @AfterAll}). */
  static SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("ser-spark tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  /** {@code ../shared/NAME}, or skips the test saying why. */
  static Path requireShared(String name) {
    Optional<Path> dir = SharedData.sharedDir().map(d -> d.resolve(name)).filter(Files::isDirectory);
    assumeTrue(dir.isPresent(), "skipped: ../shared/" + name + " (real recordings, not redistributable) is not"
        + " beside this checkout; set -Dser4j.shared.dir=/path/to/shared to run this test");
    return dir.get();
  }

  /** The local file a Spark path names ({@code file:/a/b.wav}). */
  static Path local(String sparkPath) {
    if (sparkPath.startsWith("file:")) {
      return Paths.get(URI.create("file://" + sparkPath.substring("file:".length()).replace(" ", "%20")));
    }
    return Paths.get(sparkPath);
  }

  /** Rows by the local file they name. */
  static Map<Path, Row> byFile(List<Row> rows) {
    Map<Path, Row> m = new HashMap<>();
    for (Row r : rows) {
      m.put(local(r.getString(r.fieldIndex(SerColumns.PATH))).toAbsolutePath().normalize(), r);
    }
    return m;
  }

  /** A seeded synthetic voice-like clip (a few harmonics and noise) written as PCM16 WAV. */
  static Path syntheticWav(Path file, int rate, double seconds, long seed) throws IOException {
    Random r = new Random(seed);
    int n = (int) Math.round(rate * seconds);
    float[] s = new float[n];
    double f0 = 120 + r.nextInt(120);
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      double v = 0;
      for (int h = 1; h <= 4; h++) {
        v += Math.sin(2 * Math.PI * f0 * h * t) / (h * 2.0);
      }
      s[i] = (float) (0.4 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t)) + 0.02 * r.nextGaussian());
    }
    WavWriter.write(AudioClip.ofMono(rate, s), file, WavWriter.Encoding.PCM16);
    return file;
  }

  static float[] random(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  /**
   * A small random network for {@code spec}: LSTM(8) -> softmax over {@code labels}; pooled recipes of the
   * notebook's shape read their vector as steps of one value, others as one step of all values.
   */
  static ModelBundle bundle(FeatureSpec spec, List<String> labels, long seed) {
    Random r = new Random(seed);
    boolean steps = spec.name().equals("notebook");
    int nIn = steps ? 1 : spec.dimension();
    ModelBundle.Builder b = steps ? ModelBundle.builder().pooledInput(spec.dimension())
        : ModelBundle.builder().sequenceInput();
    return b.addLayer(new LstmLayer(nIn, 8, random(r, nIn * 32, 0.5 / Math.sqrt(nIn)), random(r, 8 * 32, 0.3),
            random(r, 32, 0.2)))
        .addLayer(new DenseLayer(8, labels.size(), random(r, 8 * labels.size(), 0.8), random(r, labels.size(), 0.1),
            Activation.SOFTMAX))
        .labels(labels)
        .featurePreset(spec.name())
        .featureConfig(spec.toMap())
        .build();
  }
}
