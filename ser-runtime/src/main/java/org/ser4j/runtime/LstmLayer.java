package org.ser4j.runtime;

import java.util.Arrays;

/**
 * A unidirectional LSTM layer without peepholes that returns the hidden state of the <b>last time step</b>
 * of its input sequence (Keras {@code LSTM(return_sequences=False)}, DL4J {@code LastTimeStep(LSTM)}).
 * Variable-length input is supported by running exactly the given steps (equivalent to masking trailing
 * padding). Initial hidden and cell states are zero.
 *
 * <p>Gate order of the 4n columns is <b>i, f, g, o</b> (the Keras/PyTorch order): columns {@code [0,n)}
 * input gate, {@code [n,2n)} forget gate, {@code [2n,3n)} cell candidate, {@code [3n,4n)} output gate.
 * With z = x·W + h<sub>t-1</sub>·RW + b:
 * i = σ(z<sub>i</sub>), f = σ(z<sub>f</sub>), g = tanh(z<sub>g</sub>), o = σ(z<sub>o</sub>),
 * c<sub>t</sub> = f∘c<sub>t-1</sub> + i∘g, h<sub>t</sub> = o∘tanh(c<sub>t</sub>); σ is the logistic sigmoid.
 *
 * <p>Weights are row-major: {@code inputWeights[r * 4n + c]} is W[r][c] with W of shape [nIn][4n],
 * {@code recurrentWeights[r * 4n + c]} is RW[r][c] with RW of shape [n][4n], bias has 4n values.
 */
public final class LstmLayer implements LayerSpec {
  private final int nIn;
  private final int nOut;
  final float[] w;
  final float[] rw;
  final float[] b;

  /**
   * An LSTM layer whose output is its hidden state after the last time step.
   *
   * @param nIn inputs per time step
   * @param nOut units
   * @param inputWeights W [nIn][4 nOut], row-major, gate order i, f, g, o (copied)
   * @param recurrentWeights RW [nOut][4 nOut], row-major, same gate order (copied)
   * @param bias b [4 nOut], same gate order (copied)
   * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
   */
  public LstmLayer(int nIn, int nOut, float[] inputWeights, float[] recurrentWeights, float[] bias) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException("LSTM sizes must be positive: nIn=" + nIn + ", nOut=" + nOut);
    }
    long g = 4L * nOut;
    check("input weights", inputWeights, (long) nIn * g);
    check("recurrent weights", recurrentWeights, (long) nOut * g);
    check("bias", bias, g);
    this.nIn = nIn;
    this.nOut = nOut;
    this.w = inputWeights.clone();
    this.rw = recurrentWeights.clone();
    this.b = bias.clone();
  }

  static void check(String what, float[] a, long expected) {
    if (a == null || a.length != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " values, got "
          + (a == null ? "null" : a.length));
    }
  }

  @Override
  public int nIn() {
    return nIn;
  }

  @Override
  public int nOut() {
    return nOut;
  }

  /**
   * W [nIn][4n], row-major, gate order i, f, g, o (a copy).
   *
   * @return the input weights
   */
  public float[] inputWeights() {
    return w.clone();
  }

  /**
   * RW [n][4n], row-major, gate order i, f, g, o (a copy).
   *
   * @return the recurrent weights
   */
  public float[] recurrentWeights() {
    return rw.clone();
  }

  /**
   * b [4n], gate order i, f, g, o (a copy).
   *
   * @return the bias
   */
  public float[] bias() {
    return b.clone();
  }

  @Override
  public long parameterCount() {
    return (long) w.length + rw.length + b.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LstmLayer l && l.nIn == nIn && l.nOut == nOut
        && Arrays.equals(l.w, w) && Arrays.equals(l.rw, rw) && Arrays.equals(l.b, b);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * nIn + nOut) + Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "LSTM(" + nIn + " -> " + nOut + ", last time step)";
  }
}
