package org.ser4j.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Keras model file that cannot be imported: not HDF5, truncated or corrupt, not a whole saved model, or a
 * model whose layers, shapes or activations the plain-Java recognizer cannot run. The message names the file
 * and, where one is to blame, the layer.
 */
public final class KerasImportException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String layer;

  KerasImportException(Path file, String layer, String problem, Throwable cause) {
    super(file + ": " + (layer == null ? "" : "layer '" + layer + "': ") + problem, cause);
    this.file = file;
    this.layer = layer;
  }

  KerasImportException(Path file, String layer, String problem) {
    this(file, layer, problem, null);
  }

  /** The model file concerned. */
  public Path file() {
    return file;
  }

  /** The Keras layer name the problem is in, when it is in one. */
  public Optional<String> layer() {
    return Optional.ofNullable(layer);
  }
}
