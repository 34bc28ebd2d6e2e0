package org.ser4j.benchmarks;

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
import org.ser4j.audio.AudioClip;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;
import org.ser4j.features.Pitch;
import org.ser4j.features.PitchTrack;
import org.ser4j.features.SpectralFeatures;

/**
 * Single-thread cost of the {@code voice} feature recipe on the 2 s, 22050 Hz clip of {@link MfccBenchmark}
 * (87 frames), beside the {@code stats} recipe and the parts it is made of: why the recipe uses yin, not pyin.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar VoiceFeaturesBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1 -tu ms}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VoiceFeaturesBenchmark {

  float[] y;
  AudioClip clip;
  FeatureSpec voice;
  FeatureSpec stats;
  MfccExtractor extractor;
  SpectralFeatures spectral;
  Pitch pitch;

  @Setup(Level.Trial)
  public void setup() {
    y = MfccBenchmark.chirpPlusNoise();
    clip = AudioClip.ofMono(MfccBenchmark.SR, y);
    voice = FeatureSpec.voice();
    stats = FeatureSpec.stats();
    extractor = voice.newExtractor();
    spectral = SpectralFeatures.create(MfccBenchmark.SR);
    pitch = Pitch.create(MfccBenchmark.SR, 60, 600);
  }

  /** The whole voice vector (703 values): MFCC statistics with percentiles and every descriptor. */
  @Benchmark
  public float[][] voiceRecipe() throws Exception {
    return voice.compute(clip, extractor);
  }

  /** The stats vector (240 values) for comparison. */
  @Benchmark
  public float[][] statsRecipe() throws Exception {
    return stats.compute(clip, extractor);
  }

  /** Magnitude STFT and the five spectral shape features on it. */
  @Benchmark
  public float[][] spectralShape() {
    float[][] s = spectral.magnitudeSpectrogram(y);
    spectral.spectralCentroid(s);
    spectral.spectralBandwidth(s);
    spectral.spectralRolloff(s);
    spectral.spectralFlatness(s);
    return spectral.spectralContrast(s);
  }

  /** yin, 60-600 Hz, what the recipe uses. */
  @Benchmark
  public float[] yin() {
    return pitch.yin(y);
  }

  /** pyin, 60-600 Hz, what the recipe does not use. */
  @Benchmark
  public PitchTrack pyin() {
    return pitch.pyin(y);
  }
}
