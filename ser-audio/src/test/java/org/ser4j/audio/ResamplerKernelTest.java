package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast kernels (input-major axpy in exact mode, grouped rows in dense mode) against the plain reference
 * {@code Resampler.resampleScalar}: one float accumulator per output, terms in input order. Bit for bit.
 */
class ResamplerKernelTest {

  private static float[] noise(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (random.nextGaussian() * 0.3);
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({"24414, 22050", "24414, 16000", "96000, 22050", "16000, 22050", "44100, 22050", "22050, 44100",
      "3, 7", "7, 3", "48000, 8000", "44101, 48000", "1, 16", "64, 1"})
  void batchAndStreamEqualTheSequentialReferenceExactly(int source, int target) {
    Resampler r = Resampler.of(source, target);
    int period = (int) r.outputLength(source) ; // at most one period of whole rates
    int[] lengths = {0, 1, 2, 3, r.taps() - 1, r.taps(), r.taps() + 1, 1000, 4069, 4070, 9000, 12_345, 48_828};
    Random random = new Random(source * 31L + target);
    for (int n : lengths) {
      float[] x = noise(n, n);
      float[] expected = r.resampleScalar(x);
      assertSame(r.resample(x), expected, r + ", n=" + n + " (period " + period + ")");
      Resampler.Stream s = r.newStream();
      float[] got = new float[expected.length];
      float[] out = new float[s.maxOutput(5000)];
      int written = 0;
      for (int i = 0; i < n; ) {
        int len = Math.min(n - i, random.nextInt(5000));
        written += copy(out, s.process(x, i, len, out, 0), got, written);
        i += len;
      }
      int tail = s.flushLength();
      float[] last = new float[tail];
      s.flush(last, 0);
      written += copy(last, tail, got, written);
      assertThat(written).isEqualTo(expected.length);
      assertSame(got, expected, "stream " + r + ", n=" + n);
    }
  }

  /** Bit for bit (containsExactly is quadratic in its failure message on long arrays). */
  private static void assertSame(float[] got, float[] expected, String what) {
    assertThat(got.length).as(what).isEqualTo(expected.length);
    int mismatch = java.util.Arrays.mismatch(got, expected);
    assertThat(mismatch).as("%s: first difference at %d", what, mismatch).isEqualTo(-1);
  }

  private static int copy(float[] src, int len, float[] dst, int at) {
    System.arraycopy(src, 0, dst, at, len);
    return len;
  }

  @ParameterizedTest
  @CsvSource({"24414, 22050", "96000, 22050", "3, 7"})
  void inputMajorTableHoldsEveryPhaseOfTheEvenKernel(int source, int target) {
    Resampler r = Resampler.of(source, target);
    assertThat(r.interpolatesPhases()).isFalse();
    float[] rows = r.exactCoefficients();
    int taps = r.taps();
    int up = rows.length / taps;
    // phase 0 is symmetric about tap half - 1; phase p is phase up - p reversed
    for (int m = 0; m < taps - 1; m++) {
      assertThat(rows[m]).isEqualTo(rows[taps - 2 - m]);
    }
    for (int p = 1; p < up; p++) {
      for (int m = 0; m < taps; m++) {
        assertThat(rows[p * taps + m]).isEqualTo(rows[(up - p) * taps + taps - 1 - m]);
      }
    }
  }
}
