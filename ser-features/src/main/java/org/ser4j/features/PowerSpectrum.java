package org.ser4j.features;

/**
 * The power spectrum {@code |rfft(frame * window)|^2} of one real frame, the FFT step of
 * {@code abs(librosa.stft(y)) ** 2}, unnormalised like {@code numpy.fft.rfft}.
 *
 * <p>Powers of two from 16 to 2^20 use ser4j's own radix-4 real FFT (precomputed twiddles, bit reversal folded
 * into the windowing, no allocation; for one frame about as fast as JTransforms and equal to it within float
 * rounding); every other size uses JTransforms' {@code FloatFFT_1D}, an optional dependency: add
 * {@code com.github.wendykierp:JTransforms:3.1} (and {@code org.apache.commons:commons-math3:3.6.1}) to use
 * such sizes; {@link #isSupported(int)} tells whether a size can be computed with the current class path. {@link #jtransforms(int)} forces
 * JTransforms for every size (for comparison). ({@link MfccExtractor} goes further for whole clips: it
 * transforms many frames at once in vectorised loops.)
 *
 * <p>An instance owns a small working buffer, so it is <b>not thread-safe</b>: give each thread its own (they
 * are cheap to create from a shared plan via {@link #copy()}).
 */
public final class PowerSpectrum {

  /** Which FFT implementation computes the spectrum. */
  public enum Backend {
    /** ser4j's radix-4 real FFT for powers of two (16 .. 2^20), JTransforms otherwise. */
    AUTO,
    /** JTransforms' {@code FloatFFT_1D.realForward} for every size. */
    JTRANSFORMS
  }

  private final int nFft;
  private final FastRealFft fast;
  private final JTransformsFft jt;
  private final float[] buf;

  private PowerSpectrum(int nFft, FastRealFft fast, JTransformsFft jt) {
    this.nFft = nFft;
    this.fast = fast;
    this.jt = jt;
    this.buf = new float[Math.max(nFft, 2)];
  }

  /**
   * A power spectrum of size {@code nFft} on the fastest backend for that size.
   *
   * @param nFft the FFT size
   * @return a new instance
   */
  public static PowerSpectrum create(int nFft) {
    return create(nFft, Backend.AUTO);
  }

  /**
   * A power spectrum of size {@code nFft} always computed by JTransforms.
   *
   * @param nFft the FFT size
   * @return a new instance
   */
  public static PowerSpectrum jtransforms(int nFft) {
    return create(nFft, Backend.JTRANSFORMS);
  }

  /**
   * A power spectrum of size {@code nFft} on the given backend.
   *
   * @param nFft the FFT size
   * @param backend the implementation to use
   * @return a new instance
   * @throws IllegalArgumentException if {@code nFft < 1}
   * @throws IllegalStateException if the size needs JTransforms and it is not on the class path
   */
  public static PowerSpectrum create(int nFft, Backend backend) {
    if (nFft < 1) {
      throw new IllegalArgumentException("nFft must be positive, got " + nFft);
    }
    if (backend == Backend.AUTO && FastRealFft.supports(nFft)) {
      return new PowerSpectrum(nFft, new FastRealFft(nFft), null);
    }
    if (!JTransformsFft.available()) {
      throw new IllegalStateException("an FFT of size " + nFft + " (not a power of two from 16 to 2^20) needs"
          + " JTransforms: add com.github.wendykierp:JTransforms:3.1 to the class path");
    }
    return new PowerSpectrum(nFft, null, new JTransformsFft(nFft));
  }

  /**
   * Whether size {@code nFft} can be computed with the current class path: ser4j's own FFT serves powers of
   * two from 16 to 2^20; every other size needs JTransforms.
   *
   * @param nFft the FFT size
   * @return true if {@link #create(int)} will succeed for it
   */
  public static boolean isSupported(int nFft) {
    return nFft >= 1 && (FastRealFft.supports(nFft) || JTransformsFft.available());
  }

  /** {@return a new instance sharing this one's (immutable) tables, with its own working buffer} */
  public PowerSpectrum copy() {
    return new PowerSpectrum(nFft, fast, jt);
  }

  /** The radix-4 plan, or null on the JTransforms backend. */
  FastRealFft fastPlan() {
    return fast;
  }

  /** {@return the FFT size} */
  public int nFft() {
    return nFft;
  }

  /** {@return number of output bins, {@code 1 + nFft / 2}} */
  public int binCount() {
    return 1 + nFft / 2;
  }

  /** {@return the backend actually in use for this size} */
  public Backend backend() {
    return fast != null ? Backend.AUTO : Backend.JTRANSFORMS;
  }

  /**
   * {@code out[k] = |sum_j signal[offset + j] window[j] e^{-2 pi i j k / nFft}|^2} for {@code k < binCount()}.
   *
   * @param signal samples; {@code nFft} of them from {@code offset} are read
   * @param offset index of the frame's first sample
   * @param window {@code nFft} window weights, or {@code null} for none
   * @param out receives {@link #binCount()} values from index 0
   */
  public void compute(float[] signal, int offset, float[] window, float[] out) {
    if (fast != null) {
      fast.power(signal, offset, window, out, buf);
      return;
    }
    float[] a = buf;
    int n = nFft;
    if (window == null) {
      System.arraycopy(signal, offset, a, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        a[i] = signal[offset + i] * window[i];
      }
    }
    if (n == 1) {
      out[0] = a[0] * a[0];
      return;
    }
    jt.realForward(a);
    out[0] = a[0] * a[0];
    if ((n & 1) == 0) {
      int half = n / 2;
      out[half] = a[1] * a[1];
      for (int k = 1; k < half; k++) {
        float re = a[2 * k];
        float im = a[2 * k + 1];
        out[k] = re * re + im * im;
      }
    } else {
      int last = (n - 1) / 2;
      for (int k = 1; k < last; k++) {
        float re = a[2 * k];
        float im = a[2 * k + 1];
        out[k] = re * re + im * im;
      }
      float re = a[n - 1];
      float im = a[1];
      out[last] = re * re + im * im;
    }
  }

  /**
   * The complex spectrum {@code rfft(signal[offset ..] * window)}, {@code re, im} interleaved:
   * {@code out[2k], out[2k+1]} for {@code k < binCount()} (so {@code out} needs {@code 2 binCount()} floats).
   *
   * @param signal samples
   * @param offset index of the frame's first sample
   * @param window {@code nFft} window weights, or {@code null} for none
   * @param out receives the result from index 0
   */
  public void spectrum(float[] signal, int offset, float[] window, float[] out) {
    if (fast != null) {
      fast.spectrum(signal, offset, window, out, buf);
      return;
    }
    float[] a = buf;
    int n = nFft;
    for (int i = 0; i < n; i++) {
      a[i] = window == null ? signal[offset + i] : signal[offset + i] * window[i];
    }
    if (n == 1) {
      out[0] = a[0];
      out[1] = 0f;
      return;
    }
    jt.realForward(a);
    out[0] = a[0];
    out[1] = 0f;
    if ((n & 1) == 0) {
      int half = n / 2;
      System.arraycopy(a, 2, out, 2, n - 2);
      out[2 * half] = a[1];
      out[2 * half + 1] = 0f;
    } else {
      int last = (n - 1) / 2;
      System.arraycopy(a, 2, out, 2, 2 * last - 2);
      out[2 * last] = a[n - 1];
      out[2 * last + 1] = a[1];
    }
  }
}
