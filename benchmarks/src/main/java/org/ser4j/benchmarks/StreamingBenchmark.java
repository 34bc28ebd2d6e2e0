package org.ser4j.benchmarks;

import java.time.Duration;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.LstmLayer;
import org.ser4j.runtime.ModelBundle;
import org.ser4j.runtime.StreamingRecognizer;

/**
 * The streaming recognizer's cost per hop: one call pushes one hop (0.5 s) of 16 kHz audio, which completes
 * exactly one window (3 s; 3.5 s for the notebook recipe) and classifies it. Networks of the presets' shapes
 * with seeded random weights (the cost does not depend on the values):
 *
 * <ul>
 *   <li>{@code notebook}: LSTM 256 over the 40 mean MFCCs of the window's 0.5 .. 3.5 s;</li>
 *   <li>{@code stats}: MFCC + deltas of the whole 3 s window, mean and std (240 values), LSTM 128.</li>
 * </ul>
 *
 * Per hop the work is: copy the window out of the ring, resample it 16000 -> 22050 Hz, MFCC (deltas),
 * pooling, network.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StreamingBenchmark {

  static final int RATE = 16000;

  @Param({"notebook", "stats"})
  public String preset;

  private StreamingRecognizer stream;
  private float[] audio;
  private int pos;
  private int hop;
  private Blackhole sink;

  @Setup(Level.Trial)
  public void setUp(Blackhole bh) {
    this.sink = bh;
    EmotionRecognizer r = EmotionRecognizer.of(bundle(preset));
    stream = StreamingRecognizer.builder(r, RATE).hop(Duration.ofMillis(500))
        .listener(w -> sink.consume(w.prediction().topProbability())).build();
    audio = AudioBenchmark.voice(RATE, 60);
    hop = stream.hopSamples();
    stream.push(audio, 0, stream.windowSamples() - hop); // the next push of one hop completes a window
    pos = stream.windowSamples() - hop;
  }

  static ModelBundle bundle(String preset) {
    Random r = new Random(1);
    FeatureSpec spec = FeatureSpec.preset(preset);
    List<String> labels = List.of("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad");
    ModelBundle.Builder b = ModelBundle.builder();
    int units;
    if (preset.equals("notebook")) {
      units = 256;
      b.pooledInput(40).addLayer(lstm(r, 1, units));
    } else {
      units = 128;
      b.sequenceInput().addLayer(lstm(r, spec.dimension(), units));
    }
    return b.addLayer(new DenseLayer(units, 7, gauss(r, units * 7, 0.1), gauss(r, 7, 0.1), Activation.SOFTMAX))
        .labels(labels).featurePreset(preset).featureConfig(spec.toMap()).build();
  }

  private static LstmLayer lstm(Random r, int nIn, int n) {
    return new LstmLayer(nIn, n, gauss(r, nIn * 4 * n, 0.1), gauss(r, n * 4 * n, 0.1), gauss(r, 4 * n, 0.1));
  }

  private static float[] gauss(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  /** One hop: push 0.5 s, which classifies one window. */
  @Benchmark
  public void hop() {
    if (pos + hop > audio.length) {
      pos = 0;
    }
    stream.push(audio, pos, hop);
    pos += hop;
  }
}
