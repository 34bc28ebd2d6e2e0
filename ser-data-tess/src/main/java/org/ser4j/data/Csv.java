package org.ser4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 defines it: fields separated by commas, records by line breaks; a field holding a comma, a
 * double quote, a line break or leading/trailing space is enclosed in double quotes, with inner quotes
 * doubled. What ser4j writes reads back here (and in pandas and Python's {@code csv}) unchanged.
 */
public final class Csv {

  /** One record and the line (1-based) of the text where it starts. */
  public record Row(int line, List<String> cells) {
    /** A record; the cells are copied. */
    public Row {
      cells = List.copyOf(cells);
    }
  }

  private Csv() {}

  /**
   * One field, quoted when it needs to be.
   *
   * @param field the text of the field
   * @return the field as it is written in a CSV record
   */
  public static String quote(String field) {
    boolean plain = !field.isEmpty() && field.strip().equals(field);
    for (int i = 0; plain && i < field.length(); i++) {
      char c = field.charAt(i);
      plain = c != ',' && c != '"' && c != '\n' && c != '\r';
    }
    return plain || field.isEmpty() ? field : '"' + field.replace("\"", "\"\"") + '"';
  }

  /**
   * Fields joined into one record (without the line break).
   *
   * @param fields the fields, in order
   * @return the record as written
   */
  public static String record(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(quote(fields.get(i)));
    }
    return sb.toString();
  }

  /**
   * Splits a whole CSV text into records; quoted fields may span lines. Blank lines are skipped; a line break
   * is {@code \n} or {@code \r\n}.
   *
   * @param text the CSV text
   * @return the records, with the line each starts on
   * @throws IllegalArgumentException naming the line, if a quoted field is not closed or a quote is followed
   *     by something other than a comma or the end of the record
   */
  public static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int start = 1;
    boolean quoted = false;
    boolean wasQuoted = false;
    boolean empty = true; // nothing in this record yet
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
            wasQuoted = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        continue;
      }
      if (c == '\n') {
        if (!empty) {
          cells.add(cell.toString());
          rows.add(new Row(start, cells));
        }
        cells = new ArrayList<>();
        cell.setLength(0);
        wasQuoted = false;
        empty = true;
        line++;
        start = line;
        continue;
      }
      if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        wasQuoted = false;
        empty = false;
        continue;
      }
      if (wasQuoted) {
        throw new IllegalArgumentException("line " + line + ": text after a closing quote");
      }
      if (c == '"' && cell.length() == 0) {
        quoted = true;
        empty = false;
        continue;
      }
      cell.append(c);
      empty = false;
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + start + ": a quoted field is not closed");
    }
    if (!empty) {
      cells.add(cell.toString());
      rows.add(new Row(start, cells));
    }
    return rows;
  }
}
