package org.ser4j.runtime;

/**
 * The arithmetic of one LSTM time step for one or several clips, written as loops that C2 (JDK 17) compiles
 * to vector instructions: the recurrent product {@code z += h R} and the gate non-linearities in float. Each
 * gate's pre-activations and weight columns sit in arrays of their own, so that every loop reads and writes its
 * arrays at the same index (C2 does not vectorise a loop that reads one array at several offsets).
 *
 * <p>The recurrent product runs gate by gate over column tiles of at most {@value #TILE} units: for each tile,
 * four rows of the recurrent matrix (4 KB) are read once and applied to every clip's tile of {@code z} (1 KB
 * each), so for a batch of 16 clips weights and accumulators stay in the L1 cache and the 1 MB matrix of the
 * notebook's LSTM is read from memory once per step for all of them instead of once per clip. Every
 * {@code z[j]} receives the same terms in the same order (bias, input, then {@code h[k] R[k][j]} in groups of
 * four rows), so a clip gives the same bits alone or in a batch of any size.
 */
final class LstmKernel {
  private LstmKernel() {
  }

  /** Units per column tile: 16 clips x 1 KB of accumulators plus 4 KB of weight rows fit a 32 KB L1 cache. */
  static final int TILE = 256;

  /**
   * Splits a row-major [rows][4 n] matrix (Keras/DL4J gate order i, f, g, o in each row) into [row][gate][unit].
   */
  static float[][][] byGate(float[] flat, int rows, int n) {
    float[][][] out = new float[rows][4][];
    for (int r = 0; r < rows; r++) {
      for (int g = 0; g < 4; g++) {
        int from = r * 4 * n + g * n;
        out[r][g] = java.util.Arrays.copyOfRange(flat, from, from + n);
      }
    }
    return out;
  }

  /**
   * {@code z[i] += h[i] R} for the clips {@code active[0..na)}, tile by tile. {@code backwards} visits the tiles in
   * the opposite order (alternate it from step to step: the tiles read last are still in the cache when the
   * next step starts with them; measured 14% faster for one clip of the notebook's LSTM). The order of the
   * tiles does not change any result: each {@code z[j]} is in one tile, which adds its terms in row order.
   *
   * @param rw the recurrent matrix, [n rows][4 gates][n units]
   * @param h hidden states, one row of n per clip
   * @param z gate pre-activations, [clip][4 gates][n units]
   */
  static void recurrent(float[][][] rw, float[][] h, float[][][] z, int[] active, int na, int n, boolean backwards) {
    int perGate = (n + TILE - 1) / TILE;
    int tiles = 4 * perGate;
    for (int q = 0; q < tiles; q++) {
      int tile = backwards ? tiles - 1 - q : q;
      int g = tile / perGate;
      int from = (tile % perGate) * TILE;
      int to = Math.min(n, from + TILE);
      int k = 0;
      for (; k + 4 <= n; k += 4) {
        float[] r0 = rw[k][g];
        float[] r1 = rw[k + 1][g];
        float[] r2 = rw[k + 2][g];
        float[] r3 = rw[k + 3][g];
        for (int a = 0; a < na; a++) {
          float[] hi = h[active[a]];
          axpy4(hi[k], hi[k + 1], hi[k + 2], hi[k + 3], r0, r1, r2, r3, z[active[a]][g], from, to);
        }
      }
      for (; k < n; k++) {
        for (int a = 0; a < na; a++) {
          axpy(h[active[a]][k], rw[k][g], z[active[a]][g], from, to);
        }
      }
    }
  }

  /** z[from..to) += a * row[from..to): same index on both arrays, so C2 vectorises it. */
  static void axpy(float a, float[] row, float[] z, int from, int to) {
    for (int j = from; j < to; j++) {
      z[j] += a * row[j];
    }
  }

  /** Four rows per pass: z is loaded and stored once per four multiply-adds. */
  private static void axpy4(float a0, float a1, float a2, float a3, float[] r0, float[] r1, float[] r2,
      float[] r3, float[] z, int from, int to) {
    for (int j = from; j < to; j++) {
      z[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
    }
  }

  /**
   * The cell update from the pre-activations {@code z = [i, f, g, o]} (n each): i, f, o through the sigmoid and g
   * through tanh (in place in z), then {@code c = f c + i g} and {@code h = o tanh(c)}.
   */
  static void cell(float[][] z, float[] c, float[] h, int n) {
    float[] zi = z[0];
    float[] zf = z[1];
    float[] zg = z[2];
    float[] zo = z[3];
    sigmoid(zi, n);
    sigmoid(zf, n);
    sigmoid(zo, n);
    for (int j = 0; j < n; j++) {
      zg[j] = tanh(zg[j]);
    }
    // three loops, not one: C2 does not vectorise tanh in a loop body that also stores c
    for (int j = 0; j < n; j++) {
      c[j] = zf[j] * c[j] + zi[j] * zg[j];
    }
    for (int j = 0; j < n; j++) {
      h[j] = zo[j] * tanh(c[j]);
    }
  }

  private static void sigmoid(float[] z, int n) {
    for (int j = 0; j < n; j++) {
      z[j] = sigmoid(z[j]);
    }
  }

  /** Beyond this, tanh rounds to +-1 within 6e-8 in float; the clamp keeps the rational function in range. */
  private static final float CLAMP = 7.90531110763549805f;
  private static final float A1 = 4.89352455891786e-03f;
  private static final float A3 = 6.37261928875436e-04f;
  private static final float A5 = 1.48572235717979e-05f;
  private static final float A7 = 5.12229709037114e-08f;
  private static final float A9 = -8.60467152213735e-11f;
  private static final float A11 = 2.00018790482477e-13f;
  private static final float A13 = -2.76076847742355e-16f;
  private static final float B0 = 4.89352518554385e-03f;
  private static final float B2 = 2.26843463243900e-03f;
  private static final float B4 = 1.18534705686654e-04f;
  private static final float B6 = 1.19825839466702e-06f;

  /**
   * tanh in float as a [13/6] rational function on [-7.9, 7.9] (the approximation Eigen, and so TensorFlow's
   * CPU kernels, use): absolute error below 4e-7, a few float ulps near +-1 (tested against {@link Math#tanh});
   * no branches or table look-ups, so a loop of it is vectorised. NaN stays NaN.
   */
  static float tanh(float x) {
    float v = Math.max(-CLAMP, Math.min(CLAMP, x));
    float v2 = v * v;
    float p = v2 * A13 + A11;
    p = v2 * p + A9;
    p = v2 * p + A7;
    p = v2 * p + A5;
    p = v2 * p + A3;
    p = v2 * p + A1;
    p = v * p;
    float q = v2 * B6 + B4;
    q = v2 * q + B2;
    q = v2 * q + B0;
    return p / q;
  }

  /** The logistic function as {@code (1 + tanh(x / 2)) / 2}: absolute error below 3e-7. */
  static float sigmoid(float x) {
    return 0.5f + 0.5f * tanh(0.5f * x);
  }
}
