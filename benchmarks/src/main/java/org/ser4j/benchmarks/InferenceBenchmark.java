package org.ser4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.features.FeatureSpec;
import org.ser4j.model.FeatureDataset;
import org.ser4j.model.ModelConfig;
import org.ser4j.model.Trainer;
import org.ser4j.model.TrainingResult;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;

/**
 * The embeddable recognizer, one thread, sampled per call (p50/p99 in the JMH output): a notebook-preset
 * network (LSTM 256 over the 40 mean MFCCs; weights from 1 epoch of DL4J training on random data: the cost
 * does not depend on the values).
 *
 * <ul>
 *   <li>{@code endToEnd}: {@code predict(Path)} of a 2.2 s TESS-shaped WAV (24414 Hz PCM16): decode, cut 0.5 s
 *       .. 3.5 s, resample to 22050, 40 MFCCs, mean, network;</li>
 *   <li>{@code networkOnly}: {@code predictPooled(float[40])};</li>
 *   <li>{@code batchOf16}: {@code predictAll} of 16 such files (divide by 16 for the cost per clip), the
 *       networks run together so each weight row is read once per batch; compare with 16 x
 *       {@code endToEnd}.</li>
 *   <li>{@code networkBatchOf16}: {@code predictPooledAll} of 16 different pooled vectors (divide by 16 for
 *       the network's cost per clip when clips are classified together); compare with {@code networkOnly}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class InferenceBenchmark {

  private EmotionRecognizer recognizer;
  private Path wav;
  private float[] pooled;
  private List<Path> sixteen;
  private List<float[]> sixteenVectors;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Random r = new Random(1);
    List<float[]> x = new ArrayList<>();
    int[] y = new int[128];
    List<String> labels = List.of("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad");
    for (int i = 0; i < y.length; i++) {
      float[] v = new float[40];
      for (int k = 0; k < 40; k++) {
        v[k] = (float) (r.nextGaussian() * 20);
      }
      x.add(v);
      y[i] = i % 7;
    }
    TrainingResult trained = new Trainer().train(ModelConfig.notebookBuilder().epochs(1).build(),
        FeatureDataset.ofPooled(x, y, labels), null, null);
    recognizer = EmotionRecognizer.of(trained.toBundle(FeatureSpec.notebook(), null));
    wav = Files.createTempFile("ser4j-infer", ".wav");
    WavWriter.write(AudioClip.ofMono(AudioBenchmark.RATE, AudioBenchmark.voice(AudioBenchmark.RATE, 2.2)), wav,
        WavWriter.Encoding.PCM16);
    pooled = x.get(0);
    sixteen = java.util.Collections.nCopies(16, wav);
    sixteenVectors = x.subList(0, 16);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(wav);
  }

  @Benchmark
  public Prediction endToEnd() throws IOException {
    return recognizer.predict(wav);
  }

  @Benchmark
  public List<EmotionRecognizer.Outcome> batchOf16() {
    return recognizer.predictAll(sixteen);
  }

  @Benchmark
  public List<Prediction> networkBatchOf16() {
    return recognizer.predictPooledAll(sixteenVectors);
  }

  @Benchmark
  public Prediction networkOnly() {
    return recognizer.predictPooled(pooled);
  }
}
