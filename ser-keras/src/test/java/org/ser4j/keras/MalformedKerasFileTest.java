package org.ser4j.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ser4j.testing.SharedData;

/**
 * Empty, foreign, truncated, byte-flipped and random files: always a {@link KerasImportException} naming the
 * file (or, for a flip that lands in weight values, a model), never another exception, a hang or an
 * unbounded allocation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedKerasFileTest {
  @TempDir Path dir;

  static byte[] golden() throws IOException {
    return Files.readAllBytes(SharedData.golden(KerasImportParityTest.MODEL));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private void assertTypedFailure(Path p) {
    assertThatThrownBy(() -> KerasImport.read(p))
        .isInstanceOf(KerasImportException.class)
        .hasMessageStartingWith(p.toString())
        .satisfies(e -> assertThat(((KerasImportException) e).file()).isEqualTo(p));
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path p = write("empty.h5", new byte[0]);
    assertTypedFailure(p);
    assertThatThrownBy(() -> KerasImport.read(p)).hasMessageContaining("empty file");
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThatThrownBy(() -> KerasImport.read(dir.resolve("absent.h5")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void textAndZipFilesAreNotHdf5() throws IOException {
    assertTypedFailure(write("text.h5", "{\"class_name\": \"Sequential\"}\n".getBytes(StandardCharsets.UTF_8)));
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertTypedFailure(write("bundle.h5", zip));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 64, 96, 511, 512, 1024, 4096, 40_000, 300_000, 626_036, 1_000_000, 1_248_000,
      1_252_000, 1_252_071})
  void truncatedFileIsRejected(int length) throws IOException {
    byte[] all = golden();
    assertThat(length).isLessThan(all.length);
    assertTypedFailure(write("truncated-" + length + ".h5", Arrays.copyOf(all, length)));
  }

  @Test
  void randomBytesAreRejected() throws IOException {
    Random rnd = new Random(42);
    for (int n : new int[] {1, 16, 4096, 1 << 20}) {
      byte[] b = new byte[n];
      rnd.nextBytes(b);
      assertTypedFailure(write("random-" + n + ".h5", b));
    }
  }

  @Test
  void randomBytesBehindAnHdf5SignatureAreRejected() throws IOException {
    Random rnd = new Random(7);
    byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[4096];
      rnd.nextBytes(b);
      System.arraycopy(sig, 0, b, 0, sig.length);
      b[8] = (byte) rnd.nextInt(4); // superblock version 0..3
      assertTypedFailure(write("sig-" + i + ".h5", b));
    }
  }

  /**
   * Flipped bytes: in the structure (superblock, object headers, heaps, B-trees, attributes) they must give a
   * typed error; in weight values they may give a model (HDF5 has no checksum over data), never anything
   * else.
   */
  @Test
  void flippedBytesGiveATypedErrorOrAModel() throws IOException {
    byte[] all = golden();
    Random rnd = new Random(1234);
    int failures = 0;
    int models = 0;
    for (int i = 0; i < 150; i++) {
      byte[] b = all.clone();
      int flips = 1 + rnd.nextInt(8);
      for (int k = 0; k < flips; k++) {
        // most flips in the first 8 KiB and the last 64 KiB, where the structure lives
        int pos = switch (rnd.nextInt(3)) {
          case 0 -> rnd.nextInt(8192);
          case 1 -> all.length - 1 - rnd.nextInt(65536);
          default -> rnd.nextInt(all.length);
        };
        b[pos] ^= (byte) (1 + rnd.nextInt(255));
      }
      Path p = write("flip-" + i + ".h5", b);
      try {
        KerasImport.read(p).toBundle();
        models++;
      } catch (KerasImportException e) {
        assertThat(e).hasMessageStartingWith(p.toString());
        failures++;
      } catch (IllegalArgumentException e) {
        // a flip in the config that still parses, e.g. units 256 -> 2 with matching weights: rejected by toBundle
        failures++;
      }
      Files.delete(p);
    }
    assertThat(failures).isPositive();
    assertThat(failures + models).isEqualTo(150);
  }
}
