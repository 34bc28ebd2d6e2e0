package org.ser4j.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A split as a CSV file, for other tools and for re-use: a {@code #} comment line with the split's
 * description, a header, and one row per utterance:
 *
 * <pre>
 * # ser4j split: word-held-out, 12 test words, test fraction 0.2, seed 42
 * path,corpus,speaker,word,label,emotion,part
 * ../shared/tess-sample/OAF_angry/OAF_bar_angry.wav,tess,OAF,bar,angry,angry,train
 * </pre>
 *
 * Paths are written relative to the manifest's folder when they can be, so a manifest moves with its data
 * ({@code pandas.read_csv(f, comment='#')} reads it). Written to a temporary file, then moved into place.
 */
public final class Manifest {

  static final String HEADER = "path,corpus,speaker,word,label,emotion,part";

  private Manifest() {}

  /** Writes {@code split} to {@code file}. */
  public static void write(Split split, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile: its owner-only permissions would carry over to the finished file
    Path tmp = Files.createFile(dir.resolve("." + abs.getFileName() + "."
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part"));
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write("# ser4j split: " + split.description().replace('\n', ' '));
        w.newLine();
        w.write(HEADER);
        w.newLine();
        for (Utterance u : split.train()) {
          writeRow(w, dir, u, "train");
        }
        for (Utterance u : split.test()) {
          writeRow(w, dir, u, "test");
        }
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a manifest written by {@link #write}; relative paths are resolved against the manifest's folder.
   *
   * @throws IOException if it cannot be read, or (as {@link java.io.IOException} with the line number) if a
   *     row is malformed
   */
  public static Split read(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String description = "";
    List<Utterance> train = new ArrayList<>();
    List<Utterance> test = new ArrayList<>();
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        if (line.startsWith("# ser4j split: ")) {
          description = line.substring("# ser4j split: ".length());
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      if (!header) {
        if (!line.strip().equals(HEADER)) {
          throw new IOException(file + ":" + (i + 1) + ": expected the header '" + HEADER + "', found '" + line + "'");
        }
        header = true;
        continue;
      }
      List<String> cells = parseCsvLine(line);
      if (cells.size() != 7) {
        throw new IOException(file + ":" + (i + 1) + ": expected 7 columns, found " + cells.size());
      }
      Path path = dir.resolve(cells.get(0)).normalize();
      Emotion emotion = cells.get(5).isEmpty() ? null : Emotion.parse(cells.get(5)).orElseThrow(
          () -> new IOException(file + ": unknown emotion '" + cells.get(5) + "'"));
      Utterance u = Utterance.withNativeLabel(path, cells.get(1), cells.get(2), cells.get(3), cells.get(4), emotion);
      switch (cells.get(6)) {
        case "train" -> train.add(u);
        case "test" -> test.add(u);
        default -> throw new IOException(file + ":" + (i + 1) + ": part must be train or test, found '"
            + cells.get(6) + "'");
      }
    }
    if (!header) {
      throw new IOException(file + ": not a ser4j manifest (no header line '" + HEADER + "')");
    }
    return new Split(train, test, description);
  }

  private static void writeRow(BufferedWriter w, Path dir, Utterance u, String part) throws IOException {
    Path p = u.path().toAbsolutePath().normalize();
    String path;
    try {
      path = dir.relativize(p).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      path = p.toString(); // another root (Windows drive): keep it absolute
    }
    w.write(String.join(",", quote(path), quote(u.corpus()), quote(u.speaker()), quote(u.word()), quote(u.label()),
        quote(u.emotion().map(Emotion::label).orElse("")), part));
    w.newLine();
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static List<String> parseCsvLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
