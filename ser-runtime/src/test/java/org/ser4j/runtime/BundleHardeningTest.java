package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.features.FeatureSpec;

/** Bundle reading rejects what would otherwise be accepted with altered content or fail later (issue 9). */
class BundleHardeningTest {

  @TempDir Path dir;

  private Path valid(ModelBundle b) throws IOException {
    Path f = dir.resolve("valid-" + System.nanoTime() + ".ser4j");
    b.write(f);
    return f;
  }

  /** Writes the entries uncompressed (STORED), so a flipped payload byte reaches the reader unchanged. */
  private static void writeStored(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry z = new ZipEntry(e.getKey());
        z.setMethod(ZipEntry.STORED);
        z.setSize(e.getValue().length);
        CRC32 crc = new CRC32();
        crc.update(e.getValue());
        z.setCrc(crc.getValue());
        zip.putNextEntry(z);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aFlippedBitInATextEntryIsCaughtByItsCrc() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(valid(TestBundles.pooled(1, 40, 4, false)));
    Path stored = dir.resolve("stored.ser4j");
    writeStored(stored, e);
    assertThat(ModelBundle.read(stored).labels()).contains("angry"); // the stored form itself is valid
    byte[] zip = Files.readAllBytes(stored);
    int at = indexOf(zip, "label.0=angry".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(at).isPositive();
    zip[at + "label.0=angr".length()] ^= 0x03; // angry -> angrz: still a valid properties text
    Path flipped = dir.resolve("flipped-label.ser4j");
    Files.write(flipped, zip);
    assertThatThrownBy(() -> ModelBundle.read(flipped)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining(flipped.toString()).hasMessageContaining("labels.properties")
        .hasMessageContaining("CRC-32");
  }

  @Test
  void aFlippedEndRecordCommentLengthIsNamedNotNull() throws IOException {
    byte[] zip = Files.readAllBytes(valid(TestBundles.pooled(1, 40, 4, false)));
    int eocd = zip.length - 22;
    assertThat(ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(eocd)).isEqualTo(0x06054b50);
    for (int bit : new int[] {0, 3, 8, 15}) {
      byte[] copy = zip.clone();
      copy[eocd + 20 + bit / 8] ^= (byte) (1 << (bit % 8));
      Path f = dir.resolve("eocd" + bit + ".ser4j");
      Files.write(f, copy);
      assertThatThrownBy(() -> ModelBundle.read(f)).as("bit %d", bit).isInstanceOf(ModelBundleException.class)
          .hasMessageContaining(f.toString()).hasMessageContaining("comment length")
          .hasMessageNotContaining("null");
    }
  }

  private ModelBundle withRecipe(Map<String, String> recipe) {
    return TestBundles.notebookShaped(recipe);
  }

  @Test
  void anUnusableFeatureRecipeIsRejectedAtLoadNamingTheSetting() throws IOException {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("mfcc.hop_length", "0");
    bad.put("mfcc.n_fft", "0");
    bad.put("mfcc.amin", "0.0");
    bad.put("load.offset", "NaN");
    bad.put("mfcc.n_fft=", "16777216");
    bad.put("mfcc.n_mels", "100000");
    bad.put("load.sr", "12");
    for (Map.Entry<String, String> change : bad.entrySet()) {
      String key = change.getKey().replace("=", "");
      Map<String, String> recipe = new LinkedHashMap<>(FeatureSpec.notebook().toMap());
      recipe.put(key, change.getValue());
      if (key.equals("load.sr")) {
        recipe.put("mfcc.sr", change.getValue());
      }
      Path f = valid(withRecipe(recipe));
      assertThatThrownBy(() -> ModelBundle.read(f)).as("%s=%s", key, change.getValue())
          .isInstanceOf(ModelBundleException.class).hasMessageContaining(f.toString())
          .hasMessageContaining("features.properties");
    }
  }

  @Test
  void aRecipeGivingAnotherWidthThanTheNetworkTakesIsRejected() throws IOException {
    Map<String, String> recipe = new LinkedHashMap<>(FeatureSpec.notebook().toMap());
    recipe.put("mfcc.n_mfcc", "20");
    Path f = valid(withRecipe(recipe));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("gives 20 values").hasMessageContaining("takes 40");
    assertThat(ModelBundle.read(valid(withRecipe(FeatureSpec.notebook().toMap()))).featureConfig())
        .isEqualTo(FeatureSpec.notebook().toMap());
  }

  /** A network entry declaring an LSTM 240 -> 8000 (1 GB of weights) with a manifest that agrees. */
  private Path hugeDeclaration() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(valid(TestBundles.sequence(1, 240, 4, false)));
    String net = new String(e.get("network.properties"), StandardCharsets.ISO_8859_1)
        .replace("layer.0.nOut=4", "layer.0.nOut=8000").replace("layer.1.nIn=4", "layer.1.nIn=8000");
    e.put("network.properties", net.getBytes(StandardCharsets.ISO_8859_1));
    long floats = 4L * 8000 * (240 + 8000 + 1) + 12L * (8000 + 1) + 7L * (12 + 1);
    String manifest = new String(e.get("manifest.properties"), StandardCharsets.ISO_8859_1)
        .replaceAll("weights\\.bytes=\\d+", "weights.bytes=" + floats * 4);
    e.put("manifest.properties", manifest.getBytes(StandardCharsets.ISO_8859_1));
    Path f = dir.resolve("huge.ser4j");
    TestBundles.writeZip(f, e);
    return f;
  }

  @Test
  void declaredWeightsBeyondTheParameterLimitAreRejectedBeforeReadingThem() throws IOException {
    Path f = hugeDeclaration();
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("more than the limit of " + ModelBundle.maxParameters())
        .hasMessageContaining(ModelBundle.MAX_PARAMETERS_PROPERTY);
    assertThat(ModelBundle.maxParameters()).isEqualTo(1L << 24);
  }

  @Test
  void theParameterLimitCanBeLoweredOrRaised() throws IOException {
    Path ok = valid(TestBundles.pooled(1, 40, 4, false)); // 295 parameters
    String before = System.getProperty(ModelBundle.MAX_PARAMETERS_PROPERTY);
    try {
      System.setProperty(ModelBundle.MAX_PARAMETERS_PROPERTY, "200");
      assertThatThrownBy(() -> ModelBundle.read(ok)).isInstanceOf(ModelBundleException.class)
          .hasMessageContaining("limit of 200");
      System.setProperty(ModelBundle.MAX_PARAMETERS_PROPERTY, "300");
      assertThat(ModelBundle.read(ok).parameterCount()).isEqualTo(295);
      System.setProperty(ModelBundle.MAX_PARAMETERS_PROPERTY, "lots");
      assertThatThrownBy(ModelBundle::maxParameters).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lots");
    } finally {
      if (before == null) {
        System.clearProperty(ModelBundle.MAX_PARAMETERS_PROPERTY);
      } else {
        System.setProperty(ModelBundle.MAX_PARAMETERS_PROPERTY, before);
      }
    }
  }

  @Test
  void absurdlyLargeFiniteWeightsAreRejectedAtLoad() throws IOException {
    Random r = new Random(4);
    float[] w = TestBundles.random(r, 8 * 7, 1);
    w[3] = 3e38f;
    ModelBundle b = ModelBundle.builder().pooledInput(40).addLayer(TestBundles.lstm(r, 1, 8))
        .addLayer(new DenseLayer(8, 7, w, new float[7], Activation.SOFTMAX)).labels(TestBundles.EMOTIONS).build();
    Path f = valid(b);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("3.0E38").hasMessageContaining("exceeds");
  }

  @Test
  void nonFiniteOutputsAreAnErrorNotAPrediction() {
    // in memory (no load-time check): weights of 1e6 on inputs of 3e38 overflow to infinity
    float[] w = new float[2 * 7];
    Arrays.fill(w, 1e6f);
    w[0] = -1e6f;
    ModelBundle b = ModelBundle.builder().addLayer(new DenseLayer(2, 7, w, new float[7], Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).build();
    EmotionRecognizer r = EmotionRecognizer.of(b);
    assertThat(Arrays.stream(r.predict(new float[][] {{1f, 2f}}).toArray()).allMatch(Double::isFinite)).isTrue();
    assertThatThrownBy(() -> r.predict(new float[][] {{3e38f, 3e38f}})).isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> Prediction.of(TestBundles.EMOTIONS, new double[] {Double.NaN, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelsWithControlCharactersAreRejected() throws IOException {
    Random r = new Random(3);
    for (String label : List.of("angry\nhappy 0.999", "sad\r", "a\u0000b", "x\u2028y", "rtl\u202e")) {
      List<String> labels = new java.util.ArrayList<>(TestBundles.EMOTIONS);
      labels.set(2, label);
      assertThatThrownBy(() -> ModelBundle.builder().pooledInput(40).addLayer(TestBundles.lstm(r, 1, 8))
          .addLayer(TestBundles.dense(r, 8, 7, Activation.SOFTMAX)).labels(labels).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character")
          .hasMessageNotContaining("\n");
    }
    Map<String, byte[]> e = TestBundles.entries(valid(TestBundles.pooled(1, 40, 4, false)));
    String text = new String(e.get("labels.properties"), StandardCharsets.ISO_8859_1)
        .replace("label.0=angry", "label.0=angry\\nsad (1.000)");
    e.put("labels.properties", text.getBytes(StandardCharsets.ISO_8859_1));
    Path f = dir.resolve("newline-label.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void noSingleBitFlipIsAcceptedWithDifferentContent() throws IOException {
    ModelBundle original = withRecipe(FeatureSpec.notebook().toMap());
    byte[] good = Files.readAllBytes(valid(original));
    Random r = new Random(9);
    int rejected = 0;
    for (int k = 0; k < 1500; k++) {
      byte[] bad = good.clone();
      int bit = r.nextInt(bad.length * 8);
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        ModelBundle read = ModelBundle.read(bad, "flip" + bit);
        // accepted only where the bit carries nothing we read (timestamps, attributes, local sizes)
        assertThat(read).as("bit %d", bit).isEqualTo(original);
        assertThat(read.metadata()).isEqualTo(original.metadata());
      } catch (ModelBundleException e) {
        assertThat(e.getMessage()).as("bit %d", bit).startsWith("flip" + bit + ": ").doesNotContain("null");
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(1000);
  }
}
