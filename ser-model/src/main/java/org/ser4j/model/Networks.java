package org.ser4j.model;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the DL4J network for a {@link ModelConfig}. */
public final class Networks {
  private Networks() {
  }

  /**
   * The DL4J configuration: LastTimeStep(LSTM tanh/sigmoid) [-> Dropout] (-> Dense relu [-> Dropout])* ->
   * Output softmax/MCXENT; float32, Xavier-uniform (Keras glorot_uniform) weights, forget-gate bias 1
   * (Keras unit_forget_bias), workspaces enabled.
   */
  public static MultiLayerConfiguration configuration(ModelConfig c) {
    NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
        .seed(c.seed())
        .dataType(DataType.FLOAT)
        .updater(updater(c))
        .weightInit(WeightInit.XAVIER_UNIFORM)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .cacheMode(CacheMode.NONE);
    if (c.l2() > 0) {
      b.l2(c.l2());
    }
    NeuralNetConfiguration.ListBuilder list = b.list();
    list.layer(new LastTimeStep(new LSTM.Builder().nIn(c.inputSize()).nOut(c.lstmUnits())
        .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
        .forgetGateBiasInit(1.0).build()));
    // Keras Dropout(p) drops p; DL4J takes the retain probability
    double retain = 1.0 - c.dropout();
    if (c.dropout() > 0) {
      list.layer(new DropoutLayer.Builder(retain).build());
    }
    for (int units : c.denseUnits()) {
      list.layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build());
      if (c.dropout() > 0) {
        list.layer(new DropoutLayer.Builder(retain).build());
      }
    }
    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(c.numClasses())
        .activation(Activation.SOFTMAX).build());
    list.setInputType(InputType.recurrent(c.inputSize()));
    return list.build();
  }

  /** An initialised network (weights from the config's seed). */
  public static MultiLayerNetwork build(ModelConfig c) {
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(c));
    net.init();
    return net;
  }

  private static IUpdater updater(ModelConfig c) {
    return switch (c.optimizer()) {
      case ADAM -> new Adam(c.learningRate());
      case NADAM -> new Nadam(c.learningRate());
      case RMSPROP -> new RmsProp(c.learningRate());
      case SGD -> new Sgd(c.learningRate());
    };
  }
}
