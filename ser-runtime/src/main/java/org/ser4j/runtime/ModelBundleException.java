package org.ser4j.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model bundle that cannot be used: not a bundle, a foreign or newer format, corrupt (any entry's CRC-32),
 * truncated, oversized, or internally inconsistent (missing entries, shapes that do not fit, an unusable
 * feature recipe). The message names the source (the file, stream or resource) and the problem.
 */
public final class ModelBundleException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  /** The source named in the message. */
  private final String source;
  /** The problem, without the source. */
  private final String problem;

  /**
   * An exception naming the file and the problem.
   *
   * @param file the bundle file
   * @param problem what is wrong
   */
  public ModelBundleException(Path file, String problem) {
    this(file, problem, null);
  }

  /**
   * An exception naming the file and the problem.
   *
   * @param file the bundle file
   * @param problem what is wrong
   * @param cause the low-level cause, or {@code null}
   */
  public ModelBundleException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.source = String.valueOf(file);
    this.problem = problem;
  }

  /**
   * A bundle read from something other than a file (a stream, bytes, a URL).
   *
   * @param source how to name the source in the message
   * @param problem what is wrong
   */
  public ModelBundleException(String source, String problem) {
    this(source, problem, null);
  }

  /**
   * An exception naming the source and the problem.
   *
   * @param source how to name the source in the message
   * @param problem what is wrong
   * @param cause the low-level cause, or {@code null}
   */
  public ModelBundleException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.file = null;
    this.source = source;
    this.problem = problem;
  }

  /**
   * The bundle file concerned.
   *
   * @return the file, or {@code null} when the bundle was not read from a file
   */
  public Path file() {
    return file;
  }

  /**
   * The source named in the message.
   *
   * @return a file path, a URL or a stream's name
   */
  public String source() {
    return source;
  }

  /**
   * The problem without the source.
   *
   * @return what is wrong
   */
  public String problem() {
    return problem;
  }
}
