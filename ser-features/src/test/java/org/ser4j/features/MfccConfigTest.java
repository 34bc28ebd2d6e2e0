package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ser4j.features.MfccConfig.MelNorm;
import org.ser4j.features.MfccConfig.MelScale;
import org.ser4j.features.MfccConfig.PadMode;
import org.ser4j.features.MfccConfig.Window;

class MfccConfigTest {

  @Test
  void defaultsAreLibrosas() {
    MfccConfig c = MfccConfig.builder().build();
    assertThat(c.sampleRate()).isEqualTo(22050);
    assertThat(c.nMfcc()).isEqualTo(20);
    assertThat(c.nFft()).isEqualTo(2048);
    assertThat(c.winLength()).isEqualTo(2048);
    assertThat(c.hopLength()).isEqualTo(512);
    assertThat(c.window()).isEqualTo(Window.HANN);
    assertThat(c.center()).isTrue();
    assertThat(c.padMode()).isEqualTo(PadMode.CONSTANT);
    assertThat(c.power()).isEqualTo(2.0);
    assertThat(c.nMels()).isEqualTo(128);
    assertThat(c.fmin()).isEqualTo(0.0);
    assertThat(c.fmax()).isEqualTo(11025.0);
    assertThat(c.melScale()).isEqualTo(MelScale.SLANEY);
    assertThat(c.melNorm()).isEqualTo(MelNorm.SLANEY);
    assertThat(c.ref()).isEqualTo(1.0);
    assertThat(c.amin()).isEqualTo(1e-10);
    assertThat(c.topDb()).isEqualTo(80.0);
    assertThat(c.hasTopDb()).isTrue();
    assertThat(c.lifter()).isEqualTo(0.0);
    assertThat(c.binCount()).isEqualTo(1025);
  }

  @Test
  void notebookPresetKeepsFortyCoefficients() {
    MfccConfig c = MfccConfig.notebook(22050);
    assertThat(c.nMfcc()).isEqualTo(40);
    assertThat(c).isEqualTo(MfccConfig.builder(22050).nMfcc(40).build());
  }

  @Test
  void hopDefaultsToAQuarterOfTheWindowLengthAndFmaxToNyquist() {
    MfccConfig c = MfccConfig.builder(16000).nFft(512).winLength(400).build();
    assertThat(c.hopLength()).isEqualTo(100);
    assertThat(c.fmax()).isEqualTo(8000.0);
  }

  @Test
  void topDbNullOrNanTurnsTheClampOff() {
    assertThat(MfccConfig.builder().topDb(null).build().hasTopDb()).isFalse();
    assertThat(MfccConfig.builder().topDb(Double.NaN).build().hasTopDb()).isFalse();
    assertThat(MfccConfig.builder().topDb(null).build().toString()).contains("top_db=None");
  }

  @Test
  void equalConfigsAreEqualAndHashAlikeAndDifferentOnesNot() {
    MfccConfig a = MfccConfig.builder(16000).nMfcc(13).htk(true).build();
    MfccConfig b = MfccConfig.builder(16000).nMfcc(13).melScale(MelScale.HTK).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(a).isNotEqualTo(a.toBuilder().lifter(22).build());
    assertThat(a).isNotEqualTo(a.toBuilder().topDb(null).build());
    assertThat(a.toString()).contains("n_mfcc=13", "sr=16000", "mel_scale=HTK", "n_fft=2048");
  }

  @Test
  void validationNamesTheParameter() {
    assertRejected(() -> MfccConfig.builder().winLength(4096).build(), "win_length");
    assertRejected(() -> MfccConfig.builder(16000).fmax(8001.0).build(), "fmax");
    assertRejected(() -> MfccConfig.builder().nMfcc(129).build(), "n_mfcc");
    assertRejected(() -> MfccConfig.builder().nMfcc(0).build(), "n_mfcc");
    assertRejected(() -> MfccConfig.builder().nFft(0).build(), "n_fft");
    assertRejected(() -> MfccConfig.builder().nMels(-1).build(), "n_mels");
    assertRejected(() -> MfccConfig.builder().hopLength(0).build(), "hop_length");
    assertRejected(() -> MfccConfig.builder().winLength(0).build(), "win_length");
    assertRejected(() -> MfccConfig.builder().sampleRate(0).build(), "sr");
    assertRejected(() -> MfccConfig.builder().fmin(-1).build(), "fmin");
    assertRejected(() -> MfccConfig.builder().fmin(5000).fmax(4000.0).build(), "fmax");
    assertRejected(() -> MfccConfig.builder().power(0).build(), "power");
    assertRejected(() -> MfccConfig.builder().amin(0).build(), "amin");
    assertRejected(() -> MfccConfig.builder().ref(-1).build(), "ref");
    assertRejected(() -> MfccConfig.builder().topDb(-1.0).build(), "top_db");
    assertRejected(() -> MfccConfig.builder().lifter(-1).build(), "lifter");
    assertRejected(() -> MfccConfig.builder().nFft(2).build(), "hop_length");
  }

  private static void assertRejected(Supplier<MfccConfig> build, String parameter) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(parameter);
  }
}
