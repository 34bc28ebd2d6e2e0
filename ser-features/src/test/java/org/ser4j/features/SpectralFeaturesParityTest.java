package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ser4j.audio.AudioClip;

/**
 * rms, zero-crossing rate and the spectral features against librosa 0.11 ({@code NAME__*.csv} in the golden
 * files), frame by frame, at the golden README's tolerances: {@code |a - b| <= 1e-4 + 1e-4 |b|}, the roll-off
 * within one FFT bin.
 */
class SpectralFeaturesParityTest {

  static final double ABS = 1e-4;
  static final double REL = 1e-4;

  static String[] names() {
    return ProsodyGolden.NAMES;
  }

  @ParameterizedTest
  @MethodSource("names")
  void rmsMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    Golden.assertClose(name + "__rms", SpectralFeatures.rms(clip.monoSamples()), ProsodyGolden.vector(name, "rms"),
        ABS, REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void zeroCrossingRateMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    Golden.assertClose(name + "__zcr", SpectralFeatures.zeroCrossingRate(clip.monoSamples()),
        ProsodyGolden.vector(name, "zcr"), ABS, REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void spectralCentroidMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    Golden.assertClose(name + "__spectral_centroid", sf.spectralCentroid(clip.monoSamples()),
        ProsodyGolden.vector(name, "spectral_centroid"), ABS, REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void spectralBandwidthMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    Golden.assertClose(name + "__spectral_bandwidth", sf.spectralBandwidth(clip.monoSamples()),
        ProsodyGolden.vector(name, "spectral_bandwidth"), ABS, REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void spectralRolloffIsWithinOneBinOfLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    double bin = (double) clip.sampleRate() / sf.stft().nFft();
    Golden.assertClose(name + "__spectral_rolloff", sf.spectralRolloff(clip.monoSamples()),
        ProsodyGolden.vector(name, "spectral_rolloff"), bin * 1.0001, 0);
  }

  @ParameterizedTest
  @MethodSource("names")
  void spectralFlatnessMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    Golden.assertClose(name + "__spectral_flatness", sf.spectralFlatness(clip.monoSamples()),
        ProsodyGolden.vector(name, "spectral_flatness"), ABS, REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void spectralContrastMatchesLibrosa(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    float[][] contrast = sf.spectralContrast(clip.monoSamples());
    assertThat(contrast[0]).as("6 bands + the rest").hasSize(7);
    Golden.assertClose(name + "__spectral_contrast", contrast, ProsodyGolden.matrix(name, "spectral_contrast"), ABS,
        REL);
  }

  @ParameterizedTest
  @MethodSource("names")
  void sharedSpectrogramGivesTheSameFeaturesAsTheSignal(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    SpectralFeatures sf = SpectralFeatures.create(clip.sampleRate());
    float[][] s = sf.magnitudeSpectrogram(clip.monoSamples());
    assertThat(sf.spectralCentroid(s)).as(String.format(Locale.ROOT, "%s centroid", name))
        .containsExactly(sf.spectralCentroid(clip.monoSamples()));
  }
}
