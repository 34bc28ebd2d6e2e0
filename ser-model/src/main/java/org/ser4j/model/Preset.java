package org.ser4j.model;

import java.util.Locale;
import org.ser4j.features.FeatureSpec;

/**
 * A named pairing of a feature recipe and a network: what {@code ser train --preset} and {@link Experiment}
 * select. {@link #STATS} is the default, the best model on evidence (README's results table).
 */
public enum Preset {
  /** The seed notebook: the mean of 40 MFCCs read as 40 one-feature steps, {@link ModelConfig#notebook()}. */
  NOTEBOOK,
  /** An LSTM over every MFCC frame with deltas, masked and standardised: {@link ModelConfig#framewise(int)}. */
  FRAMEWISE,
  /**
   * Utterance statistics (mean and standard deviation of 40 MFCCs, deltas and delta-deltas: 240 values,
   * standardised) read as a one-step sequence by the framewise network: {@link ModelConfig#stats(int)}.
   */
  STATS,
  /**
   * Features that carry emotion across voices: MFCC statistics with percentiles plus prosodic and voice-quality
   * descriptors ({@link FeatureSpec#voice()}, 703 values, standardised), read as a one-step sequence by the
   * framewise network, as {@link #STATS}.
   */
  VOICE;

  /** The feature recipe this preset trains and predicts on (stored in every bundle it produces). */
  public FeatureSpec featureSpec() {
    return switch (this) {
      case NOTEBOOK -> FeatureSpec.notebook();
      case FRAMEWISE -> FeatureSpec.framewise();
      case STATS -> FeatureSpec.stats();
      case VOICE -> FeatureSpec.voice();
    };
  }

  /** The preset's network and training settings for {@code numClasses} labels, as a builder to adjust. */
  public ModelConfig.Builder modelConfig(int numClasses) {
    ModelConfig.Builder b = switch (this) {
      case NOTEBOOK -> ModelConfig.notebookBuilder();
      case FRAMEWISE -> ModelConfig.framewiseBuilder(FeatureSpec.framewise().dimension());
      case STATS -> ModelConfig.statsBuilder(FeatureSpec.stats().dimension());
      case VOICE -> ModelConfig.statsBuilder(FeatureSpec.voice().dimension()).name("voice");
    };
    return b.numClasses(numClasses);
  }

  /** The lower-case name used on the command line and in bundles ({@code "stats"}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The preset called {@code id} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the presets that exist, when none is called so
   */
  public static Preset byId(String id) {
    for (Preset p : values()) {
      if (p.id().equalsIgnoreCase(id.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown preset '" + id + "' (known: notebook, framewise, stats, voice)");
  }
}
