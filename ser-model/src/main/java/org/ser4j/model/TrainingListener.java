package org.ser4j.model;

/**
 * Progress of a training run (drives the CLI's progress bar). Called on the training thread; keep it cheap.
 * All methods have empty defaults.
 */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() { };

  /** After each mini-batch update; {@code batch} is 1-based within the epoch. */
  default void onBatch(int epoch, int batch, int batchesPerEpoch, double loss) {
  }

  /** After each epoch (including its evaluation). */
  default void onEpoch(EpochStats stats, int totalEpochs) {
  }

  /** Polled before every mini-batch; returning true stops training (a {@link TrainingCancelledException}). */
  default boolean isCancelled() {
    return false;
  }
}
