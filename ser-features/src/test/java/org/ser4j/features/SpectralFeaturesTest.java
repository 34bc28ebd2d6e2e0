package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Behaviour and input checks of {@link SpectralFeatures} beyond the librosa parity tests. */
class SpectralFeaturesTest {

  private static float[] sine(double hz, int sr, int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sr));
    }
    return y;
  }

  @Test
  void centroidOfAPureToneSitsAtItsFrequencyAndRmsAtAmplitudeOverRootTwo() {
    float[] y = sine(1000, 16000, 16000);
    SpectralFeatures sf = SpectralFeatures.create(16000);
    float[] centroid = sf.spectralCentroid(y);
    assertThat((double) centroid[centroid.length / 2]).isCloseTo(1000, within(5.0));
    float[] rms = SpectralFeatures.rms(y);
    assertThat((double) rms[rms.length / 2]).isCloseTo(0.5 / Math.sqrt(2), within(1e-3));
  }

  @Test
  void zeroCrossingRateOfAToneIsTwiceItsFrequencyOverTheRate() {
    float[] y = sine(440, 22050, 22050);
    float[] zcr = SpectralFeatures.zeroCrossingRate(y);
    assertThat((double) zcr[zcr.length / 2]).isCloseTo(2 * 440.0 / 22050, within(2.0 / 2048));
  }

  @Test
  void silenceGivesZeroCentroidAndRolloffAndFlatnessOne() {
    float[] y = new float[4096];
    SpectralFeatures sf = SpectralFeatures.create(22050);
    assertThat(sf.spectralCentroid(y)).containsOnly(0f);
    assertThat(sf.spectralRolloff(y)).containsOnly(0f);
    assertThat(sf.spectralFlatness(y)).containsOnly(1f);
    assertThat(SpectralFeatures.zeroCrossingRate(y)).containsOnly(0f);
  }

  @Test
  void emptySignalIsRejectedWithAMessage() {
    SpectralFeatures sf = SpectralFeatures.create(22050);
    assertThatThrownBy(() -> sf.spectralCentroid(new float[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty signal");
    assertThatThrownBy(() -> SpectralFeatures.rms(new float[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty signal");
  }

  @Test
  void nonFiniteSamplesAreRejectedNamingTheSample() {
    float[] y = new float[4096];
    y[100] = Float.NaN;
    SpectralFeatures sf = SpectralFeatures.create(22050);
    assertThatThrownBy(() -> sf.spectralCentroid(y)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample 100");
    assertThatThrownBy(() -> SpectralFeatures.zeroCrossingRate(y)).hasMessageContaining("not finite");
    assertThatThrownBy(() -> Pitch.create(22050, 65.406, 2093.0).pyin(y)).hasMessageContaining("sample 100");
  }

  @Test
  void malformedSpectrogramIsRejectedNamingTheFrame() {
    SpectralFeatures sf = SpectralFeatures.create(22050);
    float[][] wrongBins = {new float[1025], new float[10]};
    assertThatThrownBy(() -> sf.spectralCentroid(wrongBins)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame 1").hasMessageContaining("1025");
    float[][] negative = {new float[1025]};
    negative[0][3] = -1f;
    assertThatThrownBy(() -> sf.spectralFlatness(negative, 1e-10, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-negative");
  }

  @Test
  void contrastBandsAboveNyquistAreRejected() {
    SpectralFeatures sf = SpectralFeatures.create(8000);
    float[][] s = sf.magnitudeSpectrogram(sine(300, 8000, 8000));
    assertThatThrownBy(() -> sf.spectralContrast(s, 200, 6, 0.02, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nyquist");
    assertThat(sf.spectralContrast(s, 200, 4, 0.02, false)[0]).hasSize(5);
  }

  @Test
  void invalidParametersAreRejectedByName() {
    assertThatThrownBy(() -> SpectralFeatures.builder(22050).stft(StftConfig.builder().winLength(4096).build())
        .build()).hasMessageContaining("win_length");
    assertThatThrownBy(() -> SpectralFeatures.builder(0).build()).hasMessageContaining("sampleRate");
    SpectralFeatures sf = SpectralFeatures.create(22050);
    float[][] s = {new float[1025]};
    assertThatThrownBy(() -> sf.spectralRolloff(s, 1.5)).hasMessageContaining("roll_percent");
    assertThatThrownBy(() -> sf.spectralContrast(s, 200, 6, 0, false)).hasMessageContaining("quantile");
  }
}
