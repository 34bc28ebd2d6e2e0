package org.ser4j.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ser4j.features.FeatureSpec;

/** Random networks and raw zip manipulation for the tests. */
final class TestBundles {
  static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "neutral", "ps", "sad");

  private TestBundles() {
  }

  static float[] random(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  static LstmLayer lstm(Random r, int nIn, int n) {
    return new LstmLayer(nIn, n, random(r, nIn * 4 * n, 0.5), random(r, n * 4 * n, 0.3), random(r, 4 * n, 0.2));
  }

  static DenseLayer dense(Random r, int nIn, int nOut, Activation a) {
    return new DenseLayer(nIn, nOut, random(r, nIn * nOut, 0.4), random(r, nOut, 0.1), a);
  }

  /** A small pooled (notebook-shaped) bundle: LSTM(1->h) -> dense relu -> dense softmax(7). */
  static ModelBundle pooled(long seed, int length, int hidden, boolean normalized) {
    Random r = new Random(seed);
    ModelBundle.Builder b = ModelBundle.builder().pooledInput(length)
        .addLayer(lstm(r, 1, hidden))
        .addLayer(dense(r, hidden, 16, Activation.RELU))
        .addLayer(dense(r, 16, 7, Activation.SOFTMAX))
        .labels(EMOTIONS)
        .featurePreset("notebook-mean-mfcc")
        .featureSetting("n_mfcc", "40")
        .featureSetting("sr", "22050")
        .metadata("corpus", "TESS")
        .metadata("seed", "42");
    if (normalized) {
      b.normalization(new Normalization(random(r, length, 1), positive(r, length)));
    }
    return b.build();
  }

  /** The notebook's shape in small (40 mean MFCCs as steps, LSTM 8, softmax 7) with the notebook recipe. */
  static ModelBundle notebookShaped() {
    return notebookShaped(FeatureSpec.notebook().toMap());
  }

  /** {@link #notebookShaped()} with another feature recipe. */
  static ModelBundle notebookShaped(Map<String, String> recipe) {
    Random r = new Random(3);
    return ModelBundle.builder().pooledInput(40)
        .addLayer(lstm(r, 1, 8))
        .addLayer(dense(r, 8, 7, Activation.SOFTMAX))
        .labels(EMOTIONS)
        .featurePreset("notebook")
        .featureConfig(recipe)
        .build();
  }

  /** A small sequence (framewise-shaped) bundle. */
  static ModelBundle sequence(long seed, int features, int hidden, boolean normalized) {
    Random r = new Random(seed);
    ModelBundle.Builder b = ModelBundle.builder().sequenceInput()
        .addLayer(lstm(r, features, hidden))
        .addLayer(dense(r, hidden, 12, Activation.TANH))
        .addLayer(dense(r, 12, 7, Activation.SOFTMAX))
        .labels(EMOTIONS)
        .featurePreset("framewise-mfcc");
    if (normalized) {
      b.normalization(new Normalization(random(r, features, 1), positive(r, features)));
    }
    return b.build();
  }

  static float[] positive(Random r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = 0.5f + r.nextFloat() * 2f;
    }
    return a;
  }

  static Map<String, byte[]> entries(Path zip) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      var en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        try (var in = z.getInputStream(e)) {
          m.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return m;
  }

  static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
  }
}
