package org.ser4j.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A fully connected layer y = act(x·W + b) with W of shape [nIn][nOut], stored row-major
 * ({@code weights[r * nOut + c]}).
 */
public final class DenseLayer implements LayerSpec {
  private final int nIn;
  private final int nOut;
  final float[] w;
  final float[] b;
  private final Activation activation;

  /**
   * A dense layer {@code y = activation(x W + b)}.
   *
   * @param nIn inputs
   * @param nOut outputs
   * @param weights W [nIn][nOut], row-major (copied)
   * @param bias b [nOut] (copied)
   * @param activation the activation
   * @throws IllegalArgumentException if a size is not positive or an array has the wrong length
   */
  public DenseLayer(int nIn, int nOut, float[] weights, float[] bias, Activation activation) {
    if (nIn <= 0 || nOut <= 0) {
      throw new IllegalArgumentException("dense sizes must be positive: nIn=" + nIn + ", nOut=" + nOut);
    }
    LstmLayer.check("dense weights", weights, (long) nIn * nOut);
    LstmLayer.check("dense bias", bias, nOut);
    this.nIn = nIn;
    this.nOut = nOut;
    this.w = weights.clone();
    this.b = bias.clone();
    this.activation = Objects.requireNonNull(activation, "activation");
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
   * W [nIn][nOut], row-major (a copy).
   *
   * @return the weights
   */
  public float[] weights() {
    return w.clone();
  }

  /**
   * b [nOut] (a copy).
   *
   * @return the bias
   */
  public float[] bias() {
    return b.clone();
  }

  /**
   * The activation applied to {@code x W + b}.
   *
   * @return the activation
   */
  public Activation activation() {
    return activation;
  }

  @Override
  public long parameterCount() {
    return (long) w.length + b.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseLayer d && d.nIn == nIn && d.nOut == nOut && d.activation == activation
        && Arrays.equals(d.w, w) && Arrays.equals(d.b, b);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * nIn + nOut) + activation.hashCode();
  }

  @Override
  public String toString() {
    return "Dense(" + nIn + " -> " + nOut + ", " + activation.id() + ")";
  }
}
