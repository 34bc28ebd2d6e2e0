package org.ser4j.benchmarks;

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
import org.openjdk.jmh.infra.Blackhole;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.MfccExtractor;
import org.ser4j.features.MfccStream;
import org.ser4j.features.PowerSpectrum;
import org.ser4j.features.Spectrograms;

/**
 * Single-thread MFCC (librosa defaults, 40 coefficients) of a 2 s, 22050 Hz clip (87 frames): ser4j's FFT vs
 * JTransforms, the 2048-point power spectrum alone on both, and the streaming path per frame.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar MfccBenchmark -f 1 -wi 3 -i 5 -w 1 -r 2 -tu us -bm avgt}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MfccBenchmark {

  static final int SR = 22050;

  float[] clip;
  MfccExtractor fast;
  MfccExtractor jtransforms;
  PowerSpectrum fftFast;
  PowerSpectrum fftJt;
  float[] window;
  float[] power;
  float[] block;
  MfccStream stream;
  Blackhole sink;

  /** 2 s linear chirp 100 to 8000 Hz, amplitude 0.5, plus uniform noise of amplitude 0.01; seed fixed. */
  static float[] chirpPlusNoise() {
    int n = 2 * SR;
    float[] y = new float[n];
    Random r = new Random(20240101L);
    double f0 = 100;
    double f1 = 8000;
    double dur = 2.0;
    for (int i = 0; i < n; i++) {
      double t = (double) i / SR;
      double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * dur));
      y[i] = (float) (0.5 * Math.sin(phase) + 0.01 * (2 * r.nextDouble() - 1));
    }
    return y;
  }

  @Setup(Level.Trial)
  public void setup(Blackhole bh) {
    clip = chirpPlusNoise();
    MfccConfig cfg = MfccConfig.notebook(SR);
    fast = MfccExtractor.create(cfg);
    jtransforms = MfccExtractor.create(cfg, PowerSpectrum.Backend.JTRANSFORMS);
    fftFast = PowerSpectrum.create(2048);
    fftJt = PowerSpectrum.jtransforms(2048);
    window = Spectrograms.window(cfg);
    power = new float[1025];
    block = new float[cfg.hopLength()];
    System.arraycopy(clip, 10000, block, 0, block.length);
    sink = bh;
    stream = fast.stream((i, c) -> sink.consume(c));
  }

  /** MFCC of the 2 s clip, ser4j's radix-4 FFT. */
  @Benchmark
  public float[][] mfcc2s() {
    return fast.mfcc(clip);
  }

  /** MFCC of the 2 s clip, every FFT by JTransforms (FloatFFT_1D.realForward). */
  @Benchmark
  public float[][] mfcc2sJTransforms() {
    return jtransforms.mfcc(clip);
  }

  /** Windowed 2048-point power spectrum, ser4j's FFT. */
  @Benchmark
  public float[] fft2048() {
    fftFast.compute(clip, 5000, window, power);
    return power;
  }

  /** Windowed 2048-point power spectrum, JTransforms. */
  @Benchmark
  public float[] fft2048JTransforms() {
    fftJt.compute(clip, 5000, window, power);
    return power;
  }

  /** Streaming: push one hop (512 samples) = exactly one MFCC frame delivered. */
  @Benchmark
  public long streamPerFrame() {
    stream.push(block);
    return stream.framesEmitted();
  }
}
