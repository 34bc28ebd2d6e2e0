package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.features.FeatureSpec;

/** The voice recipe in a bundle, computed by the plain-Java recognizer (no JTransforms on this class path). */
class VoiceRecipeTest {

  /** 1.5 s at 22050 Hz: a gliding 140-220 Hz harmonic voice, a pause, then a louder stretch, with a little noise. */
  static AudioClip voiceLike(long seed) {
    int sr = 22050;
    float[] y = new float[sr * 3 / 2];
    Random r = new Random(seed);
    double phase = 0;
    for (int i = 0; i < y.length; i++) {
      double t = (double) i / sr;
      double f0 = 140 + 80 * t / 1.5;
      phase += 2 * Math.PI * f0 / sr;
      boolean pause = t > 0.6 && t < 0.8;
      double amp = pause ? 0 : t > 0.8 ? 0.4 : 0.2;
      y[i] = (float) (amp * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase))
          + 0.002 * r.nextGaussian());
    }
    return AudioClip.ofMono(sr, y);
  }

  private static ModelBundle voiceBundle(String normalization) {
    FeatureSpec spec = FeatureSpec.voice();
    Random r = new Random(5);
    return ModelBundle.builder().sequenceInput()
        .addLayer(TestBundles.dense(r, spec.dimension(), 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS)
        .featureSpec(spec)
        .normalization(new Normalization(TestBundles.random(r, spec.dimension(), 1),
            TestBundles.positive(r, spec.dimension())))
        .provenance(Provenance.builder().normalization(normalization).build())
        .build();
  }

  @Test
  void theVoiceRecipeRoundTripsThroughABundle() throws Exception {
    ModelBundle b = voiceBundle("speaker");
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("voice", ".ser4j");
    try {
      b.write(tmp);
      ModelBundle back = ModelBundle.read(tmp);
      FeatureSpec spec = FeatureSpec.fromMap(back.featureConfig());
      assertThat(spec).isEqualTo(FeatureSpec.voice());
      assertThat(spec.cacheKey()).isEqualTo(FeatureSpec.voice().cacheKey());
      assertThat(back.inputLength()).isEqualTo(FeatureSpec.voice().dimension());
      assertThat(back.provenance().normalization()).contains("speaker");
      assertThat(EmotionRecognizer.of(back).speakerNormalized()).isTrue();
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  @Test
  void theRecognizerComputesTheSameVectorAsFeatureSpecCompute() throws Exception {
    EmotionRecognizer r = EmotionRecognizer.of(voiceBundle("global"));
    AudioClip clip = voiceLike(1);
    FeatureSpec spec = FeatureSpec.voice();
    float[] expected = spec.compute(AudioLoader.load(clip, spec.load()), spec.newExtractor())[0];
    float[] got = r.featureVector(clip);
    assertThat(got).containsExactly(expected);
    assertThat(r.predict(clip).toArray()).containsExactly(r.predictPooled(got).toArray());
  }

  @Test
  void aProfileBuiltFromClipsIsUsedForTheirPrediction() throws Exception {
    EmotionRecognizer r = EmotionRecognizer.of(voiceBundle("speaker"));
    AudioClip a = voiceLike(1);
    AudioClip b = voiceLike(2);
    SpeakerProfile p = new SpeakerProfile.Accumulator().add(r.featureVector(a)).add(r.featureVector(b)).profile();
    double[] withProfile = r.predict(a, p).toArray();
    double[] byHand = r.predictPooled(r.featureVector(a), p).toArray();
    for (int i = 0; i < withProfile.length; i++) {
      assertThat(withProfile[i]).isCloseTo(byHand[i], within(1e-9));
    }
    assertThat(withProfile).isNotEqualTo(r.predict(a).toArray());
  }
}
