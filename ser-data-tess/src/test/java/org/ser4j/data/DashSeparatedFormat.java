package org.ser4j.data;

import java.nio.file.Path;

/** A corpus layout of the user's own, {@code SPEAKER-EMOTION-WORD.wav}, registered in META-INF/services. */
public final class DashSeparatedFormat implements CorpusFormat {
  @Override
  public String id() {
    return "dash-separated";
  }

  @Override
  public Parsed parse(Path file, String stem, String folder) {
    String[] parts = stem.split("-");
    if (parts.length != 3) {
      return Parsed.failure("not SPEAKER-EMOTION-WORD");
    }
    return Parsed.of(parts[0], parts[2], parts[1], stem);
  }
}
