package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ser4j.testing.SharedData;

class AudioLoaderTest {

  private static double signalToErrorDb(float[] actual, double[] expected) {
    double signal = 0;
    double error = 0;
    for (int i = 0; i < expected.length; i++) {
      signal += expected[i] * expected[i];
      double d = actual[i] - expected[i];
      error += d * d;
    }
    return 10 * Math.log10(signal / error);
  }

  @Test
  void notebookLoadMatchesLibrosaInOneLine() throws IOException {
    // y, sr = librosa.load("voice_24414.wav", duration=3, offset=0.5)
    AudioClip y = AudioLoader.load(SharedData.golden("voice_24414.wav"), LoadOptions.notebook());

    double[] expected = SharedData.goldenVector("notebook_load_voice_24414.csv");
    assertThat(y.sampleRate()).isEqualTo(22050);
    assertThat(y.channelCount()).isEqualTo(1);
    assertThat(y.frameCount()).isEqualTo(expected.length).isEqualTo(33075);
    assertThat(signalToErrorDb(y.channel(0), expected)).isGreaterThanOrEqualTo(48.0);
  }

  @Test
  void spelledOutOptionsEqualThePreset() throws IOException {
    Path wav = SharedData.golden("voice_24414.wav");
    AudioClip a = AudioLoader.load(wav, LoadOptions.notebook());
    AudioClip b = AudioLoader.load(wav, LoadOptions.builder().sampleRate(22050).offset(0.5).duration(3).build());
    assertThat(b.channel(0)).containsExactly(a.channel(0));
  }

  @Test
  void defaultsResampleTheWholeFileTo22050Mono() throws IOException {
    AudioClip y = AudioLoader.load(SharedData.golden("voice_24414_stereo_pcm24.wav"));
    assertThat(y.sampleRate()).isEqualTo(22050);
    assertThat(y.channelCount()).isEqualTo(1);
    // ceil(48828 * 22050 / 24414)
    assertThat(y.frameCount()).isEqualTo(44100);
  }

  @Test
  void nativeRateWithoutMonoKeepsTheDecodedSamples() throws IOException {
    Path wav = SharedData.golden("voice_24414_stereo_pcm24.wav");
    AudioClip y = AudioLoader.load(wav, LoadOptions.builder().nativeSampleRate().mono(false).build());
    AudioClip decoded = AudioReader.read(wav);
    assertThat(y.channelCount()).isEqualTo(2);
    assertThat(y.sampleRate()).isEqualTo(24414);
    assertThat(y.channel(1)).containsExactly(decoded.channel(1));
  }

  @Test
  void offsetAndDurationAreTruncatedToWholeFramesAtTheNativeRate() throws IOException {
    Path wav = SharedData.golden("sine440_22050.wav");
    // int(0.1 * 22050) = 2205 frames skipped, int(0.01 * 22050) = 220 frames read
    AudioClip y = AudioLoader.load(wav, LoadOptions.builder().nativeSampleRate().offset(0.1).duration(0.01).build());
    AudioClip all = AudioReader.read(wav);
    assertThat(y.frameCount()).isEqualTo(220);
    assertThat(y.channel(0)[0]).isEqualTo(all.sample(0, 2205));
  }

  @Test
  void offsetPastTheEndGivesAnEmptyClip() throws IOException {
    AudioClip y = AudioLoader.load(SharedData.golden("sine440_22050.wav"),
        LoadOptions.builder().offset(5).build());
    assertThat(y.frameCount()).isZero();
  }

  @Test
  void inMemoryClipsLoadTheSameWayAsFiles() throws IOException {
    Path wav = SharedData.golden("voice_24414.wav");
    AudioClip fromFile = AudioLoader.load(wav, LoadOptions.notebook());
    AudioClip fromClip = AudioLoader.load(AudioReader.read(wav), LoadOptions.notebook());
    assertThat(fromClip.channel(0)).containsExactly(fromFile.channel(0));
  }

  @Test
  void invalidOptionsNameTheParameter() {
    assertThatThrownBy(() -> LoadOptions.builder().offset(-1)).hasMessageContaining("offset");
    assertThatThrownBy(() -> LoadOptions.builder().duration(Double.NaN)).hasMessageContaining("duration");
    assertThatThrownBy(() -> LoadOptions.builder().sampleRate(0)).hasMessageContaining("sampleRate");
  }
}
