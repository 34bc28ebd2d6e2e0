package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.LoadOptions;

/**
 * {@link FeatureSpec#voice()}: every part of the vector is the already parity-tested function it names (MFCC
 * pooling, {@link SpectralFeatures}, {@link Pitch#yin}, {@link FrameStatistics}), and the voicing statistics
 * describe a clip whose pauses are known.
 */
class VoiceFeaturesTest {

  private static final int SR = 22050;

  /** 1.5 s: a harmonic voice gliding 140 to 220 Hz, silent from 0.6 to 0.8 s, louder after, a little noise. */
  private static float[] voiceLike() {
    float[] y = new float[SR * 3 / 2];
    Random r = new Random(1);
    double phase = 0;
    for (int i = 0; i < y.length; i++) {
      double t = (double) i / SR;
      phase += 2 * Math.PI * (140 + 80 * t / 1.5) / SR;
      double amp = t > 0.6 && t < 0.8 ? 0 : t > 0.8 ? 0.4 : 0.2;
      y[i] = (float) (amp * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase))
          + 0.002 * r.nextGaussian());
    }
    return y;
  }

  private static float[] vector(float[] y) throws org.ser4j.audio.TooShortAudioException {
    FeatureSpec spec = FeatureSpec.voice();
    return spec.compute(AudioClip.ofMono(SR, y), spec.newExtractor())[0];
  }

  /** mean, std, p10, p50, p90, p90 - p10, std of consecutive differences, as the spec documents them. */
  private static double[] expectedTrack(float[] track) {
    FrameStatistics.Summary s = FrameStatistics.summarize(track);
    float[] d = new float[track.length - 1];
    for (int t = 1; t < track.length; t++) {
      d[t - 1] = track[t] - track[t - 1];
    }
    return new double[] {s.mean(), s.std(), s.p10(), s.median(), s.p90(), s.p90() - s.p10(),
        FrameStatistics.summarize(d).std()};
  }

  private static void assertSegment(float[] v, int at, double[] expected) {
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) v[at + k]).as("value %d", at + k)
          .isCloseTo(expected[k], within(1e-5 + 1e-5 * Math.abs(expected[k])));
    }
  }

  @Test
  void theVoicePresetHasTheDocumentedLayout() throws Exception {
    FeatureSpec v = FeatureSpec.voice();
    assertThat(v.dimension()).isEqualTo(703);
    assertThat(v.descriptors()).containsExactlyElementsOf(EnumSet.allOf(FeatureSpec.Descriptor.class));
    assertThat(FeatureSpec.preset("voice")).isEqualTo(v);
    assertThat(vector(voiceLike())).hasSize(703);
  }

  @Test
  void theMfccPartIsTheStatsVectorFollowedByColumnPercentiles() throws Exception {
    float[] y = voiceLike();
    float[] v = vector(y);
    FeatureSpec stats = FeatureSpec.stats();
    float[] s = stats.compute(AudioClip.ofMono(SR, y), stats.newExtractor())[0];
    assertThat(Arrays.copyOf(v, 240)).containsExactly(s);
    float[][] frames = FeatureSpec.framewise().fromMfcc(MfccExtractor.create(MfccConfig.notebook(SR)).mfcc(y));
    for (int j : new int[] {0, 7, 39, 40, 119}) {
      float[] col = new float[frames.length];
      for (int t = 0; t < frames.length; t++) {
        col[t] = frames[t][j];
      }
      assertThat(v[240 + j]).isEqualTo((float) FrameStatistics.percentile(col, 10));
      assertThat(v[360 + j]).isEqualTo((float) FrameStatistics.median(col));
      assertThat(v[480 + j]).isEqualTo((float) FrameStatistics.percentile(col, 90));
    }
  }

  @Test
  void eachDescriptorIsTheParityTestedFunctionSummarised() throws Exception {
    float[] y = voiceLike();
    float[] v = vector(y);
    SpectralFeatures sf = SpectralFeatures.create(SR);
    float[] rms = SpectralFeatures.rms(y);
    float max = 0;
    for (float x : rms) {
      max = Math.max(max, x);
    }
    float[] rmsDb = new float[rms.length];
    for (int t = 0; t < rms.length; t++) {
      rmsDb[t] = (float) Math.max(-80, 20 * Math.log10(rms[t] / max));
    }
    int at = 600;
    assertSegment(v, at, expectedTrack(rmsDb));
    assertSegment(v, at += 7, expectedTrack(SpectralFeatures.zeroCrossingRate(y)));
    assertSegment(v, at += 7, expectedTrack(sf.spectralCentroid(y)));
    assertSegment(v, at += 7, expectedTrack(sf.spectralBandwidth(y)));
    assertSegment(v, at += 7, expectedTrack(sf.spectralRolloff(y)));
    assertSegment(v, at += 7, expectedTrack(sf.spectralFlatness(y)));
    float[][] contrast = sf.spectralContrast(y);
    for (int b = 0; b < 7; b++) {
      float[] band = new float[contrast.length];
      for (int t = 0; t < band.length; t++) {
        band[t] = contrast[t][b];
      }
      assertSegment(v, at += 7, expectedTrack(band));
    }
    at += 7;
    // F0: yin (60-600 Hz) on voiced frames, in semitones relative to their median
    Pitch pitch = Pitch.create(SR, 60, 600);
    float[] aperiodicity = new float[rms.length];
    float[] f0 = pitch.yin(y, aperiodicity);
    assertThat(f0).containsExactly(pitch.yin(y));
    float[] voicedF0 = new float[f0.length];
    for (int t = 0; t < f0.length; t++) {
      boolean voiced = aperiodicity[t] < FeatureSpec.VOICING_THRESHOLD && rmsDb[t] > -FeatureSpec.SILENCE_DB;
      voicedF0[t] = voiced ? f0[t] : Float.NaN;
    }
    float[] st = FrameStatistics.semitones(voicedF0, FrameStatistics.median(voicedF0));
    double[] e = expectedTrack(st);
    assertSegment(v, at, Arrays.copyOf(e, 6));
    // the glide spans 12 log2(220 / 140) = 7.8 semitones; its median frame is the reference
    assertThat((double) v[at + 3]).isCloseTo(0.0, within(1e-6));
    assertThat((double) v[at + 5]).isBetween(4.5, 7.8);
    assertThat(v[702]).isEqualTo(1.5f); // duration
  }

  @Test
  void voicingStatisticsSeeTheTwoRunsAndThePause() throws Exception {
    float[] v = vector(voiceLike());
    int at = 600 + 13 * 7 + 7;
    float voicedRatio = v[at];
    float runsPerSecond = v[at + 1];
    float meanRun = v[at + 2];
    float meanPause = v[at + 3];
    assertThat(runsPerSecond).isCloseTo(2 / 1.5f, within(1e-5f));
    assertThat(voicedRatio).isBetween(0.75f, 0.97f);
    // the 0.2 s pause, shortened by the 93 ms analysis window that reaches into the voice on both sides
    assertThat(meanPause).isBetween(0.07f, 0.25f);
    assertThat(meanRun).isBetween(0.55f, 0.75f);
  }

  @Test
  void aSilentClipGivesZerosNotNaN() throws Exception {
    float[] v = vector(new float[SR]);
    for (float x : v) {
      assertThat(Float.isFinite(x)).isTrue();
    }
  }

  @Test
  void theRecipeRoundTripsAndIsValidatedOnLoad() throws Exception {
    FeatureSpec v = FeatureSpec.voice();
    FeatureSpec back = FeatureSpec.fromMap(v.toMap());
    assertThat(back).isEqualTo(v);
    assertThat(back.cacheKey()).isEqualTo(v.cacheKey()).isNotEqualTo(FeatureSpec.stats().cacheKey());
    assertThat(back.f0Range()).containsExactly(60.0, 600.0);
    Map<String, String> bad = new LinkedHashMap<>(v.toMap());
    bad.put("descriptors", "rms,shimmer");
    assertThatThrownBy(() -> FeatureSpec.fromMap(bad)).hasMessageContaining("unknown descriptor 'shimmer'");
    Map<String, String> pyin = new LinkedHashMap<>(v.toMap());
    pyin.put("f0.method", "pyin");
    assertThatThrownBy(() -> FeatureSpec.fromMap(pyin)).hasMessageContaining("f0.method = pyin");
    Map<String, String> later = new LinkedHashMap<>(v.toMap());
    later.put("descriptors.version", "9");
    assertThatThrownBy(() -> FeatureSpec.fromMap(later)).hasMessageContaining("descriptor version 9");
    Map<String, String> range = new LinkedHashMap<>(v.toMap());
    range.put("f0.fmax", "20000");
    assertThatThrownBy(() -> FeatureSpec.fromMap(range)).hasMessageContaining("F0 range");
    // an MFCC-only recipe (as older bundles hold) has no descriptors
    assertThat(FeatureSpec.fromMap(FeatureSpec.stats().toMap()).descriptors()).isEmpty();
  }

  @Test
  void descriptorsNeedPoolingAndTheWaveform() throws Exception {
    assertThatThrownBy(() -> FeatureSpec.of("x", LoadOptions.defaults(), MfccConfig.notebook(SR), true,
        FeatureSpec.Summary.NONE, EnumSet.of(FeatureSpec.Descriptor.RMS), 60, 600))
        .hasMessageContaining("need a pooled summary");
    assertThatThrownBy(() -> FeatureSpec.voice().fromMfcc(new float[20][40]))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("from the audio");
  }
}
