package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudioClipTest {

  @Test
  void monoIsTheMeanOfTheChannelsFrameByFrame() {
    AudioClip clip = AudioClip.of(8000, new float[] {1f, 0.5f, -1f}, new float[] {0f, 0.25f, 1f});
    assertThat(clip.monoSamples()).containsExactly(0.5f, 0.375f, 0f);
    assertThat(clip.toMono().channelCount()).isEqualTo(1);
    assertThat(clip.durationSeconds()).isEqualTo(3.0 / 8000);
  }

  @Test
  void isImmutableAgainstTheCallersArraysAndItsOwnAccessors() {
    float[] samples = {0.1f, 0.2f};
    AudioClip clip = AudioClip.ofMono(16000, samples);
    samples[0] = 9f;
    clip.channel(0)[1] = 9f;
    clip.monoSamples()[1] = 9f;
    assertThat(clip.channel(0)).containsExactly(0.1f, 0.2f);
  }

  @Test
  void rejectsChannelsOfDifferentLengthsAndNonPositiveRates() {
    assertThatThrownBy(() -> AudioClip.of(8000, new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel 1 has 3 frames");
    assertThatThrownBy(() -> AudioClip.ofMono(0, new float[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleRate");
  }

  @Test
  void sliceKeepsRateAndWarnings() {
    AudioClip clip = AudioClip.ofMono(100, new float[] {1, 2, 3, 4}).withWarnings(List.of("truncated"));
    AudioClip part = clip.slice(1, 3);
    assertThat(part.channel(0)).containsExactly(2f, 3f);
    assertThat(part.sampleRate()).isEqualTo(100);
    assertThat(part.warnings()).containsExactly("truncated");
  }
}
