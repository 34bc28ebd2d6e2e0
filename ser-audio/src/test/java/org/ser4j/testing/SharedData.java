package org.ser4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test data for every module: the librosa golden files copied into test resources ({@code /golden/...} on
 * the class path; ser-audio's test-jar carries the audio ones), and the real TESS recordings read in place
 * from {@code ../shared/tess-sample} (licence: never copied into the project).
 *
 * <p>{@code ../shared} is found from the system property {@code ser4j.shared.dir} (set by the parent POM from
 * {@code maven.multiModuleProjectDirectory}), else by walking up from the working directory.
 */
public final class SharedData {

  private SharedData() {}

  /** A golden file from test resources, as a path. Fails the test if it is not on the class path. */
  public static Path golden(String name) {
    URL url = SharedData.class.getResource("/golden/" + name);
    if (url == null) {
      throw new IllegalStateException("golden file /golden/" + name + " is not on the test class path");
    }
    if (!"file".equals(url.getProtocol())) {
      // inside a jar (a test-jar dependency): copy out once
      try (InputStream in = url.openStream()) {
        Path dir = Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir"), "ser4j-golden"));
        Path out = dir.resolve(name);
        if (!Files.exists(out)) {
          Path tmp = Files.createTempFile(dir, name, ".part");
          Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A golden CSV (no header, comma-separated) as rows of doubles. */
  public static double[][] goldenMatrix(String name) {
    try {
      List<String> lines = Files.readAllLines(golden(name), StandardCharsets.US_ASCII);
      List<double[]> rows = new ArrayList<>(lines.size());
      for (String line : lines) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          row[i] = Double.parseDouble(cells[i].trim());
        }
        rows.add(row);
      }
      return rows.toArray(new double[0][]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-column golden CSV (e.g. {@code decoded_*.csv}) as a flat array. */
  public static double[] goldenVector(String name) {
    double[][] m = goldenMatrix(name);
    double[] v = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      v[i] = m[i][0];
    }
    return v;
  }

  /** {@code ../shared}, if it can be found. */
  public static Optional<Path> sharedDir() {
    String prop = System.getProperty("ser4j.shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Optional.of(Paths.get(prop).toAbsolutePath().normalize());
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("tess-sample")) || Files.isDirectory(candidate.resolve("golden"))) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  /** {@code ../shared/tess-sample}, if present. */
  public static Optional<Path> tessSample() {
    return sharedDir().map(d -> d.resolve("tess-sample")).filter(Files::isDirectory);
  }

  /**
   * {@code ../shared/tess-sample}, or skips the calling test with a message saying why (the folder is absent
   * in a user's clone; it is present in CI).
   */
  public static Path requireTessSample() {
    Optional<Path> dir = tessSample();
    assumeTrue(dir.isPresent(),
        "skipped: ../shared/tess-sample (real TESS recordings, not redistributable) is not beside this"
            + " checkout; set -Dser4j.shared.dir=/path/to/shared to run this test");
    return dir.get();
  }
}
