package org.ser4j.model;

import java.util.List;
import java.util.Locale;

/** Per-epoch metrics of one training run (like Keras' {@code History}), and which epoch was kept. */
public record History(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly) {
  public History {
    epochs = List.copyOf(epochs);
  }

  /** Number of epochs trained. */
  public int size() {
    return epochs.size();
  }

  /** The last epoch's statistics. */
  public EpochStats last() {
    return epochs.get(epochs.size() - 1);
  }

  /** The epoch whose weights the trained network holds (the last one unless early stopping restored one). */
  public EpochStats best() {
    return epochs.get(bestEpoch - 1);
  }

  /** Training loss per epoch (a copy). */
  public double[] trainLoss() {
    return epochs.stream().mapToDouble(EpochStats::trainLoss).toArray();
  }

  /** Training accuracy per epoch (a copy). */
  public double[] trainAccuracy() {
    return epochs.stream().mapToDouble(EpochStats::trainAccuracy).toArray();
  }

  /** Validation loss per epoch, NaN where none was scored (a copy). */
  public double[] validationLoss() {
    return epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
  }

  /** Validation accuracy per epoch, NaN where none was scored (a copy). */
  public double[] validationAccuracy() {
    return epochs.stream().mapToDouble(EpochStats::validationAccuracy).toArray();
  }

  /** CSV with header {@code epoch,loss,accuracy,val_loss,val_accuracy,millis}. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,millis\n");
    for (EpochStats e : epochs) {
      sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%d%n", e.epoch(), e.trainLoss(),
          e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.millis()));
    }
    return sb.toString();
  }
}
