package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.LoadOptions;

class FeatureSpecTest {

  @Test
  void presetsSurviveAMapRoundTrip() {
    for (FeatureSpec spec : new FeatureSpec[] {FeatureSpec.notebook(), FeatureSpec.framewise()}) {
      FeatureSpec back = FeatureSpec.fromMap(spec.toMap());
      assertThat(back).isEqualTo(spec);
      assertThat(back.cacheKey()).isEqualTo(spec.cacheKey());
    }
  }

  @Test
  void unusualParametersSurviveTheRoundTripToo() {
    MfccConfig cfg = MfccConfig.builder(16000).nMfcc(13).nFft(512).winLength(400).hopLength(160).nMels(40)
        .htk(true).melNorm(MfccConfig.MelNorm.NONE).topDb(null).lifter(22).fmin(20).fmax(7600.0).build();
    FeatureSpec spec = FeatureSpec.of("speech", LoadOptions.builder().sampleRate(16000).offset(0.25).build(), cfg,
        true, FeatureSpec.Summary.NONE);
    FeatureSpec back = FeatureSpec.fromMap(spec.toMap());
    assertThat(back.mfcc()).isEqualTo(cfg);
    assertThat(back.load()).isEqualTo(spec.load());
    assertThat(back.deltas()).isTrue();
  }

  @Test
  void missingOrForeignEntriesAreRejectedByName() {
    Map<String, String> m = new LinkedHashMap<>(FeatureSpec.notebook().toMap());
    m.remove("mfcc.n_fft");
    assertThatThrownBy(() -> FeatureSpec.fromMap(m)).hasMessageContaining("'mfcc.n_fft'");
    Map<String, String> v = new LinkedHashMap<>(FeatureSpec.notebook().toMap());
    v.put("version", "99");
    assertThatThrownBy(() -> FeatureSpec.fromMap(v)).hasMessageContaining("version 99");
  }

  @Test
  void loadRateMustMatchTheMfccRate() {
    assertThatThrownBy(() -> FeatureSpec.of("x", LoadOptions.builder().sampleRate(16000).build(),
        MfccConfig.notebook(22050), false, FeatureSpec.Summary.MEAN)).hasMessageContaining("sampleRate");
  }

  @Test
  void computeAppliesDeltasThenPooling() throws Exception {
    float[] y = new float[22050];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 22050.0));
    }
    AudioClip clip = AudioClip.ofMono(22050, y);
    FeatureSpec framewise = FeatureSpec.framewise();
    float[][] frames = framewise.compute(clip, framewise.newExtractor());
    assertThat(frames).hasNumberOfRows(44);
    assertThat(frames[0]).hasSize(120);
    float[][] mfcc = MfccExtractor.create(MfccConfig.notebook(22050)).mfcc(y);
    assertThat(java.util.Arrays.copyOf(frames[10], 40)).containsExactly(mfcc[10]);

    FeatureSpec notebook = FeatureSpec.notebook();
    float[][] pooled = notebook.compute(clip, notebook.newExtractor());
    assertThat(pooled).hasNumberOfRows(1);
    assertThat(pooled[0]).containsExactly(Pooling.mean(mfcc));
    assertThat(notebook.dimension()).isEqualTo(40);
  }

  @Test
  void clipsTooShortForTheRecipeAreADataErrorNamingTheSourceNotAnIllegalArgument() {
    FeatureSpec stats = FeatureSpec.stats(); // deltas: nine frames, 8 hops of 512 at 22050 Hz
    assertThat(stats.minimumSamples()).isEqualTo(8 * 512);
    MfccExtractor ex = stats.newExtractor();
    AudioClip justShort = AudioClip.ofMono(22050, new float[8 * 512 - 1]);
    assertThatThrownBy(() -> stats.compute(justShort, ex, "short.wav"))
        .isInstanceOf(org.ser4j.audio.TooShortAudioException.class)
        .hasMessageContaining("short.wav").hasMessageContaining("too short")
        .hasMessageContaining("the features need at least 0.186 s");
    AudioClip empty = AudioClip.ofMono(22050, new float[0]);
    assertThatThrownBy(() -> stats.compute(empty, ex, "empty.wav"))
        .isInstanceOf(org.ser4j.audio.TooShortAudioException.class)
        .hasMessageContaining("too short: no audio after the offset");
    AudioClip enough = AudioClip.ofMono(22050, new float[8 * 512]);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> stats.compute(enough, ex, "ok.wav"))).isNull();
    assertThat(FeatureSpec.notebook().minimumSamples()).isEqualTo(1);
  }

  @Test
  void anExtractorForAnotherConfigurationIsACallerMistake() {
    FeatureSpec stats = FeatureSpec.stats();
    MfccExtractor other = MfccExtractor.create(MfccConfig.notebook(16000));
    assertThatThrownBy(() -> stats.compute(AudioClip.ofMono(22050, new float[22050]), other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extractor is for");
  }

  @Test
  void specsThatDifferInAnyParameterHaveDifferentCacheKeysAndAreNotEqual() {
    FeatureSpec stats = FeatureSpec.stats();
    FeatureSpec sameAgain = FeatureSpec.of("stats", stats.load(), stats.mfcc(), true, FeatureSpec.Summary.MEAN_STD);
    assertThat(sameAgain).isEqualTo(stats).hasSameHashCodeAs(stats);
    assertThat(sameAgain.cacheKey()).isEqualTo(stats.cacheKey());
    FeatureSpec[] variants = {
      FeatureSpec.of("stats", stats.load(), stats.mfcc().toBuilder().fmin(1e-6).build(), true,
          FeatureSpec.Summary.MEAN_STD),
      FeatureSpec.of("stats", stats.load(), stats.mfcc().toBuilder().hopLength(256).build(), true,
          FeatureSpec.Summary.MEAN_STD),
      FeatureSpec.of("stats", org.ser4j.audio.LoadOptions.builder().sampleRate(22050).offset(0.0001).build(),
          stats.mfcc(), true, FeatureSpec.Summary.MEAN_STD),
      FeatureSpec.of("stats", stats.load(), stats.mfcc(), false, FeatureSpec.Summary.MEAN_STD),
      FeatureSpec.of("stats", stats.load(), stats.mfcc(), true, FeatureSpec.Summary.MEAN),
    };
    for (FeatureSpec v : variants) {
      assertThat(v.cacheKey()).as(v.toString()).isNotEqualTo(stats.cacheKey());
      assertThat(v).isNotEqualTo(stats);
    }
    // the key is the canonical serialisation: every stored parameter appears in it
    stats.toMap().forEach((k, val) -> {
      if (!k.equals("name")) {
        assertThat(stats.cacheKey()).contains(k + "=" + val + ";");
      }
    });
  }
}
