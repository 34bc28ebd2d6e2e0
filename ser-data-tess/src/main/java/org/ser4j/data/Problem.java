package org.ser4j.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something a corpus scan or a feature pass could not take as it was: a file left out, or a file used after a
 * repair (a malformed name labelled from its folder). Nothing is dropped silently; every such case is one
 * {@code Problem}.
 *
 * @param file the file concerned
 * @param reason what is wrong, one sentence
 * @param used whether the file was still used (true for repairs, false for files left out)
 */
public record Problem(Path file, String reason, boolean used) {

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
  }

  /** A file left out. */
  public static Problem skipped(Path file, String reason) {
    return new Problem(file, reason, false);
  }

  /** A file used after a repair. */
  public static Problem repaired(Path file, String reason) {
    return new Problem(file, reason, true);
  }

  @Override
  public String toString() {
    return file + ": " + reason + (used ? " (used)" : " (left out)");
  }
}
