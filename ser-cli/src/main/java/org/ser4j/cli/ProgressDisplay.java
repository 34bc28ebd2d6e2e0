package org.ser4j.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ser4j.data.ProgressListener;

/**
 * A terminal progress bar (me.tongfei:progressbar) fed by a library's {@link ProgressListener}. Shown only on
 * an interactive terminal (or with {@code SER_PROGRESS=1}), so logs and tests stay clean; elsewhere a display
 * made {@link #lines lines} prints one plain line per {@link #message message} instead (e.g. one per epoch).
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

  private final String task;
  private final boolean enabled;
  private final PrintWriter lineOut; // non-null: print a line per message when the bar is not shown
  private int done;
  private int total;
  private ProgressBar bar;

  private ProgressDisplay(String task, boolean enabled, PrintWriter lineOut) {
    this.task = task;
    this.enabled = enabled;
    this.lineOut = lineOut;
  }

  static ProgressDisplay create(PrintWriter err, String task) {
    return new ProgressDisplay(task, interactive(), null);
  }

  /** A display that, off a terminal, prints each {@link #message} as a line on {@code out}. */
  static ProgressDisplay lines(PrintWriter out, String task) {
    return new ProgressDisplay(task, interactive(), out);
  }

  private static boolean interactive() {
    return System.console() != null || "1".equals(System.getenv("SER_PROGRESS"));
  }

  @Override
  public synchronized void progress(int done, int total) {
    this.done = done;
    this.total = total;
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
    } else if (!enabled && lineOut != null) {
      lineOut.println(task + " " + done + "/" + total + ": " + extra);
      lineOut.flush();
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
