package org.ser4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ser4j.data.ProgressListener;

/**
 * A terminal progress bar (me.tongfei:progressbar) fed by a library's {@link ProgressListener}. Shown only on
 * an interactive terminal (or with {@code SER_PROGRESS=1}), so logs and tests stay clean.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

  private final String task;
  private final boolean enabled;
  private ProgressBar bar;

  private ProgressDisplay(String task, boolean enabled) {
    this.task = task;
    this.enabled = enabled;
  }

  static ProgressDisplay create(PrintWriter err, String task) {
    boolean interactive = System.console() != null || "1".equals(System.getenv("SER_PROGRESS"));
    return new ProgressDisplay(task, interactive);
  }

  @Override
  public synchronized void progress(int done, int total) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
    }
    bar.stepTo(done);
  }

  /** Shows a free-form message after the bar (e.g. loss and accuracy). */
  synchronized void message(String extra) {
    if (bar != null) {
      bar.setExtraMessage(extra);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
