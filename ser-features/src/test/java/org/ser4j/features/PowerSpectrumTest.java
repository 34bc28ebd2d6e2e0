package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ser4j.features.PowerSpectrum.Backend;

/** ser4j's radix-4 real FFT against JTransforms on random data. */
class PowerSpectrumTest {

  @ParameterizedTest
  @ValueSource(ints = {16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 65536})
  void fastFftSpectrumEqualsJTransformsWithinFloatRounding(int n) {
    PowerSpectrum fast = PowerSpectrum.create(n);
    assertThat(fast.backend()).isEqualTo(Backend.AUTO);
    Random r = new Random(n);
    for (int trial = 0; trial < 3; trial++) {
      float[] x = new float[n + 5];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * 0.3);
      }
      float[] window = Spectrograms.window(MfccConfig.Window.HANN, n, n);
      // JTransforms single precision on the same windowed frame
      float[] a = new float[n];
      double[] ad = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = x[3 + i] * window[i];
        ad[i] = a[i];
      }
      new FloatFFT_1D(n).realForward(a);
      new DoubleFFT_1D(n).realForward(ad);
      float[] spec = new float[2 * (n / 2 + 1)];
      fast.spectrum(x, 3, window, spec);
      float[] pow = new float[n / 2 + 1];
      fast.compute(x, 3, window, pow);
      double peak = 0;
      for (int k = 0; k <= n / 2; k++) {
        peak = Math.max(peak, Math.hypot(re(ad, k, n), im(ad, k, n)));
      }
      // |error| of a float32 FFT ~ eps * log2(n) * peak; JTransforms float must be equally close
      double tol = 2e-6 * peak;
      for (int k = 0; k <= n / 2; k++) {
        assertThat(Math.abs(spec[2 * k] - re(ad, k, n))).as("re[%d], n=%d", k, n).isLessThanOrEqualTo(tol);
        assertThat(Math.abs(spec[2 * k + 1] - im(ad, k, n))).as("im[%d], n=%d", k, n).isLessThanOrEqualTo(tol);
        assertThat(Math.abs(spec[2 * k] - re(a, k, n))).as("re[%d] vs JTransforms float", k)
            .isLessThanOrEqualTo(2 * tol);
        double p = re(ad, k, n) * re(ad, k, n) + im(ad, k, n) * im(ad, k, n);
        double mag = Math.sqrt(p);
        assertThat(Math.abs(pow[k] - p)).as("power[%d], n=%d", k, n)
            .isLessThanOrEqualTo(2.5 * tol * mag + tol * tol + 1e-6 * p);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8, 100, 400, 511, 1000, 1023})
  void otherSizesFallBackToJTransformsAndAreCorrect(int n) {
    PowerSpectrum ps = PowerSpectrum.create(n);
    assertThat(ps.binCount()).isEqualTo(n / 2 + 1);
    Random r = new Random(n);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] pow = new float[ps.binCount()];
    float[] spec = new float[2 * ps.binCount()];
    ps.compute(x, 0, null, pow);
    ps.spectrum(x, 0, null, spec);
    for (int k = 0; k <= n / 2; k++) {
      double re = 0;
      double im = 0;
      for (int j = 0; j < n; j++) {
        double ang = -2 * Math.PI * ((long) j * k % n) / n;
        re += x[j] * Math.cos(ang);
        im += x[j] * Math.sin(ang);
      }
      double tol = 1e-4 * Math.sqrt(n);
      assertThat((double) spec[2 * k]).as("re[%d] n=%d", k, n).isCloseTo(re, org.assertj.core.api.Assertions.within(tol));
      assertThat((double) spec[2 * k + 1]).as("im[%d] n=%d", k, n)
          .isCloseTo(im, org.assertj.core.api.Assertions.within(tol));
      assertThat((double) pow[k]).isCloseTo(re * re + im * im,
          org.assertj.core.api.Assertions.within(1e-4 * (re * re + im * im) + 1e-3));
    }
  }

  /** JTransforms realForward layout for even n. */
  private static double re(double[] a, int k, int n) {
    return k == 0 ? a[0] : k == n / 2 ? a[1] : a[2 * k];
  }

  private static double im(double[] a, int k, int n) {
    return k == 0 || k == n / 2 ? 0 : a[2 * k + 1];
  }

  private static double re(float[] a, int k, int n) {
    return k == 0 ? a[0] : k == n / 2 ? a[1] : a[2 * k];
  }
}
