package org.ser4j.data;

/**
 * Receives progress of long corpus work (probing, feature extraction). Called from worker threads, possibly
 * concurrently; implementations must be thread-safe and quick. The command line drives a progress bar with it.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Does nothing. */
  ProgressListener NONE = (done, total) -> { };

  /**
   * @param done items finished so far (successful or not)
   * @param total items in all
   */
  void progress(int done, int total);
}
