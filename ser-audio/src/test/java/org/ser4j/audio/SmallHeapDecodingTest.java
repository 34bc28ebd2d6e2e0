package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ser4j.audio.TestAudioFiles.RATE_8000;
import static org.ser4j.audio.TestAudioFiles.aiff;
import static org.ser4j.audio.TestAudioFiles.wav;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers that claim gigabytes of audio or tens of thousands of channels must not make the decoder allocate
 * from those numbers: a child JVM with a 32 MB heap decodes such files and must finish normally with the
 * expected warnings and typed errors.
 */
class SmallHeapDecodingTest {

  @Test
  void hugeHeaderClaimsDecodeInA32MbHeapWithoutOutOfMemory(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    boolean finished = p.waitFor(60, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      p.destroyForcibly();
    }
    assertThat(finished).as("child finished in time; output:\n" + out).isTrue();
    assertThat(p.exitValue()).as("child exit code; output:\n" + out).isZero();
    assertThat(out)
        .contains("wav-4gb-data: decoded 500 frames; warning: data chunk declares 4294967280 bytes but only 1000 are present")
        .contains("wav-65535-channels: MalformedAudioException")
        .contains("65535 channels")
        .contains("aiff-4gb-1024ch: decoded 2 frames; warning: SSND chunk declares")
        .contains("wav-huge-fmt: MalformedAudioException")
        .contains("ext-1024ch-unknown: decoded 1 frames; warning: data chunk size is unknown")
        .contains("probe-4gb: frames=500")
        .doesNotContain("OutOfMemoryError");
  }

  /** Runs in the child JVM: writes the crafted files, decodes each, prints one line per outcome. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      List<String[]> files = new ArrayList<>();
      write(dir, files, "wav-4gb-data", wav(1, 1, 8000, 16).data(new byte[1000])
          .dataSize(0xFFFFFFF0L).riffSize(0xFFFFFFF8L).build());
      write(dir, files, "wav-65535-channels", wav(1, 65535, 8000, 16).blockAlign(65535 * 2 & 0xFFFF)
          .data(new byte[1000]).dataSize(0xFFFFFFF0L).build());
      write(dir, files, "aiff-4gb-1024ch", aiff(1024, 64, RATE_8000).aifc("fl64").data(new byte[2 * 8192 + 5])
          .numFrames(0xFFFFFFFFL).ssndSize(0xFFFFFFF0L).build());
      write(dir, files, "wav-huge-fmt", TestAudioFiles.concat(TestAudioFiles.ascii("RIFF"),
          TestAudioFiles.le(4, 0xFFFFFFF0L), TestAudioFiles.ascii("WAVEfmt "), TestAudioFiles.le(4, 0xFFFFFFF0L),
          TestAudioFiles.le(2, 1, 1), TestAudioFiles.le(4, 8000, 16000), TestAudioFiles.le(2, 2, 16)));
      write(dir, files, "ext-1024ch-unknown", wav(0xFFFE, 1024, 8000, 64).extensible(3)
          .data(new byte[8192 + 100]).dataSize(0xFFFFFFFFL).build());
      for (String[] f : files) {
        String name = f[0];
        try {
          AudioClip clip = AudioReader.read(Path.of(f[1]));
          System.out.println(name + ": decoded " + clip.frameCount() + " frames; warning: "
              + String.join(" | ", clip.warnings()));
        } catch (AudioFormatException e) {
          System.out.println(name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
      System.out.println("probe-4gb: frames=" + AudioReader.probe(Path.of(files.get(0)[1])).frames());
    }

    private static void write(Path dir, List<String[]> files, String name, byte[] content) throws Exception {
      Path f = dir.resolve(name + ".bin");
      Files.write(f, content);
      files.add(new String[] {name, f.toString()});
    }
  }

}
