package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.WavWriter;

/** No command destroys its input, loses one of two results, or replaces a link, FIFO or device. */
class OutputSafetyTest {

  @TempDir Path dir;

  static Path tone(Path file, int rate, double seconds) throws IOException {
    int n = (int) (rate * seconds);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate) + 0.1 * Math.sin(2 * Math.PI * 1250 * i / rate));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    WavWriter.write(AudioClip.ofMono(rate, x), file, WavWriter.Encoding.PCM16);
    return file;
  }

  @Test
  void convertRefusesToWriteOverItsOwnInputEvenSpelledDifferently() throws IOException {
    Path a = tone(dir.resolve("d/a.wav"), 16000, 0.5);
    byte[] before = Files.readAllBytes(a);

    CliRun same = CliRun.of("convert", a.toString(), a.toString(), "--mono", "--sr", "8000");
    CliRun dotted = CliRun.of("convert", a.toString(), dir.resolve("d/../d/a.wav").toString(), "--sr", "8000");
    Files.createSymbolicLink(dir.resolve("link.wav"), a);
    CliRun viaLink = CliRun.of("convert", a.toString(), dir.resolve("link.wav").toString(), "--sr", "8000");
    Files.createLink(dir.resolve("hard.wav"), a);
    CliRun viaHardLink = CliRun.of("convert", a.toString(), dir.resolve("hard.wav").toString(), "--sr", "8000");

    for (CliRun run : new CliRun[] {same, dotted, viaLink, viaHardLink}) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains("is the input").doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(Files.readAllBytes(a)).isEqualTo(before);
  }

  @Test
  void featuresRefusesToWriteItsTableOverAnInput() throws IOException {
    Path c = tone(dir.resolve("c.wav"), 16000, 0.5);
    byte[] before = Files.readAllBytes(c);

    CliRun run = CliRun.of("features", c.toString(), "--out", c.toString(), "--pool", "mean");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("is the input");
    assertThat(Files.readAllBytes(c)).isEqualTo(before);
  }

  @Test
  void featuresRefusesTwoInputsThatWouldShareAnOutputNamingBoth() throws IOException {
    Path a1 = tone(dir.resolve("d1/a.wav"), 16000, 0.5);
    Path a2 = tone(dir.resolve("d2/a.wav"), 16000, 0.5);
    Path out = dir.resolve("o");

    CliRun run = CliRun.of("features", a1.toString(), a2.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(a1.toString()).contains(a2.toString()).contains("would both be written to");
    assertThat(out).doesNotExist();

    // the same in one folder: a.wav beside a.aiff
    tone(dir.resolve("side/a.wav"), 16000, 0.5);
    Files.copy(a1, dir.resolve("side/a.aiff")); // WAV content under an AIFF name is decoded by content
    CliRun side = CliRun.of("features", dir.resolve("side").toString(), "--out", out.toString());
    assertThat(side.exitCode()).isEqualTo(2);
    assertThat(side.err()).contains("a.aiff").contains("a.wav");
  }

  @Test
  void anOutputSymlinkIsWrittenThroughAndStaysALink() throws IOException {
    Path in = tone(dir.resolve("in.wav"), 16000, 0.5);
    Path real = Files.writeString(dir.resolve("real.wav"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("out.wav"), real.getFileName());

    CliRun run = CliRun.of("convert", in.toString(), link.toString(), "--sr", "8000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(AudioReader.probe(real).sampleRate()).isEqualTo(8000);
  }

  @Test
  void fifosAndDevicesAreRefusedNotReplaced() throws Exception {
    Path in = tone(dir.resolve("in.wav"), 16000, 0.5);
    // a device node of our own (never the system's /dev/null: a regression run as root would replace it)
    Path dev = dir.resolve("null-device");
    if (new ProcessBuilder("mknod", dev.toString(), "c", "1", "3").start().waitFor() == 0) {
      CliRun device = CliRun.of("convert", in.toString(), dev.toString());
      assertThat(device.exitCode()).isEqualTo(2);
      assertThat(device.err()).contains("null-device").contains("not a regular file");
      assertThat(Files.isRegularFile(dev, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    Path fifo = dir.resolve("fifo.wav");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo unavailable");
    CliRun run = CliRun.of("convert", in.toString(), fifo.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("fifo.wav").contains("not a regular file");
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void writeFailuresNameTheUsersFileAndTheReasonNotATemporaryFile() throws IOException {
    Path in = tone(dir.resolve("in.wav"), 16000, 0.5);
    Path locked = Files.createDirectories(dir.resolve("locked"));
    assumeTrue(locked.toFile().setWritable(false) && !Files.isWritable(locked), "running as root");
    try {
      CliRun run = CliRun.of("convert", in.toString(), locked.resolve("o.wav").toString());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err().strip()).isEqualTo("error: " + locked.resolve("o.wav") + ": permission denied");
    } finally {
      locked.toFile().setWritable(true);
    }
  }
}
