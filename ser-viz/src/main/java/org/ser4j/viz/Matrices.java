package org.ser4j.viz;

/** Validation and reduction of the small matrices the charts draw. */
final class Matrices {

  private Matrices() {}

  /**
   * Checks a {@code rows x cols} float matrix: non-empty, rectangular, finite.
   *
   * @return the column count
   */
  static int checkRectangular(float[][] m, String name) {
    if (m == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (m.length == 0) {
      throw new IllegalArgumentException(name + " has no frames");
    }
    if (m[0] == null || m[0].length == 0) {
      throw new IllegalArgumentException(name + " has no columns in frame 0");
    }
    int cols = m[0].length;
    for (int r = 0; r < m.length; r++) {
      if (m[r] == null || m[r].length != cols) {
        throw new IllegalArgumentException(name + " is ragged: frame " + r + " has "
            + (m[r] == null ? "no array" : m[r].length + " values") + ", frame 0 has " + cols);
      }
      for (int c = 0; c < cols; c++) {
        if (!Float.isFinite(m[r][c])) {
          throw new IllegalArgumentException(name + "[" + r + "][" + c + "] is not finite: " + m[r][c]);
        }
      }
    }
    return cols;
  }

  /**
   * Reduces {@code m} (first index x, second index y) by taking the maximum over blocks of
   * {@code fx x fy} cells; the last block on each side may be partial.
   */
  static float[][] maxPool(float[][] m, int fx, int fy) {
    if (fx == 1 && fy == 1) {
      return m;
    }
    int w = m.length;
    int h = m[0].length;
    int ow = (w + fx - 1) / fx;
    int oh = (h + fy - 1) / fy;
    float[][] out = new float[ow][oh];
    for (int x = 0; x < ow; x++) {
      float[] o = out[x];
      java.util.Arrays.fill(o, Float.NEGATIVE_INFINITY);
      for (int xi = x * fx; xi < Math.min(w, (x + 1) * fx); xi++) {
        float[] in = m[xi];
        for (int y = 0; y < h; y++) {
          int oy = y / fy;
          if (in[y] > o[oy]) {
            o[oy] = in[y];
          }
        }
      }
    }
    return out;
  }

  /** The smallest factor that brings {@code n} cells down to at most {@code max}. */
  static int factor(int n, int max) {
    return Math.max(1, (n + max - 1) / max);
  }

  static float min(float[][] m) {
    float v = Float.POSITIVE_INFINITY;
    for (float[] row : m) {
      for (float x : row) {
        v = Math.min(v, x);
      }
    }
    return v;
  }

  static float max(float[][] m) {
    float v = Float.NEGATIVE_INFINITY;
    for (float[] row : m) {
      for (float x : row) {
        v = Math.max(v, x);
      }
    }
    return v;
  }
}
