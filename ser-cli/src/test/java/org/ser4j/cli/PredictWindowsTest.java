package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;

/** {@code ser predict} on long files: sliding windows, one line each plus the overall result, constant memory. */
class PredictWindowsTest {

  static final List<String> LABELS = List.of("angry", "disgust", "fear", "happy", "neutral", "ps", "sad");

  @TempDir static Path dir;
  static Path model;

  @BeforeAll
  static void writeModel() throws IOException {
    Random r = new Random(5);
    model = dir.resolve("stats.ser4j");
    FeatureSpec spec = FeatureSpec.stats();
    ModelBundle.builder().sequenceInput()
        .addLayer(new LstmLayer(240, 4, random(r, 240 * 16, 0.1), random(r, 4 * 16, 0.3), random(r, 16, 0.2)))
        .addLayer(new DenseLayer(4, 7, random(r, 28, 0.5), random(r, 7, 0.1), Activation.SOFTMAX))
        .labels(LABELS).featurePreset("stats").featureConfig(spec.toMap()).build().write(model);
  }

  static float[] random(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  /** A mono 16-bit WAV of {@code seconds} of seeded noise bursts, written block by block. */
  static Path wav(String name, int rate, int seconds, boolean silentMiddle) throws IOException {
    Path f = dir.resolve(name);
    long frames = (long) rate * seconds;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
      ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + 2 * frames))
          .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
          .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
          .put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) (2 * frames));
      out.write(h.array());
      Random rnd = new Random(seconds);
      byte[] block = new byte[2 * rate];
      for (int s = 0; s < seconds; s++) {
        boolean silent = silentMiddle && s >= seconds / 3 && s < 2 * seconds / 3;
        double amp = silent ? 0 : 2000 + 6000 * Math.abs(Math.sin(s * 0.7));
        for (int i = 0; i < rate; i++) {
          short v = (short) (amp * Math.sin(2 * Math.PI * (150 + 50 * (s % 5)) * i / rate) + amp / 4 * rnd.nextGaussian());
          block[2 * i] = (byte) v;
          block[2 * i + 1] = (byte) (v >> 8);
        }
        out.write(block);
      }
    }
    return f;
  }

  @Test
  void aLongFileIsClassifiedInWindowsThenOverall() throws IOException {
    Path f = wav("long.wav", 16000, 15, true);
    CliRun run = CliRun.of("predict", "--model", model.toString(), f.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    String[] lines = run.outLines();
    // 15 s > 4 windows of 3 s: windows of 3 s every 1.5 s: 9 full windows, the last ending at 15 s
    assertThat(lines).hasSize(10);
    assertThat(lines[0]).startsWith(f + " [0.00-3.00 s]: ");
    assertThat(lines[8]).startsWith(f + " [12.00-15.00 s]: ");
    assertThat(lines[9]).startsWith(f + " [overall]: ").contains("(9 windows of 3.00 s every 1.50 s, 1 silent (left out))");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("[quality: silence"))).hasSize(1);

    CliRun json = CliRun.of("predict", "--model", model.toString(), "--json", "--window", "5", "--hop", "5",
        f.toString());
    assertThat(json.exitCode()).isZero();
    assertThat(json.outLines()).hasSize(4);
    assertThat(json.outLines()[0]).startsWith("{\"file\": ").contains("\"start\": 0.000, \"end\": 5.000");
    assertThat(json.outLines()[3]).contains("\"overall\": true, \"windows\": 3");
  }

  @Test
  void aShortFileStaysOneLineUnlessAWindowIsAsked() throws IOException {
    Path f = wav("short.wav", 16000, 4, false);
    CliRun run = CliRun.of("predict", "--model", model.toString(), f.toString());
    assertThat(run.outLines()).hasSize(1);
    assertThat(run.outLines()[0]).startsWith(f + ": ");
    CliRun windows = CliRun.of("predict", "--model", model.toString(), "--window", "2", "--hop", "1", f.toString());
    assertThat(windows.outLines()).hasSize(4);
    CliRun bad = CliRun.of("predict", "--model", model.toString(), "--window", "0", f.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void silenceIsFlaggedNotJustClassified() throws IOException {
    Path f = dir.resolve("silence.wav");
    org.ser4j.audio.WavWriter.write(org.ser4j.audio.AudioClip.ofMono(16000, new float[32000]), f,
        org.ser4j.audio.WavWriter.Encoding.PCM16);
    CliRun run = CliRun.of("predict", "--model", model.toString(), f.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("[quality: silence: every sample is zero]");
    CliRun json = CliRun.of("predict", "--model", model.toString(), "--json", f.toString());
    assertThat(json.out()).contains("\"quality\": [\"silence: every sample is zero\"]");
  }

  @Test
  void thirtyMinutesAt8kHzPredictInA64MbHeap() throws Exception {
    Path f = wav("thirty-minutes.wav", 8000, 30 * 60, false);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), SerCli.class.getName(), "predict", "--model",
        model.toString(), "--window", "6", "--hop", "6", f.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] outBytes = p.getInputStream().readAllBytes();
    boolean finished = p.waitFor(300, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    String out = new String(outBytes, StandardCharsets.UTF_8);
    assertThat(finished).isTrue();
    assertThat(p.exitValue()).as(out.length() > 2000 ? out.substring(out.length() - 2000) : out).isZero();
    assertThat(out).doesNotContain("OutOfMemoryError").contains(f + " [1794.00-1800.00 s]: ")
        .contains(f + " [overall]: ").contains("(300 windows of 6.00 s every 6.00 s)");
  }
}
