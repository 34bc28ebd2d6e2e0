package org.ser4j.features;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The one place that touches JTransforms (an optional dependency): loaded only when an FFT size that ser4j's
 * own FFT does not serve is asked for, so the class path may lack JTransforms otherwise.
 */
final class JTransformsFft {
  private final FloatFFT_1D fft;

  JTransformsFft(int n) {
    this.fft = new FloatFFT_1D(n);
  }

  /** In-place real forward transform in JTransforms' packed layout. */
  void realForward(float[] a) {
    fft.realForward(a);
  }

  /** Whether JTransforms is on the class path. */
  static boolean available() {
    try {
      Class.forName("org.jtransforms.fft.FloatFFT_1D", false, JTransformsFft.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
