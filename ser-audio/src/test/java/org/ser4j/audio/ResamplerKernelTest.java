package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two strategies behind {@link Resampler} against slow references: the direct polyphase engine against
 * {@link PolyphaseOracle#resample} (output by output, coefficient by coefficient), bit for bit; the two-stage
 * engine against the direct engine on the same filter, to within rounding.
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

  private static int[] lengths(Resampler r) {
    return new int[] {0, 1, 2, 3, r.taps() - 1, r.taps(), r.taps() + 1, 1000, 4069, 4070, 9000, 12_345, 48_828};
  }

  @ParameterizedTest
  @CsvSource({"48000, 8000", "8000, 96000", "3, 31", "31, 3", "44101, 8000", "1, 16", "64, 1", "9999991, 10000000"})
  void directEngineBatchAndStreamEqualTheSequentialReferenceExactly(int source, int target) {
    Resampler r = Resampler.of(source, target);
    assertThat(r.engine()).as("%s", r).isInstanceOf(PolyphaseEngine.class);
    Random random = new Random(source * 31L + target);
    for (int n : lengths(r)) {
      float[] x = noise(n, n);
      float[] expected = PolyphaseOracle.resample((PolyphaseEngine) r.engine(), x);
      assertSame(r.resample(x), expected, r + ", n=" + n);
      assertSame(stream(r, x, random), expected, "stream " + r + ", n=" + n);
    }
  }

  @ParameterizedTest
  @CsvSource({"24414, 22050", "24414, 16000", "16000, 22050", "22050, 16000", "44100, 22050", "22050, 44100",
      "44101, 48000", "1, 2", "3, 4", "96000, 22050", "48000, 16000", "8000, 48000", "3, 7", "7, 3"})
  void twoStageEngineEqualsTheDirectFilterToWithinRounding(int source, int target) {
    Resampler r = Resampler.of(source, target);
    assertThat(r.engine()).as("%s", r).isInstanceOf(TwoStageEngine.class);
    PolyphaseEngine direct = r.directEngine();
    Random random = new Random(source * 31L + target);
    for (int n : lengths(r)) {
      float[] x = noise(n, n);
      float[] expected = new float[(int) r.outputLength(n)];
      if (n > 0) {
        direct.resample(x, expected);
      }
      float[] got = r.resample(x);
      assertThat(got).hasSameSizeAs(expected);
      double signal = 0;
      double error = 0;
      for (int i = 0; i < got.length; i++) {
        signal += (double) expected[i] * expected[i];
        double e = got[i] - expected[i];
        error += e * e;
      }
      if (signal > 0) {
        assertThat(10 * Math.log10(signal / error)).as("%s, n=%d: signal to error, dB", r, n)
            .isGreaterThan(115);
      }
      assertSame(stream(r, x, random), got, "stream " + r + ", n=" + n);
    }
  }

  @ParameterizedTest
  @CsvSource({"40000, 8000, true", "10001, 10000, true", "24414, 22050, true", "22050, 24414, true",
      "8000, 64000, true", "44101, 44100, false", "44100, 44101, false"})
  void theSplitSecondStageIsTakenUnlessItsTableIsTooLarge(int source, int target, boolean split) {
    Resampler r = Resampler.of(source, target);
    assertThat(r.engine()).as("%s", r).isInstanceOf(TwoStageEngine.class);
    assertThat(((TwoStageEngine) r.engine()).split).as("%s", r).isEqualTo(split);
    twoStageEngineEqualsTheDirectFilterToWithinRounding(source, target);
  }

  /** {@code x} through a stream in random blocks of up to 5000 samples, then the flush. */
  private static float[] stream(Resampler r, float[] x, Random random) {
    int n = x.length;
    Resampler.Stream s = r.newStream();
    float[] got = new float[(int) r.outputLength(n)];
    float[] out = new float[s.maxOutput(5000)];
    int written = 0;
    for (int i = 0; i < n; ) {
      int len = Math.min(n - i, random.nextInt(5000));
      int w = s.process(x, i, len, out, 0);
      assertThat(w).isLessThanOrEqualTo(s.maxOutput(len));
      written += copy(out, w, got, written);
      i += len;
    }
    int tail = s.flushLength();
    float[] last = new float[tail];
    s.flush(last, 0);
    written += copy(last, tail, got, written);
    assertThat(written).isEqualTo(got.length);
    return got;
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
  @CsvSource({"48000, 8000", "3, 31"})
  void directTableHoldsEveryPhaseOfTheEvenKernel(int source, int target) {
    PolyphaseEngine e = (PolyphaseEngine) Resampler.of(source, target).engine();
    assertThat(e.interpolatesPhases()).isFalse();
    float[] rows = e.flatRows;
    int taps = e.taps;
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
