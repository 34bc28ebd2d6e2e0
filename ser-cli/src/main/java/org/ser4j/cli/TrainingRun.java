package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.ser4j.audio.OutputFiles;
import org.ser4j.model.EpochStats;
import org.ser4j.model.Experiment;
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

  /** Writes the result's bundle to {@code out} through {@link OutputFiles} (links followed, devices refused). */
  static void writeBundle(Experiment.Result r, Path out, String corpusDescription) throws IOException {
    OutputFiles.write(out, tmp -> r.writeBundle(tmp, corpusDescription));
  }

  /**
   * Checks before a long run that {@code out} can be written: not a folder, FIFO or device, its folder
   * creatable and writable (a probe file is created there and deleted).
   *
   * @throws IOException naming {@code out} and the reason, if it cannot
   */
  static void checkCanWrite(Path out) throws IOException {
    Path target = OutputFiles.checkWritable(out);
    OutputFiles.createFolders(out, target.getParent());
    try {
      Path probe = Files.createTempFile(target.getParent(), ".ser4j-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new FileSystemException(out.toString(), null, OutputFiles.reason(e));
    }
  }

  /** Writes the bundle to a new temporary file when the real output failed; its path, or null. */
  static Path keepBundle(Experiment.Result r, String corpusDescription) {
    try {
      Path kept = Files.createTempFile("ser4j-model-", ".ser4j");
      r.writeBundle(kept, corpusDescription);
      return kept;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
