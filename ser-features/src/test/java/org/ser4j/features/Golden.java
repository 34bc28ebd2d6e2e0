package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.ser4j.testing.SharedData;

/** Golden-file access and element-wise comparison for the parity tests. */
final class Golden {

  private Golden() {}

  /** {@code decoded_NAME.csv} cast to float32, as librosa fed it to {@code mfcc}. */
  static float[] signal(String name) {
    double[] d = SharedData.goldenVector("decoded_" + name + ".csv");
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static double[][] matrix(String file) {
    return SharedData.goldenMatrix(file);
  }

  static float[][] floatMatrix(String file) {
    double[][] d = matrix(file);
    float[][] f = new float[d.length][];
    for (int i = 0; i < d.length; i++) {
      f[i] = new float[d[i].length];
      for (int j = 0; j < d[i].length; j++) {
        f[i][j] = (float) d[i][j];
      }
    }
    return f;
  }

  static int sampleRate(String name) {
    String[] parts = name.split("_");
    for (String p : parts) {
      if (p.matches("\\d{4,6}")) {
        return Integer.parseInt(p);
      }
    }
    throw new IllegalArgumentException("no sample rate in " + name);
  }

  /**
   * Asserts same shape and {@code |a - b| <= abs + rel |b|} everywhere; returns the largest absolute error and
   * records it in {@code target/parity-figures.txt}.
   */
  static double assertClose(String label, float[][] actual, double[][] expected, double abs, double rel) {
    assertThat(actual.length).as("%s: row (frame) count", label).isEqualTo(expected.length);
    double maxErr = 0;
    double maxRatio = 0;
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i].length).as("%s: row %d length", label, i).isEqualTo(expected[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        double b = expected[i][j];
        double err = Math.abs(actual[i][j] - b);
        if (!(err <= abs + rel * Math.abs(b))) {
          fail(String.format(Locale.ROOT, "%s: [%d][%d] = %.9g, golden %.9g, |error| %.3g > %.3g", label, i, j,
              actual[i][j], b, err, abs + rel * Math.abs(b)));
        }
        maxErr = Math.max(maxErr, err);
        maxRatio = Math.max(maxRatio, err / (abs + rel * Math.abs(b)));
      }
    }
    record(label, maxErr, maxRatio);
    return maxErr;
  }

  static double assertClose(String label, float[] actual, double[] expected, double abs, double rel) {
    return assertClose(label, new float[][] {actual}, new double[][] {expected}, abs, rel);
  }

  static double maxAbs(double[][] m) {
    double max = 0;
    for (double[] row : m) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  private static synchronized void record(String label, double maxErr, double maxRatio) {
    try {
      Path out = Paths.get("target", "parity-figures.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, String.format(Locale.ROOT, "%-60s max|err| = %.3g  (max err/tolerance %.2f)%n", label,
          maxErr, maxRatio),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
