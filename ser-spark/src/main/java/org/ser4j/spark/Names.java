package org.ser4j.spark;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.Emotion;

/** Labels from a file name by a corpus format, for any Spark path (local, HDFS, S3: only names are read). */
final class Names {
  /** What the name says; all null where the format does not read it. */
  record Labels(String corpus, String speaker, String word, String label) {
    static final Labels NONE = new Labels(null, null, null, null);
  }

  private Names() {
  }

  /**
   * Parses the name of {@code path} (a URI or a plain path with '/' separators) by {@code format}.
   *
   * @param path the file as Spark names it
   * @param format the format, or null for no labels
   * @return the labels, or {@link Labels#NONE}
   */
  static Labels parse(String path, CorpusFormat format) {
    if (format == null) {
      return Labels.NONE;
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    String name = p.substring(slash + 1);
    String folder = null;
    if (slash > 0) {
      String parent = p.substring(0, slash);
      int s2 = parent.lastIndexOf('/');
      String f = parent.substring(s2 + 1);
      folder = f.isEmpty() || f.endsWith(":") ? null : f;
    }
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    CorpusFormat.Parsed parsed;
    try {
      parsed = format.parse(folder == null ? Path.of(name) : Path.of(folder, name), stem, folder);
    } catch (RuntimeException e) {
      return Labels.NONE; // a name the format cannot read is unlabelled, not an unusable file
    }
    if (parsed == null || !parsed.ok()) {
      return Labels.NONE;
    }
    Optional<Emotion> e = Emotion.parse(parsed.nativeLabel());
    String label = e.map(Emotion::label).orElse(
        parsed.nativeLabel() == null ? null : parsed.nativeLabel().toLowerCase(Locale.ROOT));
    return new Labels(format.id(), parsed.speaker(), parsed.word(), label);
  }
}
