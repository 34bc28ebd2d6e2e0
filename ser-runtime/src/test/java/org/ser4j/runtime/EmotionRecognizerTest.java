package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionRecognizerTest {
  @TempDir
  Path dir;

  @Test
  void gateOrderIsInputForgetCellOutput() {
    // only the cell-candidate column (g) sees the input; output-gate bias is large, so o ~ 1
    float[] w = {0f, 0f, 1f, 0f};
    float[] b = {0f, 0f, 0f, 30f};
    LstmLayer lstm = new LstmLayer(1, 1, w, new float[4], b);
    DenseLayer out = new DenseLayer(1, 2, new float[] {1f, -1f}, new float[2], Activation.SOFTMAX);
    ModelBundle bundle = ModelBundle.builder().pooledInput(2).addLayer(lstm).addLayer(out)
        .labels(List.of("yes", "no")).build();

    Prediction p = EmotionRecognizer.of(bundle).predictPooled(new float[] {1f, 1f});

    // by hand: i = f = sigmoid(0) = 0.5, g = tanh(1), o = 1
    double c1 = 0.5 * Math.tanh(1);
    double h1 = Math.tanh(c1);
    // step 2: RW = 0, so gates are the same; c2 = f*c1 + i*g
    double c2 = 0.5 * c1 + 0.5 * Math.tanh(1);
    double h2 = Math.tanh(c2);
    double pYes = Math.exp(h2) / (Math.exp(h2) + Math.exp(-h2));
    assertThat(h1).isNotEqualTo(h2);
    assertThat(p.probability("yes")).isCloseTo(pYes, within(1e-6));
    assertThat(p.topLabel()).isEqualTo("yes");
  }

  @Test
  void sequencePredictionMatchesAReferenceImplementation() {
    ModelBundle b = TestBundles.sequence(7, 13, 24, true);
    EmotionRecognizer r = EmotionRecognizer.of(b);
    Random rnd = new Random(9);
    for (int steps : new int[] {1, 2, 17, 90}) {
      float[][] seq = new float[steps][];
      for (int t = 0; t < steps; t++) {
        seq[t] = TestBundles.random(rnd, 13, 3);
      }
      double[] expected = Reference.forward(b, seq);
      assertThat(r.predict(seq).toArray()).as("%d steps", steps).containsExactly(expected, within(1e-5));
    }
  }

  @Test
  void pooledPredictionReadsTheVectorAsTimeStepsOfOneFeature() {
    ModelBundle b = TestBundles.pooled(11, 40, 32, true);
    EmotionRecognizer r = EmotionRecognizer.of(b);
    float[] v = TestBundles.random(new Random(3), 40, 5);
    float[][] column = new float[40][];
    for (int i = 0; i < 40; i++) {
      column[i] = new float[] {v[i]};
    }
    Prediction pooled = r.predictPooled(v);
    assertThat(pooled.toArray()).containsExactly(Reference.forward(b, column), within(1e-5));
    assertThat(r.predict(column).toArray()).containsExactly(pooled.toArray());
  }

  @Test
  void paddingBeyondTheGivenStepsIsIgnored() {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.sequence(7, 5, 8, false));
    Random rnd = new Random(1);
    float[][] seq = new float[10][];
    for (int t = 0; t < 10; t++) {
      seq[t] = TestBundles.random(rnd, 5, 1);
    }
    float[][] head = java.util.Arrays.copyOf(seq, 6);
    assertThat(r.predict(seq, 6).toArray()).containsExactly(r.predict(head).toArray());
    assertThat(r.predict(seq, 6).toArray()).isNotEqualTo(r.predict(seq).toArray());
  }

  @Test
  void predictionExposesProbabilitiesInLabelOrder() {
    Prediction p = EmotionRecognizer.of(TestBundles.pooled(5, 40, 8, false))
        .predictPooled(TestBundles.random(new Random(2), 40, 1));
    assertThat(p.probabilities().keySet()).containsExactlyElementsOf(TestBundles.EMOTIONS);
    assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(p.topProbability()).isEqualTo(p.probabilities().values().stream().mapToDouble(d -> d).max().orElseThrow());
    assertThat(p.probability(p.topLabel())).isEqualTo(p.topProbability());
    assertThat(p.toString()).startsWith("Prediction[" + p.topLabel()).contains("angry=");
  }

  @Test
  void loadsFromAFile() throws IOException {
    ModelBundle b = TestBundles.pooled(5, 40, 8, true);
    Path f = dir.resolve("m.ser4j");
    b.write(f);
    EmotionRecognizer r = EmotionRecognizer.load(f);
    float[] v = TestBundles.random(new Random(4), 40, 2);
    assertThat(r.labels()).isEqualTo(TestBundles.EMOTIONS);
    assertThat(r.bundle().metadata()).containsEntry("corpus", "TESS");
    assertThat(r.predictPooled(v).toArray()).containsExactly(EmotionRecognizer.of(b).predictPooled(v).toArray());
  }

  @Test
  void rejectsInputOfTheWrongShape() {
    EmotionRecognizer seq = EmotionRecognizer.of(TestBundles.sequence(7, 5, 8, false));
    EmotionRecognizer pooled = EmotionRecognizer.of(TestBundles.pooled(7, 40, 8, false));
    assertThatThrownBy(() -> seq.predict(new float[][] {{1, 2, 3}})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 features, the model expects 5");
    assertThatThrownBy(() -> seq.predict(new float[0][])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> seq.predict(new float[][] {{1, 2, Float.NaN, 4, 5}}))
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> seq.predictPooled(new float[4])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pooled.predictPooled(new float[39])).hasMessageContaining("expected 40 pooled values");
  }

  @Test
  void aVectorOfUtteranceStatisticsIsOneStepForAStatsShapedModel() {
    // the default stats preset reads one step of 240 statistics: predictPooled works for it too
    EmotionRecognizer stats = EmotionRecognizer.of(TestBundles.sequence(7, 5, 8, true));
    float[] v = {0.5f, -1f, 2f, 0.25f, 3f};
    assertThat(stats.predictPooled(v).toArray()).containsExactly(stats.predict(new float[][] {v}).toArray());
  }

  @Test
  void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.pooled(5, 40, 64, true));
    Random rnd = new Random(8);
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      inputs.add(TestBundles.random(rnd, 40, 2));
    }
    List<double[]> sequential = inputs.stream().map(v -> r.predictPooled(v).toArray()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int th = 0; th < 4; th++) {
        fs.add(pool.submit(() -> {
          for (int rep = 0; rep < 20; rep++) {
            for (int i = 0; i < inputs.size(); i++) {
              if (!java.util.Arrays.equals(r.predictPooled(inputs.get(i)).toArray(), sequential.get(i))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : fs) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fastExponentialIsAccurateToFloatPrecisionAndBeyond() {
    for (double x = -60; x <= 60; x += 0.0137) {
      assertThat(EmotionRecognizer.exp(x)).isCloseTo(Math.exp(x), within(Math.exp(x) * 1e-9));
      assertThat(EmotionRecognizer.tanh(x)).isCloseTo(Math.tanh(x), within(1e-9));
      assertThat(EmotionRecognizer.sigmoid(x)).isCloseTo(1 / (1 + Math.exp(-x)), within(1e-9));
    }
    assertThat(EmotionRecognizer.exp(800)).isInfinite();
    assertThat(EmotionRecognizer.exp(-800)).isZero();
    assertThat(EmotionRecognizer.sigmoid(-800)).isZero();
    assertThat(EmotionRecognizer.tanh(800)).isEqualTo(1.0);
    assertThat(EmotionRecognizer.tanh(-800)).isEqualTo(-1.0);
  }

  @Test
  void notebookSizedForwardPassIsFast() {
    // LSTM(256) over 40 steps -> 128 -> 64 -> 7: the notebook network
    Random rnd = new Random(1);
    ModelBundle b = ModelBundle.builder().pooledInput(40)
        .addLayer(TestBundles.lstm(rnd, 1, 256))
        .addLayer(TestBundles.dense(rnd, 256, 128, Activation.RELU))
        .addLayer(TestBundles.dense(rnd, 128, 64, Activation.RELU))
        .addLayer(TestBundles.dense(rnd, 64, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).build();
    EmotionRecognizer r = EmotionRecognizer.of(b);
    float[] v = TestBundles.random(rnd, 40, 1);
    double sink = 0;
    for (int i = 0; i < 1500; i++) { // warm-up (JIT)
      sink += r.predictPooled(v).topProbability();
    }
    int n = 300;
    // thread CPU time, not wall time: the build machine's cores are shared with other builds
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      sink += r.predictPooled(v).topProbability();
    }
    double msPerCall = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / n;
    assertThat(sink).isPositive();
    // target is well under 1 ms on a free core; the bound is loose because CI cores are shared
    assertThat(msPerCall).as("ms per notebook forward pass").isLessThan(5.0);
  }
}
