package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.FeatureSpec;

/** Augmentation: seeded draws, the SNR asked for, speed factor on duration and pitch, gain, cached copies. */
class AugmentationTest {

  @TempDir static Path dir;
  static Corpus corpus;

  @BeforeAll
  static void corpus() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 1, 5);
    corpus = Corpus.scan(dir.resolve("tess"));
  }

  static float[] sine(double hz, int rate, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  static double snrDb(float[] clean, float[] noisy) {
    double s = 0;
    double n = 0;
    for (int i = 0; i < clean.length; i++) {
      s += (double) clean[i] * clean[i];
      double d = noisy[i] - clean[i];
      n += d * d;
    }
    return 10 * Math.log10(s / n);
  }

  @Test
  void addedNoiseHasTheSnrAskedFor() {
    float[] x = sine(300, 16000, 16000);
    for (double snr : new double[] {0, 10, 20, 35}) {
      for (Augmentation.Noise colour : Augmentation.Noise.values()) {
        float[] y = Augmentation.addNoise(x, snr, colour, new SplittableRandom(3));
        assertThat(snrDb(x, y)).as("%s noise at %s dB", colour, snr).isCloseTo(snr, within(0.01));
      }
    }
    // pink noise has more power at low frequencies than at high ones; white has about the same
    float[] silence = new float[8000];
    float[] pink = Augmentation.addNoise(sine(1000, 16000, 8000), 0, Augmentation.Noise.PINK, new SplittableRandom(5));
    float[] white = Augmentation.addNoise(sine(1000, 16000, 8000), 0, Augmentation.Noise.WHITE, new SplittableRandom(5));
    assertThat(lowToHighRatio(pink)).isGreaterThan(4 * lowToHighRatio(white));
    assertThat(Augmentation.addNoise(silence, 10, Augmentation.Noise.WHITE, new SplittableRandom(1)))
        .as("silence gets no noise (its SNR is undefined)").containsOnly(0f);
  }

  /** Power of first differences measures high frequencies; power of the signal minus it, low ones. */
  private static double lowToHighRatio(float[] x) {
    double total = 0;
    double diff = 0;
    for (int i = 1; i < x.length; i++) {
      total += (double) x[i] * x[i];
      double d = x[i] - x[i - 1];
      diff += d * d;
    }
    return total / diff;
  }

  @Test
  void speedFactorDividesTheDurationAndMultipliesThePitch() {
    int rate = 16000;
    float[] x = sine(400, rate, rate);
    for (double f : new double[] {0.9, 1.1}) {
      float[] y = Augmentation.speed(x, rate, f);
      assertThat((double) y.length).isCloseTo(x.length / f, within(2.0));
      // count zero crossings in the middle (away from the resampler's edges): frequency scales by f
      assertThat(frequency(y, rate)).isCloseTo(400 * f, within(2.0));
    }
  }

  private static double frequency(float[] y, int rate) {
    int from = y.length / 4;
    int to = 3 * y.length / 4;
    int crossings = 0;
    for (int i = from + 1; i < to; i++) {
      if ((y[i - 1] < 0) != (y[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / ((to - from) / (double) rate);
  }

  @Test
  void gainScalesTheAmplitude() {
    float[] x = sine(300, 16000, 1000);
    float[] y = Augmentation.gain(x, -6);
    assertThat((double) y[100] / x[100]).isCloseTo(Math.pow(10, -6 / 20.0), within(1e-6));
  }

  @Test
  void drawsAreSeededAndStayWithinTheirRanges() {
    Augmentation a = Augmentation.builder().speeds(0.9, 1.1).noiseSnrDb(10, 30).gainDb(-6, 6).copies(3).seed(7)
        .build();
    Augmentation same = Augmentation.builder().speeds(0.9, 1.1).noiseSnrDb(10, 30).gainDb(-6, 6).copies(3).seed(7)
        .build();
    Augmentation other = Augmentation.builder().speeds(0.9, 1.1).noiseSnrDb(10, 30).gainDb(-6, 6).copies(3).seed(8)
        .build();
    assertThat(a).isEqualTo(same);
    int differ = 0;
    for (Utterance u : corpus.utterances()) {
      for (int k = 0; k < 3; k++) {
        Augmentation.Draw d = a.draw(u, k);
        assertThat(d).isEqualTo(same.draw(u, k));
        assertThat(d.speed()).isIn(0.9, 1.1);
        assertThat(d.snrDb()).isBetween(10.0, 30.0);
        assertThat(d.gainDb()).isBetween(-6.0, 6.0);
        if (!d.equals(other.draw(u, k))) {
          differ++;
        }
      }
    }
    assertThat(differ).isEqualTo(3 * corpus.utterances().size());
    AudioClip clip = AudioClip.ofMono(16000, sine(200, 16000, 4000));
    Augmentation.Draw d = a.draw(corpus.utterances().get(0), 1);
    assertThat(a.apply(clip, d).channel(0)).isEqualTo(same.apply(clip, d).channel(0));
    assertThat(a.description()).isEqualTo(
        "3 copies per training clip: speed 0.9|1.1, gain -6..6 dB, white noise at 10..30 dB SNR; seed 7");
    assertThat(Augmentation.builder().build()).isSameAs(Augmentation.none());
    assertThat(Augmentation.none().description()).isEqualTo("none");
  }

  @Test
  void badSettingsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Augmentation.builder().speeds(0.1)).hasMessageContaining("between 0.5 and 2, got 0.1");
    assertThatThrownBy(() -> Augmentation.builder().noiseSnrDb(30, 10)).hasMessageContaining("reversed");
    assertThatThrownBy(() -> Augmentation.builder().gainDb(-100, 0)).hasMessageContaining("gain must be within");
    assertThatThrownBy(() -> Augmentation.builder().copies(0)).hasMessageContaining("between 1 and 20");
    Augmentation a = Augmentation.builder().gainDb(1, 1).build();
    assertThatThrownBy(() -> a.draw(corpus.utterances().get(0), 1)).hasMessageContaining("copy 1 outside [0, 1)");
  }

  @Test
  void augmentedFeaturesAreDeterministicCachedPerDrawAndDifferFromTheOriginals() throws IOException {
    List<Utterance> few = corpus.utterances().subList(0, 4);
    FeatureCache cache = new FeatureCache(dir.resolve("cache"));
    CorpusFeatures features = CorpusFeatures.builder(FeatureSpec.stats()).cache(cache).parallelism(2).build();
    Augmentation a = Augmentation.builder().speeds(0.9, 1.1).noiseSnrDb(20, 20).copies(2).seed(1).build();

    FeatureSet first = features.extractAugmented(few, a);
    assertThat(first.size()).isEqualTo(8);
    assertThat(first.utterances()).containsExactly(few.get(0), few.get(0), few.get(1), few.get(1), few.get(2),
        few.get(2), few.get(3), few.get(3));
    long entries;
    try (var s = Files.walk(dir.resolve("cache"))) {
      entries = s.filter(Files::isRegularFile).count();
    }
    assertThat(entries).isEqualTo(8);

    FeatureSet uncached = CorpusFeatures.builder(FeatureSpec.stats()).build().extractAugmented(few, a);
    FeatureSet cached = features.extractAugmented(few, a);
    FeatureSet otherSeed = features.extractAugmented(few, Augmentation.builder().speeds(0.9, 1.1)
        .noiseSnrDb(20, 20).copies(2).seed(2).build());
    FeatureSet originals = features.extract(few);
    for (int i = 0; i < 8; i++) {
      assertThat(cached.features().get(i)).isDeepEqualTo(first.features().get(i));
      assertThat(uncached.features().get(i)).isDeepEqualTo(first.features().get(i));
      assertThat(otherSeed.features().get(i)).isNotEqualTo(first.features().get(i));
      assertThat(first.features().get(i)[0]).isNotEqualTo(originals.features().get(i / 2)[0]);
    }
    assertThat(first.features().get(0)[0]).isNotEqualTo(first.features().get(1)[0]);
    assertThat(features.extractAugmented(few, Augmentation.none()).size()).isZero();
  }
}
