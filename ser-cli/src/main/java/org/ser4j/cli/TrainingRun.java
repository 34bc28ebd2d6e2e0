package org.ser4j.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.ser4j.model.EpochStats;
import org.ser4j.model.TrainingListener;

/**
 * What {@code ser train} and {@code ser reproduce} share around the library's {@link org.ser4j.model.Experiment}:
 * the default cache folder and the progress display of epochs.
 */
final class TrainingRun {

  private TrainingRun() {}

  static Path defaultCacheDir() {
    String env = System.getenv("SER4J_CACHE");
    return env != null ? Paths.get(env) : Paths.get(System.getProperty("user.home"), ".cache", "ser4j", "features");
  }

  /** A listener that shows epochs on a progress bar with loss and accuracy. */
  static TrainingListener progressListener(ProgressDisplay bar) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochStats s, int totalEpochs) {
        bar.progress(s.epoch(), totalEpochs);
        bar.message(String.format(Locale.ROOT, "loss %.3f acc %.3f%s", s.trainLoss(), s.trainAccuracy(),
            s.hasValidation() ? String.format(Locale.ROOT, " | val loss %.3f acc %.3f", s.validationLoss(),
                s.validationAccuracy()) : ""));
      }
    };
  }
}
