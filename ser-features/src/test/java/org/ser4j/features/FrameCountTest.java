package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameCountTest {

  /** librosa 0.11, n_fft 2048, hop 512, center=True: 1 + n // 512 (clips shorter than a frame are padded). */
  @ParameterizedTest
  @CsvSource({"1, 1", "100, 1", "511, 1", "512, 2", "1023, 2", "1024, 3", "2047, 4", "2048, 5", "22050, 44",
      "44100, 87", "48828, 96"})
  void centredFrameCountsAreLibrosas(int n, int frames) {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    assertThat(ex.frameCount(n)).isEqualTo(frames);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) Math.sin(0.05 * i) * 0.3f;
    }
    float[][] mfcc = ex.mfcc(y);
    assertThat(mfcc).hasNumberOfRows(frames);
    for (float[] row : mfcc) {
      assertThat(row).hasSize(40);
      for (float v : row) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"2048, 1", "2559, 1", "2560, 2", "44100, 83"})
  void uncentredFrameCountsAreOnePlusRemainderOverHop(int n, int frames) {
    MfccConfig cfg = MfccConfig.builder(22050).center(false).build();
    assertThat(cfg.frameCount(n)).isEqualTo(frames);
    assertThat(MfccExtractor.create(cfg).mfcc(new float[n])).hasNumberOfRows(frames);
  }

  @Test
  void speechConfigFrameCountsFollowItsHop() {
    MfccConfig cfg = MfccConfig.builder(16000).nFft(512).winLength(400).hopLength(160).nMels(40).nMfcc(13).build();
    assertThat(cfg.frameCount(8000)).isEqualTo(51);
    assertThat(cfg.frameCount(1)).isEqualTo(1);
  }

  @Test
  void emptySignalIsRejected() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    assertThatThrownBy(() -> ex.mfcc(new float[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void uncentredSignalShorterThanOneFrameIsRejected() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.builder(22050).center(false).build());
    assertThatThrownBy(() -> ex.mfcc(new float[2047])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n_fft=2048");
  }

  @Test
  void reflectPaddingMirrorsWithoutRepeatingTheEdgeLikeNumpy() {
    // numpy.pad([1, 2, 3, 4], 2, mode='reflect') == [3, 2, 1, 2, 3, 4, 3, 2]
    float[] p = Spectrograms.pad(new float[] {1, 2, 3, 4}, 4, true, MfccConfig.PadMode.REFLECT);
    assertThat(p).containsExactly(3, 2, 1, 2, 3, 4, 3, 2);
    // numpy.pad([1, 2, 3], 5, mode='reflect') == [2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2]
    float[] q = Spectrograms.pad(new float[] {1, 2, 3}, 10, true, MfccConfig.PadMode.REFLECT);
    assertThat(q).containsExactly(2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2);
    float[] z = Spectrograms.pad(new float[] {1, 2}, 4, true, MfccConfig.PadMode.CONSTANT);
    assertThat(z).containsExactly(0, 0, 1, 2, 0, 0);
  }

  @Test
  void periodicHannWindowIsCentredInTheFft() {
    float[] w = Spectrograms.window(MfccConfig.Window.HANN, 4, 8);
    // get_window('hann', 4, fftbins=True) = [0, 0.5, 1, 0.5], pad_center to 8
    assertThat(w).containsExactly(0f, 0f, 0f, 0.5f, 1f, 0.5f, 0f, 0f);
  }
}
