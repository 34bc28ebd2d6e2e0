package org.ser4j.runtime;

/**
 * One layer of a network as stored in a {@link ModelBundle}: plain shapes and float weights, independent of
 * any training library.
 */
public sealed interface LayerSpec permits LstmLayer, DenseLayer {
  /**
   * Inputs per time step (LSTM) or inputs (dense).
   *
   * @return the input width
   */
  int nIn();

  /**
   * Units.
   *
   * @return the output width
   */
  int nOut();

  /**
   * Number of float parameters.
   *
   * @return weights plus biases
   */
  long parameterCount();
}
