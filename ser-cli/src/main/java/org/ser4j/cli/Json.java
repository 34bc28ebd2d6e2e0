package org.ser4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The app's one JSON writer (Jackson): values are plain maps, lists, strings, numbers and booleans; a
 * number that is not finite is written as {@code null}, so the output is always valid JSON.
 */
final class Json {
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();
  private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  /** One line of JSON. */
  static String compact(Object value) {
    return write(COMPACT, value);
  }

  /** Indented JSON for files people read. */
  static String pretty(Object value) {
    return write(PRETTY, value) + "\n";
  }

  /** A JSON string literal of {@code s}, quotes and escapes included. */
  static String string(String s) {
    return compact(s);
  }

  /** {@code v}, or {@code null} (JSON null) when it is NaN or infinite. */
  static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** Parses JSON text (e.g. a library's own {@code toJson()}) into a tree to embed in a larger document. */
  static JsonNode parse(String json) {
    try {
      return COMPACT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
