package org.ser4j.cli;

import java.util.List;
import java.util.Locale;
import org.ser4j.runtime.Evaluation;

/** Text tables and JSON fragments for the commands' output. */
final class Reports {

  private Reports() {}

  static String metricsTable(Evaluation ev) {
    List<String> labels = ev.labels();
    int w = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(5));
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s  precision  recall     f1  support%n", "class"));
    for (int k = 0; k < labels.size(); k++) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9.4f  %6.4f  %6.4f  %7d%n", labels.get(k), ev.precision(k),
          ev.recall(k), ev.f1(k), ev.support(k)));
    }
    return sb.toString();
  }

  static String confusionTable(Evaluation ev) {
    List<String> labels = ev.labels();
    long[][] m = ev.confusion();
    int w = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(5));
    StringBuilder sb = new StringBuilder("confusion (rows = true, columns = predicted)\n");
    sb.append(String.format(Locale.ROOT, "%-" + w + "s", ""));
    for (String l : labels) {
      sb.append(String.format(Locale.ROOT, " %" + Math.max(5, Math.min(8, l.length())) + "s", l.length() > 8 ? l.substring(0, 8) : l));
    }
    sb.append('\n');
    for (int i = 0; i < labels.size(); i++) {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s", labels.get(i)));
      for (int j = 0; j < labels.size(); j++) {
        sb.append(String.format(Locale.ROOT, " %" + Math.max(5, Math.min(8, labels.get(j).length())) + "d", m[i][j]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
