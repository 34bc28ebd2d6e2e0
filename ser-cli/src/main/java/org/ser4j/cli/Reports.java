package org.ser4j.cli;

import java.util.List;
import java.util.Locale;
import org.ser4j.runtime.Evaluation;

/** Text tables for the commands' output. */
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

  /** A JSON string literal (through the app's one JSON writer, {@link Json}). */
  static String jsonString(String s) {
    return Json.string(s);
  }
}
