package org.ser4j.runtime;

import java.util.List;
import java.util.Locale;

/**
 * Classification scores: accuracy, per-class precision / recall / F1, macro-F1, and the confusion matrix
 * (rows = true class, columns = predicted class, both in label order). A class with no predictions has
 * precision 0; with no examples, recall 0; F1 is 0 when precision + recall is 0. Immutable.
 */
public final class Evaluation {
  private final List<String> labels;
  private final long[][] confusion;
  private final long total;

  private Evaluation(List<String> labels, long[][] confusion) {
    this.labels = List.copyOf(labels);
    int n = labels.size();
    if (confusion.length != n) {
      throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + n + " labels");
    }
    this.confusion = new long[n][];
    long t = 0;
    for (int i = 0; i < n; i++) {
      if (confusion[i].length != n) {
        throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length + " columns");
      }
      this.confusion[i] = confusion[i].clone();
      for (long v : confusion[i]) {
        if (v < 0) {
          throw new IllegalArgumentException("negative count in confusion matrix");
        }
        t += v;
      }
    }
    this.total = t;
  }

  /** From true and predicted label indices. */
  public static Evaluation of(List<String> labels, int[] actual, int[] predicted) {
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(actual.length + " true labels, " + predicted.length + " predictions");
    }
    long[][] m = new long[labels.size()][labels.size()];
    for (int i = 0; i < actual.length; i++) {
      m[actual[i]][predicted[i]]++;
    }
    return new Evaluation(labels, m);
  }

  /** From a confusion matrix (rows true, columns predicted). */
  public static Evaluation ofConfusion(List<String> labels, long[][] confusion) {
    return new Evaluation(labels, confusion);
  }

  /** {@return the class labels, in the order of the confusion matrix's rows and columns} */
  public List<String> labels() {
    return labels;
  }

  /** {@return the number of scored examples (the sum of the confusion matrix)} */
  public long total() {
    return total;
  }

  /** Copy of the confusion matrix, rows = true, columns = predicted. */
  public long[][] confusion() {
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    return c;
  }

  /** {@return the fraction of examples whose predicted label is the true one; 0 when nothing was scored} */
  public double accuracy() {
    long correct = 0;
    for (int i = 0; i < confusion.length; i++) {
      correct += confusion[i][i];
    }
    return total == 0 ? 0 : (double) correct / total;
  }

  /**
   * {@return the precision of class {@code k}: correct among those predicted as {@code k}; 0 when none were}
   *
   * @param k a class index, as in {@link #labels()}
   */
  public double precision(int k) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[k];
    }
    return predicted == 0 ? 0 : (double) confusion[k][k] / predicted;
  }

  /**
   * {@return the recall of class {@code k}: correct among those truly {@code k}; 0 when there are none}
   *
   * @param k a class index, as in {@link #labels()}
   */
  public double recall(int k) {
    long actual = 0;
    for (long v : confusion[k]) {
      actual += v;
    }
    return actual == 0 ? 0 : (double) confusion[k][k] / actual;
  }

  /**
   * {@return the F1 score of class {@code k}: the harmonic mean of its precision and recall}
   *
   * @param k a class index, as in {@link #labels()}
   */
  public double f1(int k) {
    double p = precision(k);
    double r = recall(k);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * {@return how many examples truly belong to class {@code k}}
   *
   * @param k a class index, as in {@link #labels()}
   */
  public long support(int k) {
    long actual = 0;
    for (long v : confusion[k]) {
      actual += v;
    }
    return actual;
  }

  /**
   * {@return the precision of the class named {@code label}}
   *
   * @param label one of {@link #labels()}
   */
  public double precision(String label) {
    return precision(index(label));
  }

  /**
   * {@return the recall of the class named {@code label}}
   *
   * @param label one of {@link #labels()}
   */
  public double recall(String label) {
    return recall(index(label));
  }

  /**
   * {@return the F1 score of the class named {@code label}}
   *
   * @param label one of {@link #labels()}
   */
  public double f1(String label) {
    return f1(index(label));
  }

  /** Unweighted mean of the per-class F1 scores. */
  public double macroF1() {
    double s = 0;
    for (int k = 0; k < labels.size(); k++) {
      s += f1(k);
    }
    return s / labels.size();
  }

  private int index(String label) {
    int i = labels.indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException("unknown label '" + label + "'");
    }
    return i;
  }

  /**
   * JSON: {@code {"accuracy":..,"macroF1":..,"total":..,"labels":[..],"perClass":{label:{"precision",
   * "recall","f1","support"}},"confusion":[[..]]}}.
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"accuracy\":").append(num(accuracy()));
    sb.append(",\"macroF1\":").append(num(macroF1()));
    sb.append(",\"total\":").append(total);
    sb.append(",\"labels\":[");
    for (int i = 0; i < labels.size(); i++) {
      sb.append(i > 0 ? "," : "").append(str(labels.get(i)));
    }
    sb.append("],\"perClass\":{");
    for (int i = 0; i < labels.size(); i++) {
      sb.append(i > 0 ? "," : "").append(str(labels.get(i))).append(":{\"precision\":").append(num(precision(i)))
          .append(",\"recall\":").append(num(recall(i))).append(",\"f1\":").append(num(f1(i)))
          .append(",\"support\":").append(support(i)).append('}');
    }
    sb.append("},\"confusion\":[");
    for (int i = 0; i < confusion.length; i++) {
      sb.append(i > 0 ? "," : "").append('[');
      for (int j = 0; j < confusion[i].length; j++) {
        sb.append(j > 0 ? "," : "").append(confusion[i][j]);
      }
      sb.append(']');
    }
    return sb.append("]}").toString();
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  static String str(String s) {
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

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Evaluation[%d examples, accuracy %.4f, macro-F1 %.4f]", total, accuracy(),
        macroF1());
  }
}
