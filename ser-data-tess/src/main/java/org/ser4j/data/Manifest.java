package org.ser4j.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.OutputFiles;

/**
 * A split as a CSV file (RFC 4180, see {@link Csv}), for other tools and for re-use: a header row, then one
 * row per utterance; the last column carries the split's description (its provenance) on every row:
 *
 * <pre>
 * path,corpus,speaker,word,label,emotion,part,split
 * ../shared/tess-sample/OAF_angry/OAF_bar_angry.wav,tess,OAF,bar,angry,angry,train,"word-held-out, ..."
 * </pre>
 *
 * Paths are written relative to the manifest's folder when they can be, so a manifest moves with its data;
 * {@code pandas.read_csv(f)} and Python's {@code csv} read it as is. Names with commas, quotes or line
 * breaks are quoted and read back unchanged. Manifests of earlier versions (a {@code #} comment line with
 * the description, then seven columns) are still read. Written through {@link OutputFiles} (a temporary file
 * moved into place).
 */
public final class Manifest {

  static final String HEADER = "path,corpus,speaker,word,label,emotion,part,split";
  private static final String OLD_HEADER = "path,corpus,speaker,word,label,emotion,part";
  private static final String OLD_COMMENT = "# ser4j split: ";

  private Manifest() {}

  /**
   * Writes {@code split} to {@code file}.
   *
   * @throws java.nio.file.FileSystemException naming {@code file} and the reason, if it cannot be written
   */
  public static void write(Split split, Path file) throws IOException {
    Path dir = OutputFiles.checkWritable(file).getParent();
    OutputFiles.write(file, tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(HEADER);
        w.write("\r\n");
        for (Utterance u : split.train()) {
          writeRow(w, dir, u, "train", split.description());
        }
        for (Utterance u : split.test()) {
          writeRow(w, dir, u, "test", split.description());
        }
      }
    });
  }

  /**
   * Reads a manifest written by {@link #write}; relative paths are resolved against the manifest's folder.
   *
   * @throws IOException if it cannot be read, or (naming the file and the line) if it is not a manifest or a
   *     row is malformed
   */
  public static Split read(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not a ser4j manifest (not UTF-8 text)");
    } catch (OutOfMemoryError e) {
      throw new IOException(file + ": not a ser4j manifest (too large)");
    }
    if (text.indexOf('\0') >= 0) {
      throw new IOException(file + ": not a ser4j manifest (binary data)");
    }
    String description = "";
    // an earlier version's comment line
    if (text.startsWith(OLD_COMMENT)) {
      int eol = text.indexOf('\n');
      description = (eol < 0 ? text : text.substring(0, eol)).substring(OLD_COMMENT.length()).strip();
    }
    // comment lines before the header are left out; blank in place, so that line numbers stay right
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < text.length() && text.startsWith("#", at)) {
      int eol = text.indexOf('\n', at);
      at = eol < 0 ? text.length() : eol + 1;
      body.append('\n');
    }
    body.append(text, at, text.length());
    List<Csv.Row> rows;
    try {
      rows = Csv.parse(body.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new IOException(file + ": not a ser4j manifest (empty; no header row '" + HEADER + "')");
    }
    String header = String.join(",", rows.get(0).cells()).strip();
    int columns;
    if (header.equals(HEADER)) {
      columns = 8;
    } else if (header.equals(OLD_HEADER)) {
      columns = 7;
    } else {
      throw new IOException(file + ":" + rows.get(0).line() + ": not a ser4j manifest (expected the header '"
          + HEADER + "', found '" + abbreviate(header) + "')");
    }
    List<Utterance> train = new ArrayList<>();
    List<Utterance> test = new ArrayList<>();
    for (Csv.Row row : rows.subList(1, rows.size())) {
      List<String> cells = row.cells();
      String where = file + ":" + row.line() + ": ";
      if (cells.size() != columns) {
        throw new IOException(where + "expected " + columns + " columns, found " + cells.size());
      }
      Path path;
      try {
        path = dir.resolve(cells.get(0)).normalize();
      } catch (java.nio.file.InvalidPathException e) {
        throw new IOException(where + "invalid path '" + abbreviate(cells.get(0)) + "'");
      }
      if (cells.get(0).isEmpty()) {
        throw new IOException(where + "empty path");
      }
      Emotion emotion = cells.get(5).isEmpty() ? null : Emotion.parse(cells.get(5)).orElseThrow(
          () -> new IOException(where + "unknown emotion '" + abbreviate(cells.get(5)) + "'"));
      if (cells.get(4).isEmpty()) {
        throw new IOException(where + "empty label");
      }
      Utterance u = Utterance.withNativeLabel(path, cells.get(1), cells.get(2), cells.get(3), cells.get(4), emotion);
      switch (cells.get(6)) {
        case "train" -> train.add(u);
        case "test" -> test.add(u);
        default -> throw new IOException(where + "part must be train or test, found '" + abbreviate(cells.get(6))
            + "'");
      }
      if (columns == 8 && description.isEmpty()) {
        description = cells.get(7);
      }
    }
    return new Split(train, test, description);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "?");
    return one.length() > 60 ? one.substring(0, 60) + "..." : one;
  }

  private static void writeRow(BufferedWriter w, Path dir, Utterance u, String part, String description)
      throws IOException {
    Path p = u.path().toAbsolutePath().normalize();
    String path;
    try {
      path = dir.relativize(p).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      path = p.toString(); // another root (Windows drive): keep it absolute
    }
    w.write(Csv.record(List.of(path, u.corpus(), u.speaker(), u.word(), u.label(),
        u.emotion().map(Emotion::label).orElse(""), part, description)));
    w.write("\r\n");
  }

  static String quote(String s) {
    return Csv.quote(s);
  }

  static List<String> parseCsvLine(String line) {
    List<Csv.Row> rows = Csv.parse(line);
    return rows.isEmpty() ? List.of("") : rows.get(0).cells();
  }
}
