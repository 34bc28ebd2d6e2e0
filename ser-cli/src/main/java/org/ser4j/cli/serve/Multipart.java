package org.ser4j.cli.serve;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one file a {@code multipart/form-data} body carries (RFC 7578): the first part with a {@code filename},
 * or else the part named {@code file}.
 */
final class Multipart {

  /** A part's content and the file name the client gave (or the field's name). */
  record Part(String name, byte[] content) {}

  private Multipart() {}

  /** The boundary parameter of a multipart content type, or null. */
  static String boundary(String contentType) {
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length()).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() ? null : b;
      }
    }
    return null;
  }

  /**
   * The file in {@code body}.
   *
   * @throws ApiException 400 when the body is not well-formed multipart or carries no file
   */
  static Part file(byte[] body, String boundary) throws ApiException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw bad("the body has no part delimited by the boundary '" + boundary + "'");
    }
    Part fallback = null;
    while (true) {
      pos += delimiter.length;
      if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
        break; // closing delimiter
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
      if (headersEnd < 0) {
        throw bad("a part has no end of headers");
      }
      String headers = new String(body, pos, headersEnd - pos, StandardCharsets.UTF_8);
      int start = headersEnd + 4;
      int end = indexOf(body, next, start);
      if (end < 0) {
        throw bad("a part is not closed by the boundary '" + boundary + "'");
      }
      String fieldName = param(headers, "name");
      String fileName = param(headers, "filename");
      byte[] content = java.util.Arrays.copyOfRange(body, start, end);
      if (fileName != null && !fileName.isEmpty()) {
        return new Part(fileName, content);
      }
      if ("file".equals(fieldName) && fallback == null) {
        fallback = new Part("file", content);
      }
      pos = end + 2; // at the next delimiter
    }
    if (fallback != null) {
      return fallback;
    }
    throw bad("the form has no file (send the audio in a field named 'file')");
  }

  private static ApiException bad(String why) {
    return new ApiException(400, "bad_multipart", "multipart/form-data body: " + why);
  }

  /** A parameter of the Content-Disposition header, e.g. {@code filename="a.wav"}; null if absent. */
  static String param(String headers, String key) {
    for (String line : headers.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        continue;
      }
      for (String p : line.substring(line.indexOf(':') + 1).split(";")) {
        String t = p.trim();
        int eq = t.indexOf('=');
        if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(key)) {
          String v = t.substring(eq + 1).trim();
          if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
          }
          return v;
        }
      }
    }
    return null;
  }

  static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
