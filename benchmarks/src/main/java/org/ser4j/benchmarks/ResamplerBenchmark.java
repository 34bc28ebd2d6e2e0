package org.ser4j.benchmarks;

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
import org.ser4j.audio.Resampler;

/**
 * {@link Resampler} on 2 s of the deterministic voice-like signal of {@link AudioBenchmark#voice} at the source
 * rate, one thread, for three rate pairs:
 *
 * <ul>
 *   <li>{@code 24414:22050}: TESS to librosa's default (3675 : 4069; two stages: FFT overlap-save, 214 taps,
 *       to twice the input rate, then 16 taps);</li>
 *   <li>{@code 24414:16000}: TESS to 16 kHz (8000 : 12207; two stages, 294 then 14 taps);</li>
 *   <li>{@code 96000:22050}: studio rate to 22050 Hz (147 : 640; beyond the two-stage range, one direct
 *       polyphase FIR of 932 taps).</li>
 * </ul>
 *
 * <p>{@code batch} is {@code Resampler.resample(float[])}; {@code stream4096} pushes the same clip through a
 * {@link Resampler.Stream} in blocks of 4096 samples and flushes it (the stream is reset per call, nothing is
 * allocated). Divide 2 s by the score for the real-time factor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ResamplerBenchmark {

  static final int BLOCK = 4096;

  /** {@code source:target} in Hz. */
  @Param({"24414:22050", "24414:16000", "96000:22050"})
  public String rates;

  private float[] samples;
  private Resampler resampler;
  private Resampler.Stream stream;
  private float[] streamOut;

  @Setup(Level.Trial)
  public void setUp() {
    String[] pair = rates.split(":");
    int source = Integer.parseInt(pair[0]);
    int target = Integer.parseInt(pair[1]);
    samples = AudioBenchmark.voice(source, 2.0);
    resampler = Resampler.of(source, target);
    stream = resampler.newStream();
    streamOut = new float[(int) resampler.outputLength(samples.length) + stream.maxOutput(BLOCK)];
  }

  @Benchmark
  public float[] batch() {
    return resampler.resample(samples);
  }

  @Benchmark
  public float[] stream4096() {
    Resampler.Stream s = stream;
    s.reset();
    float[] x = samples;
    float[] out = streamOut;
    int written = 0;
    for (int i = 0; i < x.length; i += BLOCK) {
      written += s.process(x, i, Math.min(BLOCK, x.length - i), out, written);
    }
    s.flush(out, written);
    return out;
  }
}
