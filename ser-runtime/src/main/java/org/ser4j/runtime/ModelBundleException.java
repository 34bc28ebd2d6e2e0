package org.ser4j.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model bundle file that cannot be used: not a bundle, a foreign or newer format, corrupt, truncated,
 * oversized, or internally inconsistent (missing entries, shapes that do not fit). The message names the
 * file and the problem.
 */
public final class ModelBundleException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Path file;

  public ModelBundleException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ModelBundleException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The bundle file concerned (may be {@code null} when the bundle was not read from a file). */
  public Path file() {
    return file;
  }
}
