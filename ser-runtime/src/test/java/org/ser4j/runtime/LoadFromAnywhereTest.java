package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;

/** Bundles load from any path, stream, bytes or URL; audio predicts from bytes and streams as from files. */
class LoadFromAnywhereTest {

  @TempDir Path dir;


  /** A jar holding the bundle at models/emotion.ser4j, as an application would package it. */
  private Path jarWithBundle(ModelBundle b) throws IOException {
    Path bundle = dir.resolve("m.ser4j");
    b.write(bundle);
    Path jar = dir.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("models/"));
      j.closeEntry();
      j.putNextEntry(new JarEntry("models/emotion.ser4j"));
      j.write(Files.readAllBytes(bundle));
      j.closeEntry();
    }
    return jar;
  }

  @Test
  void loadsABundleFromAPathInsideAJarFileSystem() throws IOException {
    ModelBundle b = TestBundles.notebookShaped();
    Path jar = jarWithBundle(b);
    try (FileSystem fs = FileSystems.newFileSystem(jar)) {
      Path inside = fs.getPath("/models/emotion.ser4j");
      assertThat(EmotionRecognizer.load(inside).bundle()).isEqualTo(b);
      assertThatThrownBy(() -> EmotionRecognizer.load(fs.getPath("/models/absent.ser4j")))
          .isInstanceOf(NoSuchFileException.class);
    }
  }

  @Test
  void loadsABundleAsAClassPathResource() throws IOException {
    ModelBundle b = TestBundles.notebookShaped();
    Path jar = jarWithBundle(b);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      URL url = loader.getResource("models/emotion.ser4j");
      assertThat(url.getProtocol()).isEqualTo("jar");
      assertThat(EmotionRecognizer.load(url).bundle()).isEqualTo(b);
      assertThatThrownBy(() -> EmotionRecognizer.load(loader.getResource("models/absent.ser4j")))
          .isInstanceOf(NoSuchFileException.class).hasMessageContaining("class path");
    }
    Path plain = dir.resolve("plain.ser4j");
    b.write(plain);
    assertThat(EmotionRecognizer.load(plain.toUri().toURL()).bundle()).isEqualTo(b);
  }

  @Test
  void loadsABundleFromAStreamAndFromBytes() throws IOException {
    ModelBundle b = TestBundles.notebookShaped();
    Path f = dir.resolve("m.ser4j");
    b.write(f);
    byte[] bytes = Files.readAllBytes(f);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      assertThat(EmotionRecognizer.load(in, "upload").bundle()).isEqualTo(b);
    }
    assertThat(EmotionRecognizer.load(bytes, "bytes").bundle()).isEqualTo(b);
    bytes[bytes.length / 2] ^= 0x10;
    assertThatThrownBy(() -> EmotionRecognizer.load(bytes, "damaged-upload"))
        .isInstanceOf(ModelBundleException.class).hasMessageStartingWith("damaged-upload: ");
  }

  @Test
  void predictsFromBytesAndAStreamExactlyAsFromTheFile() throws IOException {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.notebookShaped());
    Path wav = dir.resolve("voice.wav");
    WavWriter.write(Signals.voiceLike(16000, 4.0, 7), wav, WavWriter.Encoding.PCM16);
    Prediction fromFile = r.predict(wav);
    byte[] bytes = Files.readAllBytes(wav);
    assertThat(r.predict(bytes, "upload.wav").toArray()).containsExactly(fromFile.toArray());
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      assertThat(r.predict(in, "upload.wav").toArray()).containsExactly(fromFile.toArray());
    }
    // the model's input varies with the audio: a different recording gives different probabilities
    Path other = dir.resolve("other.wav");
    WavWriter.write(Signals.voiceLike(16000, 4.0, 8), other, WavWriter.Encoding.PCM16);
    assertThat(r.predict(other).toArray()).isNotEqualTo(fromFile.toArray());
  }

  @Test
  void undecodableBytesAreATypedErrorNamingTheSource() {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.notebookShaped());
    assertThatThrownBy(() -> r.predict("not audio at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "upload-17")).isInstanceOf(org.ser4j.audio.AudioFormatException.class)
        .hasMessageStartingWith("upload-17: ");
  }

  /** Test signals. */
  static final class Signals {
    private Signals() {
    }

    /** A seeded harmonic tone with a wandering pitch and noise: voice-like enough for MFCCs. */
    static AudioClip voiceLike(int rate, double seconds, long seed) {
      Random rnd = new Random(seed);
      int n = (int) (rate * seconds);
      float[] y = new float[n];
      double phase = 0;
      double f0 = 120 + 80 * rnd.nextDouble();
      for (int i = 0; i < n; i++) {
        double f = f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 3 * i / rate));
        phase += 2 * Math.PI * f / rate;
        double v = 0;
        for (int h = 1; h <= 6; h++) {
          v += Math.sin(h * phase) / h;
        }
        y[i] = (float) (0.2 * v + 0.01 * rnd.nextGaussian());
      }
      return AudioClip.ofMono(rate, y);
    }
  }
}
