package org.ser4j.runtime;

/** A deliberately naive double-precision forward pass, written independently of EmotionRecognizer. */
final class Reference {
  private Reference() {
  }

  static double[] forward(ModelBundle b, float[][] seq) {
    double[][] x = new double[seq.length][];
    for (int t = 0; t < seq.length; t++) {
      x[t] = new double[seq[t].length];
      for (int k = 0; k < seq[t].length; k++) {
        double v = seq[t][k];
        if (b.normalization().isPresent()) {
          int idx = b.inputMode() == InputMode.VECTOR_AS_STEPS ? t : k;
          v = (v - b.normalization().get().mean()[idx]) / b.normalization().get().std()[idx];
        }
        x[t][k] = v;
      }
    }
    LstmLayer l = (LstmLayer) b.layers().get(0);
    int n = l.nOut();
    float[] w = l.inputWeights();
    float[] rw = l.recurrentWeights();
    float[] bias = l.bias();
    double[] h = new double[n];
    double[] c = new double[n];
    for (double[] xt : x) {
      double[] hn = new double[n];
      for (int j = 0; j < n; j++) {
        double[] z = new double[4];
        for (int gate = 0; gate < 4; gate++) {
          int col = gate * n + j;
          double s = bias[col];
          for (int k = 0; k < xt.length; k++) {
            s += xt[k] * w[k * 4 * n + col];
          }
          for (int k = 0; k < n; k++) {
            s += h[k] * rw[k * 4 * n + col];
          }
          z[gate] = s;
        }
        double i = sig(z[0]);
        double f = sig(z[1]);
        double g = Math.tanh(z[2]);
        double o = sig(z[3]);
        c[j] = f * c[j] + i * g;
        hn[j] = o * Math.tanh(c[j]);
      }
      h = hn;
    }
    double[] a = h;
    for (int li = 1; li < b.layers().size(); li++) {
      DenseLayer d = (DenseLayer) b.layers().get(li);
      float[] dw = d.weights();
      float[] db = d.bias();
      double[] y = new double[d.nOut()];
      for (int j = 0; j < y.length; j++) {
        double s = db[j];
        for (int k = 0; k < a.length; k++) {
          s += a[k] * dw[k * d.nOut() + j];
        }
        y[j] = switch (d.activation()) {
          case RELU -> Math.max(0, s);
          case TANH -> Math.tanh(s);
          case SIGMOID -> sig(s);
          default -> s;
        };
      }
      if (d.activation() == Activation.SOFTMAX) {
        double sum = 0;
        for (double v : y) {
          sum += Math.exp(v);
        }
        for (int j = 0; j < y.length; j++) {
          y[j] = Math.exp(y[j]) / sum;
        }
      }
      a = y;
    }
    return a;
  }

  private static double sig(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
