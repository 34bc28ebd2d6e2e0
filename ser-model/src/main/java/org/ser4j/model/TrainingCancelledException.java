package org.ser4j.model;

/** Thrown by {@link Trainer#train} when the listener asked to cancel. No partial result is returned. */
public final class TrainingCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Training stopped at the listener's request after {@code epoch} completed epochs. */
  public TrainingCancelledException(int epoch) {
    super("training cancelled in epoch " + epoch);
  }
}
