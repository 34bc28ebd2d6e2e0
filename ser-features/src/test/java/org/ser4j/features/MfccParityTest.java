package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ser4j.features.PowerSpectrum.Backend;

/** MFCC, mel and STFT outputs against librosa 0.11 golden files, element by element. */
class MfccParityTest {

  /** README tolerance for a float32 MFCC implementation: |a - b| <= 2e-3 + 1e-4 |b|. */
  static final double ABS = 2e-3;
  static final double REL = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"chirp_22050", "sine440_22050", "noise_16000", "voice_24414", "voice_24414_float32",
      "voice_24414_pcm8", "voice_24414_stereo_pcm24"})
  void fortyCoefficientMfccMatchesLibrosaDefaults(String name) {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(Golden.sampleRate(name)));
    float[][] mfcc = ex.mfcc(Golden.signal(name));
    Golden.assertClose("mfcc_" + name, mfcc, Golden.matrix("mfcc_" + name + ".csv"), ABS, REL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chirp_22050", "voice_24414", "noise_16000"})
  void jtransformsBackendAlsoMatchesLibrosa(String name) {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(Golden.sampleRate(name)), Backend.JTRANSFORMS);
    assertThat(ex.backend()).isEqualTo(Backend.JTRANSFORMS);
    float[][] mfcc = ex.mfcc(Golden.signal(name));
    Golden.assertClose("mfcc_" + name + " (JTransforms)", mfcc, Golden.matrix("mfcc_" + name + ".csv"), ABS, REL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chirp_22050", "sine440_22050", "noise_16000", "voice_24414", "voice_24414_float32",
      "voice_24414_pcm8", "voice_24414_stereo_pcm24"})
  void notebookMeanOfFortyMfccsMatchesLibrosa(String name) {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(Golden.sampleRate(name)));
    float[] mean = Pooling.mean(ex.mfcc(Golden.signal(name)));
    Golden.assertClose("mean40_" + name, mean, Golden.matrix("mean40_" + name + ".csv")[0], ABS, REL);
  }

  /**
   * The seed notebook's feature of voice_24414.wav, computed from librosa's own resampled load (the golden
   * {@code notebook_load_voice_24414.csv}: offset 0.5 s, 3 s, soxr_hq to 22050 Hz). Covers the feature stage
   * only; the end-to-end version through ser4j's decoder and resampler belongs with those.
   */
  @Test
  void notebookFeatureOfLibrosasResampledLoadMatchesLibrosa() {
    double[] load = org.ser4j.testing.SharedData.goldenVector("notebook_load_voice_24414.csv");
    float[] y = new float[load.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) load[i];
    }
    assertThat(y).hasSize(33075);
    float[] mean = Pooling.mean(MfccExtractor.create(MfccConfig.notebook(22050)).mfcc(y));
    Golden.assertClose("notebook_mean40_voice_24414 (from librosa's load)", mean,
        Golden.matrix("notebook_mean40_voice_24414.csv")[0], ABS, REL);
  }

  @Test
  void speechConfigurationWithHtkScaleAndShortWindowMatchesLibrosa() {
    // mfcc(n_mfcc=13, n_fft=512, win_length=400, hop_length=160, n_mels=40, htk=True): htk scale, slaney norm
    MfccConfig cfg = MfccConfig.builder(16000).nMfcc(13).nFft(512).winLength(400).hopLength(160).nMels(40)
        .htk(true).build();
    float[][] mfcc = MfccExtractor.create(cfg).mfcc(Golden.signal("noise_16000"));
    Golden.assertClose("mfcc13_speechcfg_noise_16000", mfcc, Golden.matrix("mfcc13_speechcfg_noise_16000.csv"),
        ABS, REL);
  }

  @Test
  void liftered20CoefficientMfccMatchesLibrosa() {
    MfccConfig cfg = MfccConfig.builder(22050).nMfcc(20).lifter(22).build();
    float[][] mfcc = MfccExtractor.create(cfg).mfcc(Golden.signal("chirp_22050"));
    Golden.assertClose("mfcc20_lifter22_chirp_22050", mfcc, Golden.matrix("mfcc20_lifter22_chirp_22050.csv"),
        ABS, REL);
  }

  /**
   * Power spectrogram: tolerance 1e-6 of the largest golden value (float32 FFT rounding relative to the
   * spectrum peak) plus 1e-4 relative; the float32 golden itself carries about 1e-7 of the peak.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void powerSpectrogramMatchesLibrosaStft(Backend backend) {
    double[][] golden = Golden.matrix("stft_power_sine440_22050.csv");
    MfccConfig cfg = MfccConfig.librosaDefaults(22050);
    float[][] s = backend == Backend.AUTO
        ? Spectrograms.powerSpectrogram(Golden.signal("sine440_22050"), cfg)
        : jtPower(Golden.signal("sine440_22050"), cfg);
    assertThat(s[0]).hasSize(1025);
    Golden.assertClose("stft_power_sine440_22050 (" + backend + ")", s, golden, 1e-6 * Golden.maxAbs(golden), 1e-4);
  }

  private static float[][] jtPower(float[] y, MfccConfig cfg) {
    PowerSpectrum ps = PowerSpectrum.jtransforms(cfg.nFft());
    float[] padded = Spectrograms.pad(y, cfg.nFft(), true, cfg.padMode());
    float[] w = Spectrograms.window(cfg);
    float[][] out = new float[cfg.frameCount(y.length)][cfg.binCount()];
    for (int t = 0; t < out.length; t++) {
      ps.compute(padded, t * cfg.hopLength(), w, out[t]);
    }
    return out;
  }

  /** Mel power spectrogram: 1e-6 of the largest golden value plus 1e-4 relative. */
  @Test
  void melSpectrogramMatchesLibrosa() {
    double[][] golden = Golden.matrix("melspec_sine440_22050.csv");
    float[][] mel = Spectrograms.melSpectrogram(Golden.signal("sine440_22050"), MfccConfig.librosaDefaults(22050));
    Golden.assertClose("melspec_sine440_22050", mel, golden, 1e-6 * Golden.maxAbs(golden), 1e-4);
  }

  @Test
  void melSpectrogramInDecibelsMatchesLibrosa() {
    MfccConfig cfg = MfccConfig.librosaDefaults(22050);
    float[][] mel = Spectrograms.melSpectrogram(Golden.signal("sine440_22050"), cfg);
    float[][] db = Spectrograms.powerToDb(mel, cfg.ref(), cfg.amin(), cfg.topDb());
    Golden.assertClose("melspec_db_sine440_22050", db, Golden.matrix("melspec_db_sine440_22050.csv"), ABS, REL);
  }

  @Test
  void melDecibelsOfTheGoldenMelSpectrogramMatchLibrosaPowerToDb() {
    float[][] mel = Golden.floatMatrix("melspec_sine440_22050.csv");
    float[][] db = Spectrograms.powerToDb(mel, 1.0, 1e-10, 80.0);
    Golden.assertClose("power_to_db(golden melspec)", db, Golden.matrix("melspec_db_sine440_22050.csv"), 1e-4, 1e-6);
  }
}
