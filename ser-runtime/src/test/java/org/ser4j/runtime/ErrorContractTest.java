package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.TooShortAudioException;
import org.ser4j.audio.WavWriter;
import org.ser4j.features.FeatureSpec;

/** Bad audio is one checked family naming the source and the reason; the shortest usable audio is exposed. */
class ErrorContractTest {

  @TempDir Path dir;

  private static EmotionRecognizer withSpec(FeatureSpec spec) {
    Random r = new Random(5);
    int d = spec.dimension();
    ModelBundle.Builder b = ModelBundle.builder();
    if (spec.pooling() == FeatureSpec.Summary.MEAN) {
      b.pooledInput(d).addLayer(TestBundles.lstm(r, 1, 4));
    } else {
      b.sequenceInput().addLayer(TestBundles.lstm(r, d, 4));
    }
    return EmotionRecognizer.of(b.addLayer(TestBundles.dense(r, 4, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).featurePreset(spec.name()).featureConfig(spec.toMap()).build());
  }

  @Test
  void audioTooShortForDeltasIsATypedErrorNotAnIllegalArgument() throws IOException {
    EmotionRecognizer r = withSpec(FeatureSpec.stats());
    Path wav = dir.resolve("blip.wav");
    WavWriter.write(AudioClip.ofMono(22050, new float[2000]), wav, WavWriter.Encoding.PCM16); // 5 frames
    assertThatThrownBy(() -> r.predict(wav)).isInstanceOf(TooShortAudioException.class)
        .hasMessageStartingWith(wav + ": ").hasMessageContaining("too short")
        .hasMessageNotContaining("width=9");
  }

  @Test
  void headerOnlyFileIsATypedErrorNamingTheFile() throws IOException {
    EmotionRecognizer r = withSpec(FeatureSpec.notebook());
    Path wav = dir.resolve("header-only.wav");
    WavWriter.write(AudioClip.ofMono(22050, new float[0]), wav, WavWriter.Encoding.PCM16);
    assertThatThrownBy(() -> r.predict(wav)).isInstanceOf(AudioFormatException.class)
        .hasMessageStartingWith(wav + ": ");
    Path halfSecond = dir.resolve("half-second.wav");
    WavWriter.write(AudioClip.ofMono(22050, new float[11025]), halfSecond, WavWriter.Encoding.PCM16);
    assertThatThrownBy(() -> r.predict(halfSecond)).isInstanceOf(TooShortAudioException.class)
        .hasMessageContaining("no audio after the offset of 0.5 s");
  }

  @Test
  void aDirectoryIsATypedErrorNamingIt() {
    EmotionRecognizer r = withSpec(FeatureSpec.notebook());
    assertThatThrownBy(() -> r.predict(dir)).isInstanceOf(AudioFormatException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("is a directory");
  }

  @Test
  void minimumDurationIsTheExactBoundary() throws IOException {
    for (FeatureSpec spec : new FeatureSpec[] {FeatureSpec.notebook(), FeatureSpec.stats()}) {
      EmotionRecognizer r = withSpec(spec);
      Duration min = r.minimumDuration();
      int rate = spec.mfcc().sampleRate();
      int samples = (int) Math.ceil(min.toNanos() * 1e-9 * rate - 1e-3); // ns rounding: < 1e-4 sample
      float[] y = LoadFromAnywhereTest.Signals.voiceLike(rate, 1.0, 1).channel(0);
      AudioClip enough = AudioClip.ofMono(rate, java.util.Arrays.copyOf(y, samples));
      AudioClip tooFew = AudioClip.ofMono(rate, java.util.Arrays.copyOf(y, samples - 1));
      assertThat(r.predict(enough).labels()).as(spec.name()).hasSize(7);
      assertThatThrownBy(() -> r.predict(tooFew, "short-clip")).as(spec.name())
          .isInstanceOf(TooShortAudioException.class).hasMessageStartingWith("short-clip: ")
          .satisfies(e -> assertThat(((TooShortAudioException) e).minimumSeconds())
              .isCloseTo(min.toNanos() * 1e-9, org.assertj.core.data.Offset.offset(1e-6)));
    }
    // the stats recipe needs 9 frames for its deltas: 8 hops of 512 at 22050 Hz
    assertThat(withSpec(FeatureSpec.stats()).minimumDuration().toNanos() * 1e-9)
        .isCloseTo(8 * 512 / 22050.0, org.assertj.core.data.Offset.offset(1.0 / 22050));
  }

  @Test
  void silenceClippingAndShortAudioAreFlaggedOnThePrediction() throws TooShortAudioException {
    EmotionRecognizer r = withSpec(FeatureSpec.notebook());
    Prediction silent = r.predict(AudioClip.ofMono(22050, new float[4 * 22050]));
    assertThat(silent.isSilent()).isTrue();
    assertThat(silent.qualityNotes()).extracting(QualityNote::kind).containsExactly(QualityNote.Kind.SILENCE);

    AudioClip voice = LoadFromAnywhereTest.Signals.voiceLike(22050, 4.0, 2);
    assertThat(r.predict(voice).qualityNotes()).isEmpty();

    float[] loud = voice.channel(0).clone();
    for (int i = 0; i < loud.length; i++) {
      loud[i] = Math.max(-1f, Math.min(1f, loud[i] * 20));
    }
    assertThat(r.predict(AudioClip.ofMono(22050, loud)).qualityNotes()).extracting(QualityNote::kind)
        .containsExactly(QualityNote.Kind.CLIPPING);

    AudioClip twoSeconds = voice.slice(0, 2 * 22050);
    assertThat(r.predict(twoSeconds).qualityNotes()).extracting(QualityNote::kind)
        .containsExactly(QualityNote.Kind.SHORTER_THAN_WINDOW);
  }

  @Test
  void decoderRepairsAreFlaggedOnThePrediction() throws IOException {
    EmotionRecognizer r = withSpec(FeatureSpec.notebook());
    Path wav = dir.resolve("cut.wav");
    WavWriter.write(LoadFromAnywhereTest.Signals.voiceLike(22050, 4.0, 3), wav, WavWriter.Encoding.PCM16);
    byte[] all = Files.readAllBytes(wav);
    Path cut = dir.resolve("truncated.wav");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 22050)); // a truncated download
    assertThat(r.predict(cut).qualityNotes()).extracting(QualityNote::kind)
        .contains(QualityNote.Kind.DECODER_REPAIR);
    assertThat(r.predict(wav).qualityNotes()).isEmpty();
  }
}
