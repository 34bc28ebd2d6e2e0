package org.ser4j.model;

import java.util.Locale;

/**
 * Metrics after one epoch. Validation values are {@code NaN} when no validation set was given.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean mini-batch loss during the epoch (with dropout active, as Keras reports it)
 * @param trainAccuracy accuracy on the training set (or a fixed sample of at most 1024 of it) after the
 *     epoch, inference mode
 * @param millis wall time of the epoch including evaluation
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
    double validationAccuracy, long millis) {

  /** Whether a validation set was scored this epoch (otherwise its fields are NaN). */
  public boolean hasValidation() {
    return !Double.isNaN(validationLoss);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "epoch %d: loss %.4f acc %.4f val_loss %.4f val_acc %.4f (%d ms)", epoch,
        trainLoss, trainAccuracy, validationLoss, validationAccuracy, millis);
  }
}
