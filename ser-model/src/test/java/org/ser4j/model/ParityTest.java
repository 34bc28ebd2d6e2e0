package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ser4j.audio.LoadOptions;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccConfig;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.Provenance;

/** The plain-Java forward pass of ser-runtime equals DL4J's output() on the same weights and inputs. */
class ParityTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir
  Path dir;

  /**
   * Xavier-initialised weights plus Gaussian noise on every parameter (biases included, which start as
   * 0/1 constants), so a wrong gate permutation cannot hide; magnitudes stay those of a real network.
   */
  private static MultiLayerNetwork randomized(ModelConfig c, long seed) {
    MultiLayerNetwork net = Networks.build(c);
    Nd4j.getRandom().setSeed(seed);
    INDArray p = net.params().add(Nd4j.randn(net.params().dataType(), net.params().shape()).muli(0.1));
    net.setParams(p);
    return net;
  }

  @Test
  void notebookNetworkMatchesDl4jOnPooledInputs() throws Exception {
    ModelConfig c = ModelConfig.notebook();
    MultiLayerNetwork net = randomized(c, 1);
    ModelBundle bundle = ModelBundles.toBundle(net, c, Synthetic.EMOTIONS, null, "notebook", Map.of(), Map.of());
    Path f = dir.resolve("nb.ser4j");
    bundle.write(f);
    EmotionRecognizer r = EmotionRecognizer.load(f);

    Random rnd = new Random(2);
    int n = 16;
    float[] x = new float[n * 40];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rnd.nextGaussian() * 3);
    }
    float[][] expected = net.output(Nd4j.create(x, new long[] {n, 1, 40}, 'c'), false).toFloatMatrix();
    double maxDiff = 0;
    for (int i = 0; i < n; i++) {
      double[] got = r.predictPooled(java.util.Arrays.copyOfRange(x, i * 40, (i + 1) * 40)).toArray();
      for (int k = 0; k < 7; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(got[k] - expected[i][k]));
      }
    }
    assertThat(maxDiff).as("max |runtime - DL4J| probability").isLessThan(TOLERANCE);
  }

  @Test
  void framewiseNetworkMatchesDl4jOnMaskedVariableLengthSequences() {
    ModelConfig c = ModelConfig.framewiseBuilder(13).lstmUnits(48).denseUnits(32, 16).build();
    MultiLayerNetwork net = randomized(c, 3);
    ModelBundle bundle = ModelBundles.toBundle(net, c, Synthetic.EMOTIONS, null, "framewise", Map.of(), Map.of());
    EmotionRecognizer r = EmotionRecognizer.of(bundle);

    Random rnd = new Random(4);
    int[] lengths = {1, 7, 30, 64, 12, 64};
    int steps = 64;
    int nIn = 13;
    float[] x = new float[lengths.length * nIn * steps];
    float[] mask = new float[lengths.length * steps];
    float[][][] seqs = new float[lengths.length][][];
    for (int b = 0; b < lengths.length; b++) {
      seqs[b] = new float[lengths[b]][nIn];
      for (int t = 0; t < lengths[b]; t++) {
        mask[b * steps + t] = 1;
        for (int k = 0; k < nIn; k++) {
          float v = (float) rnd.nextGaussian();
          seqs[b][t][k] = v;
          x[(b * nIn + k) * steps + t] = v;
        }
      }
      for (int t = lengths[b]; t < steps; t++) { // garbage in the padding must be ignored
        for (int k = 0; k < nIn; k++) {
          x[(b * nIn + k) * steps + t] = 99f;
        }
      }
    }
    INDArray out = net.output(Nd4j.create(x, new long[] {lengths.length, nIn, steps}, 'c'), false,
        Nd4j.create(mask, new long[] {lengths.length, steps}, 'c'), null);
    float[][] expected = out.toFloatMatrix();
    double maxDiff = 0;
    for (int b = 0; b < lengths.length; b++) {
      double[] got = r.predict(seqs[b]).toArray();
      for (int k = 0; k < 7; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(got[k] - expected[b][k]));
      }
    }
    assertThat(maxDiff).as("max |runtime - DL4J| probability").isLessThan(TOLERANCE);
  }

  @Test
  void trainedStandardizedNetworkPredictsTheSameThroughTheBundle() throws Exception {
    FeatureDataset train = Synthetic.sequences(70, 6, 3, 15, 1.0, 5, 6);
    FeatureDataset test = Synthetic.sequences(21, 6, 3, 15, 1.0, 5, 7);
    ModelConfig c = ModelConfig.framewiseBuilder(6).lstmUnits(16).denseUnits(12).epochs(2).batchSize(16)
        .earlyStoppingPatience(0).build();
    TrainingResult result = new Trainer().train(c, train, null, null);
    Path f = dir.resolve("fw.ser4j");
    FeatureSpec sixMfcc = FeatureSpec.of("framewise-test", LoadOptions.defaults(),
        MfccConfig.builder(22050).nMfcc(6).build(), false, FeatureSpec.Summary.NONE);
    result.writeBundle(f, sixMfcc,
        Provenance.builder().corpus("synthetic", "none", "none").build());
    EmotionRecognizer r = EmotionRecognizer.load(f);

    assertThat(r.bundle().normalization()).isPresent();
    Provenance p = r.bundle().provenance();
    assertThat(p.corpus()).contains("synthetic");
    assertThat(p.metrics()).containsKey("train.accuracy");
    assertThat(p.epochsRun()).hasValue(2);
    assertThat(p.versions()).containsEntry("dl4j", "1.0.0-M2.1");
    float[][] expected = result.predictProbabilities(test);
    for (int i = 0; i < test.size(); i++) {
      assertThat(r.predict(test.sequence(i)).toArray())
          .containsExactly(toDouble(expected[i]), org.assertj.core.api.Assertions.within(TOLERANCE));
    }
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
