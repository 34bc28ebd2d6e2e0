package org.ser4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ser4j.model.FeatureDataset;
import org.ser4j.model.ModelConfig;
import org.ser4j.model.Trainer;
import org.ser4j.model.TrainingResult;

/**
 * One epoch of the notebook preset (LSTM 256 over 40 steps, dense 128/64, softmax 7; Adam; batch 64) on 2800
 * random TESS-shaped 40-vectors, without validation: the training-speed figure. Single shot per
 * iteration (an iteration is one whole {@code Trainer.train} call of 1 epoch, network build included).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class TrainingBenchmark {

  private FeatureDataset data;

  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(7);
    List<float[]> x = new ArrayList<>();
    int[] y = new int[2800];
    for (int i = 0; i < y.length; i++) {
      float[] v = new float[40];
      for (int k = 0; k < 40; k++) {
        v[k] = (float) (r.nextGaussian() * 20);
      }
      x.add(v);
      y[i] = i % 7;
    }
    data = FeatureDataset.ofPooled(x, y,
        List.of("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad"));
  }

  @Benchmark
  public TrainingResult notebookEpoch() {
    return new Trainer().train(ModelConfig.notebookBuilder().epochs(1).build(), data, null, null);
  }
}
