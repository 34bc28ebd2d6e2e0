package org.ser4j.audio;

/**
 * The reference for {@link PolyphaseEngine}: output by output, coefficient by coefficient. Dense mode: one
 * float accumulator, terms in input order; exact mode: eight partial sums (tap {@code j mod 8}, the tail into
 * the first), combined pairwise. The engine's batch and stream paths must equal it exactly.
 */
final class PolyphaseOracle {

  private PolyphaseOracle() {
  }

  static float[] resample(PolyphaseEngine e, float[] x) {
    int taps = e.taps;
    int n = x.length;
    long outLen = n == 0 ? 0 : (long) n / e.down * e.up + ((long) n % e.down * e.up + e.down - 1) / e.down;
    float[] out = new float[(int) outLen];
    float[] padded = new float[n + taps - 1];
    System.arraycopy(x, 0, padded, e.half - 1, n);
    float[] c = new float[taps];
    for (int k = 0; k < out.length; k++) {
      int phase = e.phaseOf(k);
      if (e.deltas == null) {
        System.arraycopy(e.flatRows, phase * taps, c, 0, taps);
      } else {
        long scaled = (long) phase * e.densePhases;
        int row = (int) (scaled / e.up);
        float weight = (float) ((double) (scaled - (long) row * e.up) / e.up);
        for (int j = 0; j < taps; j++) {
          c[j] = e.rows[row][j] + weight * e.deltas[row][j];
        }
      }
      int start = (int) e.windowStart(k);
      if (e.deltas == null) {
        float[] part = new float[8];
        int full = taps / 8 * 8;
        for (int j = 0; j < taps; j++) {
          part[j < full ? j % 8 : 0] += c[j] * padded[start + j];
        }
        out[k] = ((part[0] + part[1]) + (part[2] + part[3])) + ((part[4] + part[5]) + (part[6] + part[7]));
        continue;
      }
      float s = 0;
      for (int j = 0; j < taps; j++) {
        s += c[j] * padded[start + j];
      }
      out[k] = s;
    }
    return out;
  }
}
