package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

class FeaturesCommandTest {

  @TempDir Path dir;

  private static final List<String> NAMES =
      List.of("sine440_22050", "chirp_22050", "noise_16000", "voice_24414", "voice_24414_stereo_pcm24");

  private Path goldenWavs() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in/sub"));
    for (String name : NAMES) {
      Files.copy(SharedData.golden(name + ".wav"), in.resolve(name + ".wav"));
    }
    return dir.resolve("in");
  }

  private static double[][] readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith("c0,c1,");
    return lines.stream().skip(1)
        .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  @Test
  void perFileMatricesReproduceLibrosaMfccAtNativeRate() throws IOException {
    Path in = goldenWavs();
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("features", in.toString(), "--out", out.toString(), "--sr", "native",
        "--n-mfcc", "40", "--pool", "none");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    for (String name : NAMES) {
      double[][] actual = readCsv(out.resolve("sub").resolve(name + ".csv"));
      double[][] expected = SharedData.goldenMatrix("mfcc_" + name + ".csv");
      assertThat(actual.length).as(name + " frames").isEqualTo(expected.length);
      for (int t = 0; t < expected.length; t++) {
        for (int k = 0; k < 40; k++) {
          // golden/README: |a - b| <= 2e-3 + 1e-4 |b| for a float32 implementation
          assertThat(actual[t][k]).as("%s frame %d coef %d", name, t, k)
              .isCloseTo(expected[t][k], within(2e-3 + 1e-4 * Math.abs(expected[t][k])));
        }
      }
    }
  }

  @Test
  void pooledTableHasARowPerFileAndNpyLoadsWithItsShape() throws IOException {
    Path in = goldenWavs();
    Path csv = dir.resolve("mean.csv");
    CliRun run = CliRun.of("features", in.toString(), "--out", csv.toString(), "--sr", "native", "--n-mfcc", "40",
        "--pool", "mean");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(1 + NAMES.size());
    assertThat(lines.get(0)).startsWith("path,c0,c1,").endsWith(",c39");
    String sineRow = lines.stream().filter(l -> l.contains("sine440_22050.wav")).findFirst().orElseThrow();
    double[] expected = SharedData.goldenMatrix("mean40_sine440_22050.csv")[0];
    String[] cells = sineRow.split(",");
    for (int k = 0; k < 40; k++) {
      assertThat(Double.parseDouble(cells[k + 1])).isCloseTo(expected[k], within(2e-3 + 1e-4 * Math.abs(expected[k])));
    }

    Path npy = dir.resolve("mean.npy");
    assertThat(CliRun.of("features", in.toString(), "--out", npy.toString(), "--format", "npy", "--deltas",
        "--pool", "mean").exitCode()).isZero();
    byte[] bytes = Files.readAllBytes(npy);
    assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
    assertThat((10 + headerLen) % 64).isZero();
    assertThat(header).contains("'descr': '<f4'").contains("'shape': (5, 60)");
    assertThat(bytes.length).isEqualTo(10 + headerLen + 5 * 60 * 4);
    assertThat(Files.readAllLines(dir.resolve("mean.npy.paths.txt"))).hasSize(5);
  }

  @Test
  void badFilesAreReportedOneLineEachAndTheRestAreWritten() throws IOException {
    Path in = goldenWavs();
    Files.writeString(in.resolve("broken.wav"), "nope, not audio at all: ".repeat(20));
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("features", in.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).containsPattern("broken\\.wav: FAILED: .*not a WAV or AIFF file");
    assertThat(run.out()).contains("6 file(s): 5 done, 1 failed");
    assertThat(out.resolve("sub/chirp_22050.csv")).exists();
    assertThat(out.resolve("broken.csv")).doesNotExist();
  }

  @Test
  void invalidMfccOptionsAreUsageErrorsNamingTheParameter() {
    CliRun run = CliRun.of("features", dir.toString(), "--out", dir.resolve("o").toString(), "--n-mfcc", "200");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nMfcc");
  }

  @Test
  void pooledTableRoundTripsNamesWithCommasQuotesAndLineBreaks() throws IOException {
    Path odd = OutputSafetyTest.tone(dir.resolve("in/a, \"b\"\nc.wav"), 16000, 0.5);
    Path csv = dir.resolve("t.csv");

    CliRun run = CliRun.of("features", odd.toString(), "--out", csv.toString(), "--pool", "mean");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<org.ser4j.data.Csv.Row> rows = org.ser4j.data.Csv.parse(Files.readString(csv));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).cells().get(0)).isEqualTo("path");
    assertThat(rows.get(1).cells().get(0)).isEqualTo(odd.toString());
    assertThat(rows.get(1).cells()).hasSize(21);
  }

  @Test
  void longFilesAreStreamedAndGiveTheSameFeaturesAsTheWholeFile() throws IOException {
    // a signal with no near-silent band, so that top_db clamping (the only streamed difference) never acts
    int rate = 22050;
    float[] x = new float[rate * 2];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.2 * r.nextGaussian());
    }
    Path f = dir.resolve("noise.wav");
    org.ser4j.audio.WavWriter.write(org.ser4j.audio.AudioClip.ofMono(rate, x), f,
        org.ser4j.audio.WavWriter.Encoding.FLOAT32);
    FeaturesCommand whole = new FeaturesCommand();
    FeaturesCommand streamed = new FeaturesCommand();
    for (FeaturesCommand c : new FeaturesCommand[] {whole, streamed}) {
      picocli.CommandLine cl = new picocli.CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true);
      cl.parseArgs(f.toString(), "--out", dir.resolve("o").toString(), "--deltas");
      c.spec = cl.getCommandSpec();
    }
    streamed.streamAbove = 0;
    org.ser4j.audio.LoadOptions load = org.ser4j.audio.LoadOptions.builder().sampleRate(22050).build();

    float[][] a = whole.features(f, load);
    float[][] b = streamed.features(f, load);

    assertThat(b.length).isEqualTo(a.length);
    for (int t = 0; t < a.length; t++) {
      assertThat(b[t]).as("frame %d", t).containsExactly(a[t]);
    }
  }
}
