package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.WavWriter;
import org.ser4j.data.SyntheticTess;

/**
 * Every {@code ser} command against hostile files generated here (nothing binary is checked in): each run ends
 * with a documented exit code, one line of reason per bad input, no stack trace, and the inputs unchanged;
 * the streaming commands run a 30-minute file in a child JVM with a 64 MB heap.
 */
class HostileInputSuiteTest {

  @TempDir static Path dir;
  static Path hostile;
  static Path good;
  static Path model;
  static Map<Path, String> digests;

  /** name -> content of each hostile file. */
  static Map<String, byte[]> files() {
    Map<String, byte[]> f = new LinkedHashMap<>();
    f.put("empty.wav", new byte[0]);
    f.put("text.wav", "this is not audio, just words\n".repeat(10).getBytes(StandardCharsets.UTF_8));
    f.put("riff-only.wav", wavHeader(1, 1, 8000, 16, 2, 0, false));
    f.put("truncated-header.wav", Arrays.copyOf(wavHeader(1, 1, 8000, 16, 2, 100, true), 30));
    f.put("adpcm.wav", withData(wavHeader(2, 1, 8000, 4, 256, 256, true), 256));
    f.put("zero-channels.wav", withData(wavHeader(1, 0, 8000, 16, 2, 100, true), 100));
    f.put("rate-zero.wav", withData(wavHeader(1, 1, 0, 16, 2, 100, true), 100));
    f.put("bits-99.wav", withData(wavHeader(1, 1, 8000, 99, 2, 100, true), 100));
    f.put("nan.wav", nanWav());
    f.put("junk-chunks.wav", junkChunks(20_000));
    f.put("aiff-inf-rate.aiff", aiffInfRate());
    f.put("ext-bad-guid.wav", extensibleBadGuid());
    return f;
  }

  @BeforeAll
  static void setUp() throws IOException {
    hostile = Files.createDirectories(dir.resolve("hostile"));
    for (Map.Entry<String, byte[]> e : files().entrySet()) {
      Files.write(hostile.resolve(e.getKey()), e.getValue());
    }
    Files.createDirectories(hostile.resolve("folder.wav"));
    Files.createSymbolicLink(hostile.resolve("dangling.wav"), hostile.resolve("nowhere.wav"));
    Files.createSymbolicLink(hostile.resolve("loop"), hostile);
    Files.write(hostile.resolve("binary.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3});
    good = OutputSafetyTest.tone(dir.resolve("good/OAF_back_angry.wav"), 8000, 0.8);
    Path corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 1, 3);
    model = dir.resolve("m.ser4j");
    CliRun train = CliRun.of("train", "--data", corpus.toString(), "--preset", "notebook", "--epochs", "1",
        "--no-cache", "--out", model.toString());
    assertThat(train.exitCode()).as(train.out() + train.err()).isZero();
    digests = digests();
  }

  static Map<Path, String> digests() throws IOException {
    Map<Path, String> d = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(hostile)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        d.put(p, sha(p));
      }
    }
    d.put(good, sha(good));
    d.put(model, sha(model));
    return d;
  }

  static String sha(Path p) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static void assertClean(CliRun run, Set<Integer> codes, String what) {
    String all = run.out() + run.err();
    assertThat(run.exitCode()).as(what + "\n" + all).isIn(codes);
    assertThat(all).as(what).doesNotContain("\tat ").doesNotContain("Exception in thread")
        .doesNotContain("Caused by").doesNotContain("picocli WARN").doesNotContain(".tmp");
  }

  /** Lines of the run that name {@code file}. */
  static long linesNaming(CliRun run, Path file) {
    return (run.out() + run.err()).lines().filter(l -> l.contains(file.getFileName().toString())).count();
  }

  @Test
  void everyCommandOnEveryHostileFileEndsWithOneLineOfReason() throws IOException {
    List<Path> bad = new ArrayList<>();
    for (String name : files().keySet()) {
      bad.add(hostile.resolve(name));
    }
    bad.add(hostile.resolve("folder.wav"));
    bad.add(hostile.resolve("dangling.wav"));
    bad.add(hostile.resolve("absent.wav"));
    Path out = Files.createDirectories(dir.resolve("out"));
    for (Path f : bad) {
      String n = f.getFileName().toString();
      boolean nonFinite = n.equals("nan.wav");
      CliRun inspect = CliRun.of("inspect", f.toString());
      // the all-NaN file is well-formed: inspect decodes it; everything else fails
      assertClean(inspect, nonFinite ? Set.of(0) : Set.of(1), "inspect " + n);
      CliRun convert = CliRun.of("convert", f.toString(), out.resolve("c-" + n).toString(), "--sr", "16000");
      assertClean(convert, Set.of(1), "convert " + n);
      assertThat(linesNaming(convert, f)).as("convert " + n + ":\n" + convert.err()).isEqualTo(1);
      assertThat(out.resolve("c-" + n)).doesNotExist();
      CliRun features = CliRun.of("features", f.toString(), "--out", out.resolve("f-" + n).toString());
      assertClean(features, Set.of(1), "features " + n);
      CliRun predict = CliRun.of("predict", "--model", model.toString(), f.toString());
      assertClean(predict, Set.of(1), "predict " + n);
      assertThat(linesNaming(predict, f)).as("predict " + n + ":\n" + predict.out()).isEqualTo(1);
      assertThat(predict.out()).as("predict " + n).contains(": FAILED: ");
    }
    // a whole folder of them at once: one line per bad file, loops and dangling links named
    CliRun inspectAll = CliRun.of("inspect", hostile.toString());
    assertClean(inspectAll, Set.of(1), "inspect folder");
    assertThat(inspectAll.out()).contains("symbolic link loop").contains("dangling symbolic link");
    for (String name : files().keySet()) {
      assertThat(linesNaming(inspectAll, hostile.resolve(name))).as(name + "\n" + inspectAll.out()).isEqualTo(1);
    }
    assertClean(CliRun.of("corpus", hostile.toString()), Set.of(1), "corpus");
    assertClean(CliRun.of("split", hostile.toString(), "--by", "random", "--out", out.resolve("m.csv").toString()),
        Set.of(1), "split");
    assertClean(CliRun.of("train", "--data", hostile.toString(), "--no-cache", "--out",
        out.resolve("t.ser4j").toString()), Set.of(1), "train");
    assertClean(CliRun.of("evaluate", "--model", model.toString(), "--data", hostile.toString()), Set.of(1),
        "evaluate");
    assertClean(CliRun.of("evaluate", "--model", model.toString(), "--manifest",
        hostile.resolve("binary.csv").toString()), Set.of(1), "evaluate binary manifest");
    assertClean(CliRun.of("predict", "--model", hostile.resolve("text.wav").toString(), good.toString()), Set.of(1),
        "predict with a non-model");
    assertClean(CliRun.of("reproduce", "--data", hostile.toString(), "--out", out.resolve("r").toString(),
        "--epochs", "1"), Set.of(1), "reproduce");
    assertClean(CliRun.of("reproduce", "--out", hostile.resolve("text.wav").toString()), Set.of(2),
        "reproduce into a file");
    assertThat(digests()).as("inputs unchanged").isEqualTo(digests);
  }

  @Test
  void outputsThatAreInputsOrSpecialFilesAreUsageErrors() throws IOException {
    Path text = hostile.resolve("text.wav");
    assertClean(CliRun.of("convert", good.toString(), good.toString()), Set.of(2), "convert onto itself");
    assertClean(CliRun.of("convert", good.toString(), hostile.resolve("folder.wav").toString()), Set.of(2),
        "convert onto a folder");
    assertClean(CliRun.of("features", good.toString(), "--out", good.toString(), "--pool", "mean"), Set.of(2),
        "features onto its input");
    assertClean(CliRun.of("split", dir.resolve("good").toString(), "--by", "random", "--out", text.toString()
        + "/m.csv"), Set.of(1), "split under a file");
    assertClean(CliRun.of("train", "--data", dir.resolve("tess").toString(), "--out", hostile.toString()),
        Set.of(2), "train into a folder");
    assertThat(digests()).as("inputs unchanged").isEqualTo(digests);
  }

  @Test
  void thirtyMinutesAt8kHzStreamInA64MbHeap() throws Exception {
    Path longWav = dir.resolve("long/thirty-minutes.wav");
    Files.createDirectories(longWav.getParent());
    int rate = 8000;
    long frames = 30L * 60 * rate;
    // written block by block with the streaming writer: the test itself stays small too
    long[] at = {0};
    WavWriter.write(rate, 1, longWav, WavWriter.Encoding.PCM16, (dest, max) -> {
      int n = (int) Math.min(max, frames - at[0]);
      if (n <= 0) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        long t = at[0] + i;
        dest[0][i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + (t / 8000) % 50) * t / rate));
      }
      at[0] += n;
      return n;
    });
    String before = sha(longWav);
    Path converted = dir.resolve("long/16k.wav");
    Path table = dir.resolve("long/mean.csv");

    String convert = child("convert", longWav.toString(), converted.toString(), "--sr", "16000");
    String features = child("features", longWav.toString(), "--out", table.toString(), "--pool", "mean");

    assertThat(convert).contains("16000 Hz").contains("1800.000 s");
    assertThat(AudioReader.probe(converted).frames()).isEqualTo(2 * frames);
    assertThat(features).contains("1 file(s): 1 done, 0 failed");
    assertThat(Files.readAllLines(table)).hasSize(2);
    assertThat(sha(longWav)).isEqualTo(before);
  }

  @Test
  void aSparse3GbWavClaimingFourGigabytesNeverRunsOutOfMemory() throws Exception {
    Path sparse = dir.resolve("sparse/huge.wav");
    Files.createDirectories(sparse.getParent());
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
      byte[] h = wavHeader(1, 1, 8000, 16, 2, 0xFFFFFFFFL, true);
      raf.write(h);
      raf.setLength(3L << 30); // sparse: no disk used
    }
    String features = childExit(1, "features", sparse.toString(), "--out", dir.resolve("sparse/f").toString());
    assertThat(features).contains(sparse + ": FAILED: ").contains("MFCC frames need");
    String convert = childExit(1, "convert", sparse.toString(), dir.resolve("sparse/c.wav").toString(), "--sr",
        "16000");
    assertThat(convert).contains("error: " + sparse).contains("more than a WAV file can");
    // a file that long is classified window by window, block by block: for 10 s (of the 56 hours it claims)
    // windows come out and the heap stays within 64 MB
    String predict = childFor(10, "predict", "--model", model.toString(), sparse.toString());
    assertThat(predict).startsWith(sparse + " [0.00-");
    assertThat(dir.resolve("sparse/c.wav")).doesNotExist();
  }

  /** Runs {@code ser ARGS} in a child JVM with a 64 MB heap; returns its output after asserting exit 0. */
  static String child(String... args) throws Exception {
    return childExit(0, args);
  }

  /** Runs {@code ser ARGS} in a child JVM with a 64 MB heap; returns its output after asserting the exit code. */
  static String childExit(int exitCode, String... args) throws Exception {
    ChildRun run = runChild(120, args);
    assertThat(run.finished()).as("ser " + String.join(" ", args) + " did not finish in 120 s\n" + run.out()).isTrue();
    assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out()).isEqualTo(exitCode);
    return run.out();
  }

  /**
   * Runs {@code ser ARGS} in a child JVM with a 64 MB heap for {@code seconds}, then stops it; returns its
   * output after asserting that it was still working (or had finished with exit 0) and never ran out of memory.
   */
  static String childFor(int seconds, String... args) throws Exception {
    ChildRun run = runChild(seconds, args);
    if (run.finished()) {
      assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out()).isZero();
    }
    return run.out();
  }

  /** What a child JVM printed, whether it finished in time, and its exit code (-1 when stopped). */
  record ChildRun(boolean finished, int exitCode, String out) {}

  /**
   * Runs {@code ser ARGS} in a child JVM with a 64 MB heap, stopping it after {@code seconds}; asserts that it
   * never ran out of memory nor printed a stack trace.
   */
  static ChildRun runChild(int seconds, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp",
        System.getProperty("java.class.path"), SerCli.class.getName()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("ser-child", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(out).doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
    return new ChildRun(done, done ? p.exitValue() : -1, out);
  }

  // ---- hostile file makers ----

  static byte[] wavHeader(int tag, int channels, int rate, int bits, int blockAlign, long dataSize, boolean data) {
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt((int) (36 + dataSize)).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
        .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
    if (data) {
      b.put(ascii("data")).putInt((int) dataSize);
      return b.array();
    }
    return Arrays.copyOf(b.array(), 36);
  }

  static byte[] withData(byte[] header, int n) {
    byte[] out = Arrays.copyOf(header, header.length + n);
    for (int i = header.length; i < out.length; i++) {
      out[i] = (byte) (i * 31);
    }
    return out;
  }

  static byte[] nanWav() {
    int n = 4000;
    ByteBuffer b = ByteBuffer.allocate(44 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put(wavHeader(3, 1, 8000, 32, 4, 4L * n, true));
    for (int i = 0; i < n; i++) {
      b.putFloat(Float.NaN);
    }
    return b.array();
  }

  static byte[] junkChunks(int n) {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(4 + 8 * n).put(ascii("WAVE"));
    for (int i = 0; i < n; i++) {
      b.put(ascii("junk")).putInt(0);
    }
    return b.array();
  }

  static byte[] aiffInfRate() {
    ByteBuffer b = ByteBuffer.allocate(12 + 26 + 24).order(ByteOrder.BIG_ENDIAN);
    b.put(ascii("FORM")).putInt(4 + 26 + 24).put(ascii("AIFF"));
    b.put(ascii("COMM")).putInt(18).putShort((short) 1).putInt(4).putShort((short) 16)
        .put(HexFormat.of().parseHex("7FFF8000000000000000"));
    b.put(ascii("SSND")).putInt(16).putInt(0).putInt(0).putLong(0);
    return b.array();
  }

  static byte[] extensibleBadGuid() {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 40 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(4 + 48 + 16).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(16000)
        .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4);
    b.put(HexFormat.of().parseHex("0100000000001000800000aa00389b72")); // last byte off by one
    b.put(ascii("data")).putInt(8).putLong(0x0102030405060708L);
    return b.array();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
