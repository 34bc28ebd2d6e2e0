package org.ser4j.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The one place that touches JTransforms' double FFT (an optional dependency), for {@link SpectralFeatures} with
 * an {@code n_fft} that is not a power of two; loaded only then, so the class path may lack JTransforms
 * otherwise.
 */
final class JTransformsDouble {

  private JTransformsDouble() {}

  /**
   * A plan for size {@code n}, typed as Object so that callers do not link JTransforms.
   *
   * @throws IllegalStateException if JTransforms is not on the class path
   */
  static Object plan(int n) {
    if (!JTransformsFft.available()) {
      throw new IllegalStateException("an FFT of size " + n + " (not a power of two) needs JTransforms: add"
          + " com.github.wendykierp:JTransforms:3.1 to the class path");
    }
    return new DoubleFFT_1D(n);
  }

  static void realForward(Object plan, double[] a) {
    ((DoubleFFT_1D) plan).realForward(a);
  }
}
