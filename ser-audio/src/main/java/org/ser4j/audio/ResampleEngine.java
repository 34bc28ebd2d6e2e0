package org.ser4j.audio;

/**
 * The seam between {@link Resampler} (public API, argument checks, counters) and the arithmetic of one rate
 * pair. Two strategies: {@link TwoStageEngine} (FFT overlap-save to twice the input rate, then a short
 * polyphase stage), used for ratios from 1/5 to 8, and {@link PolyphaseEngine} (one direct polyphase FIR)
 * for every other pair. Both evaluate the same filtered signal; they differ by rounding only (below -120 dB).
 */
interface ResampleEngine {

  /**
   * Batch conversion.
   *
   * @param x the input, not modified, at least one sample
   * @param out receives exactly {@code outputLength(x.length)} samples
   */
  void resample(float[] x, float[] out);

  /** A fresh stream state, positioned at the start of a signal. */
  StreamState newStream();

  /** Floats held by the coefficient tables (diagnostics and tests). */
  long tableFloats();

  /** Streaming state: the concatenated output of all calls equals {@link #resample} exactly. */
  interface StreamState {

    /** Forgets all input. */
    void reset();

    /**
     * Consumes {@code len} samples and writes at most {@code maxOut} outputs, never more than
     * {@code outputLength(inputs so far)} in all.
     *
     * @return the number of samples written
     */
    int process(float[] in, int off, int len, float[] out, int outOff, int maxOut);

    /**
     * Ends the input (zeros follow) and writes the outputs up to {@code total} in all.
     *
     * @return the number of samples written
     */
    int flush(long total, float[] out, int outOff);
  }
}
