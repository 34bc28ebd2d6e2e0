package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.MfccConfig.Window;

class StftConfigTest {

  @Test
  void defaultsAreLibrosas() {
    StftConfig d = StftConfig.defaults();
    assertThat(d.nFft()).isEqualTo(2048);
    assertThat(d.winLength()).isEqualTo(2048);
    assertThat(d.hopLength()).isEqualTo(512);
    assertThat(d.window()).isEqualTo(Window.HANN);
    assertThat(d.center()).isTrue();
    assertThat(d.padMode()).isEqualTo(PadMode.CONSTANT);
    assertThat(StftConfig.builder().nFft(512).winLength(400).build().hopLength()).isEqualTo(100);
  }

  @Test
  void everyMfccConfigContainsItsStftAndTakesOneBack() {
    MfccConfig m = MfccConfig.builder(16000).nFft(512).hopLength(160).winLength(400).window(Window.HAMMING)
        .center(false).padMode(PadMode.REFLECT).nMels(40).nMfcc(13).build();
    StftConfig s = m.stft();
    assertThat(s).isEqualTo(StftConfig.builder().nFft(512).hopLength(160).winLength(400).window(Window.HAMMING)
        .center(false).padMode(PadMode.REFLECT).build());
    assertThat(MfccConfig.builder(16000).nMels(40).nMfcc(13).stft(s).build()).isEqualTo(m);
    assertThat(s.frameCount(16000)).isEqualTo(m.frameCount(16000));
  }

  @Test
  void invalidParametersAreNamed() {
    assertThatThrownBy(() -> StftConfig.builder().nFft(0).build()).hasMessageContaining("n_fft");
    assertThatThrownBy(() -> StftConfig.builder().nFft(256).winLength(512).build()).hasMessageContaining("win_length");
    assertThatThrownBy(() -> StftConfig.builder().hopLength(0).build()).hasMessageContaining("hop_length");
  }

  /** Same golden and tolerance as the MfccConfig-driven power spectrogram in {@link MfccParityTest}. */
  @Test
  void spectrogramOfAnStftConfigAloneMatchesLibrosasStft() {
    double[][] golden = Golden.matrix("stft_power_sine440_22050.csv");
    float[][] power = Spectrograms.spectrogram(Golden.signal("sine440_22050"), StftConfig.defaults(), 2.0);
    Golden.assertClose("stft_power_sine440_22050 (StftConfig)", power, golden, 1e-6 * Golden.maxAbs(golden), 1e-4);
    float[][] magnitude = Spectrograms.spectrogram(Golden.signal("sine440_22050"), StftConfig.defaults(), 1.0);
    for (int t = 0; t < power.length; t += 7) {
      for (int k = 0; k < power[t].length; k += 13) {
        assertThat((double) magnitude[t][k]).isCloseTo(Math.sqrt(power[t][k]), within(1e-3 + 1e-5 * magnitude[t][k]));
      }
    }
    assertThatThrownBy(() -> Spectrograms.spectrogram(new float[100], StftConfig.defaults(), 0))
        .hasMessageContaining("power");
  }
}
