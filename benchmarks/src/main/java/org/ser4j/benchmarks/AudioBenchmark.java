package org.ser4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.LoadOptions;
import org.ser4j.audio.Resampler;
import org.ser4j.audio.WavWriter;

/**
 * ser-audio's hot paths on a TESS-shaped clip: 2 s of a deterministic voice-like signal at 24414 Hz, PCM 16-bit
 * mono (48828 frames), one thread.
 *
 * <ul>
 *   <li>{@code decodeFile}: {@code AudioReader.read(path)} from the page cache;</li>
 *   <li>{@code decodeBytes}: {@code AudioReader.read(byte[], name)}, decoding without file I/O;</li>
 *   <li>{@code resample24414to22050}: {@code Resampler.resample} of the decoded samples (librosa's
 *       {@code resample(res_type='soxr_hq')} is the comparison);</li>
 *   <li>{@code notebookLoad}: {@code AudioLoader.load(path, LoadOptions.notebook())}, the seed notebook's
 *       {@code librosa.load(path, duration=3, offset=0.5)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AudioBenchmark {

  static final int RATE = 24414;

  private Path file;
  private byte[] bytes;
  private float[] samples;
  private Resampler resampler;

  /** A voice-like test signal: rising pitch with vibrato, three harmonics-rich formant bands, an envelope. */
  static float[] voice(int rate, double seconds) {
    int n = (int) Math.round(rate * seconds);
    float[] y = new float[n];
    double phase = 0;
    java.util.Random noise = new java.util.Random(1);
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      double f0 = 140 + 40 * t + 5 * Math.sin(2 * Math.PI * 5 * t);
      phase += 2 * Math.PI * f0 / rate;
      double s = 0;
      for (int h = 1; h <= 20; h++) {
        double f = h * f0;
        double gain = Math.exp(-Math.pow((f - 500) / 200, 2)) + 0.6 * Math.exp(-Math.pow((f - 1500) / 300, 2))
            + 0.3 * Math.exp(-Math.pow((f - 2500) / 400, 2));
        s += gain * Math.sin(h * phase) / h;
      }
      double env = Math.sin(Math.PI * t / seconds);
      y[i] = (float) (0.4 * env * s + 0.002 * noise.nextGaussian());
    }
    return y;
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("ser4j-bench", ".wav");
    WavWriter.write(AudioClip.ofMono(RATE, voice(RATE, 2.0)), file, WavWriter.Encoding.PCM16);
    bytes = Files.readAllBytes(file);
    samples = AudioReader.read(file).monoSamples();
    resampler = Resampler.of(RATE, 22050);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public AudioClip decodeFile() throws IOException {
    return AudioReader.read(file);
  }

  @Benchmark
  public AudioClip decodeBytes() throws IOException {
    return AudioReader.read(bytes, "bench.wav");
  }

  @Benchmark
  public float[] resample24414to22050() {
    return resampler.resample(samples);
  }

  @Benchmark
  public AudioClip notebookLoad() throws IOException {
    return AudioLoader.load(file, LoadOptions.notebook());
  }
}
