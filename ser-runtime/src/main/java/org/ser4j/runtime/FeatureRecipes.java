package org.ser4j.runtime;

import java.util.Map;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccConfig;

/**
 * Validation of a bundle's feature recipe at load time, so that a bundle which cannot featurise audio, or
 * would do so at an absurd cost, is rejected with a {@link ModelBundleException} instead of failing inside
 * {@code predict}. The rules are {@link MfccConfig}'s and {@link org.ser4j.audio.LoadOptions}'s, plus the
 * upper bounds documented on {@link ModelBundle}.
 */
final class FeatureRecipes {
  static final int MIN_SAMPLE_RATE = 1000;
  static final int MAX_SAMPLE_RATE = 384_000;
  static final int MAX_N_FFT = 1 << 14;
  static final int MAX_HOP = 1 << 14;
  static final int MAX_N_MELS = 512;
  static final double MAX_SECONDS = 3600;

  private FeatureRecipes() {
  }

  /** True when the configuration is a {@link FeatureSpec} recipe (not an opaque map of other settings). */
  static boolean isRecipe(Map<String, String> config) {
    return config.keySet().stream().anyMatch(k -> k.equals("version") || k.startsWith("mfcc.")
        || k.startsWith("load."));
  }

  /**
   * Parses and bounds the recipe of {@code bundle}; {@code null} when the bundle carries none.
   *
   * @throws ModelBundleException naming the bundle and the offending setting
   */
  static FeatureSpec check(ModelBundle bundle, String source) throws ModelBundleException {
    Map<String, String> config = bundle.featureConfig();
    if (!isRecipe(config)) {
      return null;
    }
    FeatureSpec spec;
    try {
      spec = FeatureSpec.fromMap(config);
    } catch (RuntimeException e) {
      throw new ModelBundleException(source, BundleIo.FEATURES + ": unusable feature recipe: " + e.getMessage(), e);
    }
    MfccConfig m = spec.mfcc();
    bound(source, "mfcc.sr", m.sampleRate(), MIN_SAMPLE_RATE, MAX_SAMPLE_RATE);
    bound(source, "mfcc.n_fft", m.nFft(), 1, MAX_N_FFT);
    bound(source, "mfcc.hop_length", m.hopLength(), 1, MAX_HOP);
    bound(source, "mfcc.n_mels", m.nMels(), 1, MAX_N_MELS);
    if (!(spec.load().offset() <= MAX_SECONDS)) {
      throw new ModelBundleException(source, BundleIo.FEATURES + ": load.offset " + spec.load().offset()
          + " s is outside [0, " + MAX_SECONDS + "]");
    }
    if (spec.load().duration().isPresent()) {
      double d = spec.load().duration().getAsDouble();
      if (!(d > 0 && d <= MAX_SECONDS)) {
        throw new ModelBundleException(source, BundleIo.FEATURES + ": load.duration " + d
            + " s is outside (0, " + MAX_SECONDS + "]");
      }
    }
    if (!org.ser4j.features.PowerSpectrum.isSupported(m.nFft())) {
      throw new ModelBundleException(source, BundleIo.FEATURES + ": mfcc.n_fft = " + m.nFft() + " is not a power"
          + " of two from 16 to 2^20, and such sizes need JTransforms on the class path"
          + " (com.github.wendykierp:JTransforms:3.1)");
    }
    if (spec.dimension() != bundle.inputLength()) {
      throw new ModelBundleException(source, "shape mismatch: the feature recipe gives " + spec.dimension()
          + " values per " + (spec.pooling() == FeatureSpec.Summary.NONE ? "frame" : "file")
          + ", the network takes " + bundle.inputLength());
    }
    if (spec.pooling() == FeatureSpec.Summary.NONE && bundle.inputMode() != InputMode.SEQUENCE) {
      throw new ModelBundleException(source, "shape mismatch: an unpooled feature recipe needs a sequence model");
    }
    return spec;
  }

  private static void bound(String source, String key, int value, int min, int max) throws ModelBundleException {
    if (value < min || value > max) {
      throw new ModelBundleException(source, BundleIo.FEATURES + ": " + key + " = " + value + " is outside ["
          + min + ", " + max + "]");
    }
  }
}
