package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.ser4j.runtime.InputMode;

class ModelConfigTest {
  @Test
  void notebookPresetIsTheKerasModel() {
    ModelConfig c = ModelConfig.notebook();
    assertThat(c.inputMode()).isEqualTo(InputMode.VECTOR_AS_STEPS);
    assertThat(c.sequenceLength()).isEqualTo(40);
    assertThat(c.inputSize()).isEqualTo(1);
    assertThat(c.lstmUnits()).isEqualTo(256);
    assertThat(c.denseUnits()).containsExactly(128, 64);
    assertThat(c.dropout()).isEqualTo(0.2);
    assertThat(c.numClasses()).isEqualTo(7);
    assertThat(c.optimizer()).isEqualTo(ModelConfig.Optimizer.ADAM);
    assertThat(c.learningRate()).isEqualTo(1e-3);
    assertThat(c.batchSize()).isEqualTo(64);
    assertThat(c.epochs()).isEqualTo(50);
    assertThat(c.standardize()).isFalse();
  }

  @Test
  void notebookNetworkHasTheKerasLayerShapesAndParameterCount() {
    MultiLayerNetwork net = Networks.build(ModelConfig.notebook());
    var layers = net.getLayerWiseConfigurations().getConfs();
    assertThat(layers).hasSize(7);
    LSTM lstm = (LSTM) ((LastTimeStep) layers.get(0).getLayer()).getUnderlying();
    assertThat(lstm.getNIn()).isEqualTo(1);
    assertThat(lstm.getNOut()).isEqualTo(256);
    assertThat(lstm.getActivationFn().toString()).containsIgnoringCase("tanh");
    assertThat(lstm.getGateActivationFn().toString()).containsIgnoringCase("sigmoid");
    for (int i : new int[] {1, 3, 5}) {
      DropoutLayer d = (DropoutLayer) layers.get(i).getLayer();
      assertThat(((Dropout) d.getIDropout()).getP()).as("DL4J retain probability for Keras Dropout(0.2)")
          .isEqualTo(0.8);
    }
    assertThat(((FeedForwardLayer) layers.get(2).getLayer()).getNOut()).isEqualTo(128);
    assertThat(((FeedForwardLayer) layers.get(4).getLayer()).getNOut()).isEqualTo(64);
    OutputLayer out = (OutputLayer) layers.get(6).getLayer();
    assertThat(out.getNIn()).isEqualTo(64);
    assertThat(out.getNOut()).isEqualTo(7);
    // Keras model.summary(): 264,192 + 32,896 + 8,256 + 455
    assertThat(net.numParams()).isEqualTo(305_799);
  }

  @Test
  void framewisePresetStandardizesAndStopsEarly() {
    ModelConfig c = ModelConfig.framewise(120);
    assertThat(c.inputMode()).isEqualTo(InputMode.SEQUENCE);
    assertThat(c.inputSize()).isEqualTo(120);
    assertThat(c.standardize()).isTrue();
    assertThat(c.earlyStoppingPatience()).isPositive();
    MultiLayerNetwork net = Networks.build(c);
    LSTM lstm = (LSTM) ((LastTimeStep) net.getLayerWiseConfigurations().getConf(0).getLayer()).getUnderlying();
    assertThat(lstm.getNIn()).isEqualTo(120);
  }

  @Test
  void noDropoutLayersWhenDropoutIsZero() {
    ModelConfig c = ModelConfig.notebookBuilder().dropout(0).lstmUnits(8).denseUnits(4).build();
    assertThat(Networks.build(c).getLayers()).hasSize(3);
  }

  @Test
  void everySettingIsConfigurableAndRoundTripsThroughToBuilder() {
    ModelConfig c = ModelConfig.builder().name("x").sequenceInput(13).lstmUnits(17).denseUnits(9, 5, 3)
        .dropout(0.5).numClasses(4).optimizer(ModelConfig.Optimizer.RMSPROP).learningRate(0.01).l2(1e-4)
        .batchSize(3).epochs(2).seed(7).earlyStoppingPatience(1).standardize(true).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toString()).contains("LSTM(17)").contains("[9, 5, 3]").contains("RMSPROP");
    assertThat(Networks.build(c).getLayers()).hasSize(1 + 1 + 3 * 2 + 1);
  }

  @Test
  void rejectsInvalidSettings() {
    assertThatThrownBy(() -> ModelConfig.builder().dropout(1.0).build()).hasMessageContaining("drop probability");
    assertThatThrownBy(() -> ModelConfig.builder().dropout(-0.1).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModelConfig.builder().lstmUnits(0).build()).hasMessageContaining("LSTM units");
    assertThatThrownBy(() -> ModelConfig.builder().denseUnits(8, 0).build()).hasMessageContaining("dense units");
    assertThatThrownBy(() -> ModelConfig.builder().numClasses(1).build()).hasMessageContaining("2 classes");
    assertThatThrownBy(() -> ModelConfig.builder().learningRate(0).build()).hasMessageContaining("learning rate");
    assertThatThrownBy(() -> ModelConfig.builder().batchSize(0).build()).hasMessageContaining("batch size");
    assertThatThrownBy(() -> ModelConfig.builder().epochs(0).build()).hasMessageContaining("epochs");
    assertThatThrownBy(() -> ModelConfig.builder().pooledInput(0).build()).hasMessageContaining("pooled length");
    assertThatThrownBy(() -> ModelConfig.builder().sequenceInput(0).build()).hasMessageContaining("input size");
    assertThatThrownBy(() -> ModelConfig.builder().earlyStoppingPatience(-1).build()).hasMessageContaining("patience");
  }

  @Test
  void configsThatDifferInAnyDigitAreNotEqual() {
    ModelConfig a = ModelConfig.notebookBuilder().dropout(0.2).build();
    ModelConfig b = ModelConfig.notebookBuilder().dropout(0.2004).build();
    assertThat(a).isNotEqualTo(b);
    assertThat(ModelConfig.notebookBuilder().learningRate(1e-3).build())
        .isNotEqualTo(ModelConfig.notebookBuilder().learningRate(1.0000001e-3).build());
    assertThat(ModelConfig.notebook()).isEqualTo(ModelConfig.notebook())
        .hasSameHashCodeAs(ModelConfig.notebook());
    assertThat(ModelConfig.notebook().toBuilder().build()).isEqualTo(ModelConfig.notebook());
  }

  @Test
  void statsPresetIsTheFramewiseNetworkUnderItsOwnName() {
    ModelConfig c = ModelConfig.stats(240);
    assertThat(c.name()).isEqualTo("stats");
    assertThat(c.inputMode()).isEqualTo(InputMode.SEQUENCE);
    assertThat(c.inputSize()).isEqualTo(240);
    assertThat(c.standardize()).isTrue();
    assertThat(c.toBuilder().name("framewise").build()).isEqualTo(ModelConfig.framewise(240));
  }
}
