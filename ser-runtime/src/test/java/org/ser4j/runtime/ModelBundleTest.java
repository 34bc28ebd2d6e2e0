package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
  @TempDir
  Path dir;

  private Path writeValid(ModelBundle b) throws IOException {
    Path f = dir.resolve("model.ser4j");
    b.write(f);
    return f;
  }

  @Test
  void roundTripPreservesEverything() throws IOException {
    ModelBundle b = ModelBundle.builder().pooledInput(40)
        .layers(TestBundles.pooled(1, 40, 8, true).layers())
        .labels(TestBundles.EMOTIONS)
        .featurePreset("notebook")
        .featureSetting("z", "last").featureSetting("a", "first = 1 : #! \\ x").featureSetting(" lead", "ünïcødé ✓\nline")
        .normalization(new Normalization(new float[40], filled(40, 2f)))
        .metadata("created", "2026-01-01T00:00:00Z").metadata("metrics.accuracy", "0.987")
        .build();
    Path f = writeValid(b);

    ModelBundle back = ModelBundle.read(f);

    assertThat(back).isEqualTo(b);
    assertThat(back.featureConfig().keySet()).containsExactly("z", "a", " lead");
    assertThat(back.featureConfig().get(" lead")).isEqualTo("ünïcødé ✓\nline");
    assertThat(back.metadata()).containsEntry("metrics.accuracy", "0.987");
    assertThat(back.inputMode()).isEqualTo(InputMode.VECTOR_AS_STEPS);
    assertThat(back.inputLength()).isEqualTo(40);
    assertThat(back.normalization()).isPresent();
  }

  @Test
  void sequenceBundleWithoutNormalizationRoundTrips() throws IOException {
    ModelBundle b = TestBundles.sequence(3, 13, 6, false);
    assertThat(ModelBundle.read(writeValid(b))).isEqualTo(b);
    assertThat(b.normalization()).isEmpty();
    assertThat(b.inputLength()).isEqualTo(13);
  }

  @Test
  void writeIsAtomicAndReproducibleAndLeavesNoTemporaryFiles() throws IOException {
    ModelBundle b = TestBundles.pooled(2, 40, 4, false);
    Path f1 = dir.resolve("a.ser4j");
    Path f2 = dir.resolve("b.ser4j");
    b.write(f1);
    b.write(f2);
    b.write(f1); // overwrite
    assertThat(Files.readAllBytes(f1)).isEqualTo(Files.readAllBytes(f2));
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.ser4j", "b.ser4j");
    }
  }

  @Test
  void firstEntryIsTheManifestNamingTheFormat() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    assertThat(e.keySet()).containsExactly("manifest.properties", "network.properties", "features.properties",
        "labels.properties", "metadata.properties", "weights.bin");
    assertThat(new String(e.get("manifest.properties"), StandardCharsets.ISO_8859_1))
        .contains("format=ser4j-model-bundle").contains("version=1");
    // 4 units: LSTM 4*4*(1+4+1)=96, dense 4*16+16=80, dense 16*7+7=119 -> 295 floats
    assertThat(e.get("weights.bin")).hasSize(295 * 4);
  }

  @Test
  void builderRejectsInconsistentNetworks() {
    Random r = new Random(1);
    assertThatThrownBy(() -> ModelBundle.builder().addLayer(TestBundles.lstm(r, 3, 4))
        .addLayer(TestBundles.dense(r, 5, 7, Activation.SOFTMAX)).labels(TestBundles.EMOTIONS).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 5 inputs");
    assertThatThrownBy(() -> ModelBundle.builder().addLayer(TestBundles.lstm(r, 3, 4))
        .addLayer(TestBundles.dense(r, 4, 7, Activation.SOFTMAX)).labels(List.of("a", "b")).build())
        .hasMessageContaining("2 labels for 7");
    assertThatThrownBy(() -> ModelBundle.builder().addLayer(TestBundles.lstm(r, 3, 4))
        .addLayer(TestBundles.dense(r, 4, 7, Activation.RELU)).labels(TestBundles.EMOTIONS).build())
        .hasMessageContaining("softmax");
    assertThatThrownBy(() -> ModelBundle.builder().pooledInput(40).addLayer(TestBundles.lstm(r, 3, 4))
        .addLayer(TestBundles.dense(r, 4, 7, Activation.SOFTMAX)).labels(TestBundles.EMOTIONS).build())
        .hasMessageContaining("nIn=1");
    assertThatThrownBy(() -> ModelBundle.builder().addLayer(TestBundles.lstm(r, 3, 4))
        .addLayer(TestBundles.dense(r, 4, 7, Activation.SOFTMAX)).labels(TestBundles.EMOTIONS)
        .normalization(new Normalization(new float[5], filled(5, 1))).build())
        .hasMessageContaining("normalisation has 5");
    assertThatThrownBy(() -> new LstmLayer(2, 3, new float[24], new float[36], new float[11]))
        .hasMessageContaining("bias: expected 12");
    assertThatThrownBy(() -> new Normalization(new float[] {0}, new float[] {0}))
        .hasMessageContaining("std must be");
  }

  // ------------------------------------------------------------------------------------------ rejection

  @Test
  void rejectsAFileThatIsNotAZip() throws IOException {
    Path f = dir.resolve("noise.ser4j");
    byte[] noise = new byte[4096];
    new Random(5).nextBytes(noise);
    Files.write(f, noise);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining(f.toString()).hasMessageContaining("not a zip archive");
  }

  @Test
  void rejectsAMissingFileWithNoSuchFile() {
    Path f = dir.resolve("absent.ser4j");
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void rejectsAForeignZip() throws IOException {
    Path f = dir.resolve("foreign.zip");
    TestBundles.writeZip(f, Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("foreign.zip").hasMessageContaining("no manifest.properties");
  }

  @Test
  void rejectsAForeignFormatName() throws IOException {
    Path f = tamper("manifest.properties", s -> s.replace("format=ser4j-model-bundle", "format=keras-h5"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("format is 'keras-h5'");
  }

  @Test
  void rejectsANewerFormatVersion() throws IOException {
    Path f = tamper("manifest.properties", s -> s.replace("version=1", "version=2"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("unsupported bundle format version 2");
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    Path good = writeValid(TestBundles.pooled(1, 40, 16, false));
    byte[] all = Files.readAllBytes(good);
    for (int cut : new int[] {all.length / 3, all.length / 2, all.length - 30}) {
      Path f = dir.resolve("cut" + cut + ".ser4j");
      Files.write(f, Arrays.copyOf(all, cut));
      assertThatThrownBy(() -> ModelBundle.read(f)).as("cut at %d of %d", cut, all.length)
          .isInstanceOf(ModelBundleException.class).hasMessageContaining(f.toString());
    }
  }

  @Test
  void rejectsCorruptWeightsByChecksum() throws IOException {
    Path good = writeValid(TestBundles.pooled(1, 40, 4, false));
    Map<String, byte[]> e = TestBundles.entries(good);
    e.get("weights.bin")[17] ^= 0x40;
    Path f = dir.resolve("flipped.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("CRC-32");
  }

  @Test
  void rejectsAZipBombInTheWeightsEntry() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    Path f = dir.resolve("bomb.ser4j");
    // 256 MiB of zeros deflates to ~250 KiB; streamed so the test never holds it in memory
    try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> en : e.entrySet()) {
        zip.putNextEntry(new ZipEntry(en.getKey()));
        if (en.getKey().equals("weights.bin")) {
          byte[] zeros = new byte[1 << 20];
          for (int i = 0; i < 256; i++) {
            zip.write(zeros);
          }
        } else {
          zip.write(en.getValue());
        }
        zip.closeEntry();
      }
    }
    assertThat(Files.size(f)).isLessThan(2L << 20);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("weights.bin").hasMessageContaining("bytes allowed");

    // the same bomb with the central directory lying about the size: caught while inflating
    byte[] zip = Files.readAllBytes(f);
    int patched = patchCentralDirectorySize(zip, "weights.bin", 1180);
    assertThat(patched).isEqualTo(1);
    Path liar = dir.resolve("liar.ser4j");
    Files.write(liar, zip);
    assertThatThrownBy(() -> ModelBundle.read(liar)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("inflates to more than the 1180 bytes allowed");
  }

  /** Sets the uncompressed size of {@code name} in the zip's central directory; returns headers patched. */
  private static int patchCentralDirectorySize(byte[] zip, String name, int size) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    int count = 0;
    for (int i = 0; i + 46 < zip.length; i++) {
      if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == nameBytes.length
          && Arrays.equals(Arrays.copyOfRange(zip, i + 46, i + 46 + nameBytes.length), nameBytes)) {
        b.putInt(i + 24, size);
        count++;
      }
    }
    return count;
  }

  @Test
  void rejectsAnOversizedTextEntry() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    byte[] huge = new byte[8 << 20];
    Arrays.fill(huge, (byte) '#');
    e.put("metadata.properties", huge);
    Path f = dir.resolve("bigmeta.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("metadata.properties").hasMessageContaining("allowed");
  }

  @Test
  void rejectsAMissingEntry() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    e.remove("labels.properties");
    Path f = dir.resolve("nolabels.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("missing entry 'labels.properties'");
  }

  @Test
  void rejectsAnUnexpectedEntry() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    e.put("payload.class", new byte[] {1, 2, 3});
    Path f = dir.resolve("extra.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("unexpected entry 'payload.class'");
  }

  @Test
  void rejectsDeclaredShapesThatDoNotMatchTheWeights() throws IOException {
    Path f = tamper("network.properties", s -> s.replace("layer.1.nOut=16", "layer.1.nOut=17")
        .replace("layer.2.nIn=16", "layer.2.nIn=17"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("shape mismatch");
  }

  @Test
  void rejectsShortWeightsEvenWithAConsistentManifest() throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    e.put("weights.bin", Arrays.copyOf(e.get("weights.bin"), 100));
    Path f = dir.resolve("short.ser4j");
    TestBundles.writeZip(f, e);
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("weights.bin has 100 bytes");
  }

  @Test
  void rejectsAbsurdDeclaredSizes() throws IOException {
    Path f = tamper("network.properties", s -> s.replace("layer.0.nOut=4", "layer.0.nOut=1000000"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("layer.0.nOut").hasMessageContaining("outside");
  }

  @Test
  void rejectsLabelsThatDoNotFitTheOutputLayer() throws IOException {
    Path f = tamper("labels.properties", s -> s.replace("count=7", "count=6"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("6 labels for 7");
  }

  @Test
  void rejectsMalformedNumbers() throws IOException {
    Path f = tamper("network.properties", s -> s.replace("layers=3", "layers=three"));
    assertThatThrownBy(() -> ModelBundle.read(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("'layers' is not an integer");
  }

  private Path tamper(String entry, java.util.function.UnaryOperator<String> edit) throws IOException {
    Map<String, byte[]> e = TestBundles.entries(writeValid(TestBundles.pooled(1, 40, 4, false)));
    String text = new String(e.get(entry), StandardCharsets.ISO_8859_1);
    String edited = edit.apply(text);
    assertThat(edited).as("tampering must change %s", entry).isNotEqualTo(text);
    e.put(entry, edited.getBytes(StandardCharsets.ISO_8859_1));
    Path f = dir.resolve("tampered-" + entry + ".ser4j");
    TestBundles.writeZip(f, e);
    return f;
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}
