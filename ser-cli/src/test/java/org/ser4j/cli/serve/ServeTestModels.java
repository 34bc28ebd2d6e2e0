package org.ser4j.cli.serve;

import java.io.IOException;
import java.nio.file.Path;

/** The serve tests' tiny model as a bundle file, for tests of the command in another package. */
public final class ServeTestModels {
  private ServeTestModels() {}

  /** Writes the tiny model to {@code file}. */
  public static void write(Path file) throws IOException {
    ServeFixtures.recognizer().bundle().write(file);
  }
}
