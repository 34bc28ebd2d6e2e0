package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float gate functions are as accurate as their javadoc says, over the whole float range. */
class LstmKernelTest {

  @Test
  void tanhIsWithin4e7OfMathTanhEverywhere() {
    double worst = 0;
    for (double x = -12; x <= 12; x += 1e-4) {
      float f = (float) x;
      worst = Math.max(worst, Math.abs(LstmKernel.tanh(f) - Math.tanh(f)));
    }
    assertThat(worst).isLessThan(4e-7);
    assertThat(LstmKernel.tanh(0f)).isZero();
    assertThat(LstmKernel.tanh(1e-30f)).isCloseTo(1e-30f, within(1e-36f));
    assertThat(LstmKernel.tanh(Float.MAX_VALUE)).isCloseTo(1f, within(1e-7f));
    assertThat(LstmKernel.tanh(Float.NEGATIVE_INFINITY)).isCloseTo(-1f, within(1e-7f));
    assertThat(LstmKernel.tanh(Float.NaN)).isNaN();
  }

  @Test
  void tanhIsOddAndBoundedByOne() {
    Random r = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      float x = (float) (r.nextGaussian() * 6);
      assertThat(LstmKernel.tanh(-x)).isEqualTo(-LstmKernel.tanh(x));
      assertThat(Math.abs(LstmKernel.tanh(x))).isLessThanOrEqualTo(1f);
    }
  }

  @Test
  void sigmoidIsWithin3e7OfTheLogisticFunction() {
    double worst = 0;
    for (double x = -30; x <= 30; x += 1e-4) {
      float f = (float) x;
      worst = Math.max(worst, Math.abs(LstmKernel.sigmoid(f) - 1 / (1 + Math.exp(-f))));
    }
    assertThat(worst).isLessThan(3e-7);
    assertThat(LstmKernel.sigmoid(0f)).isEqualTo(0.5f);
  }

  @Test
  void theCellUpdateFollowsTheLstmEquations() {
    int n = 5;
    Random r = new Random(2);
    float[] zIn = TestBundles.random(r, 4 * n, 2);
    float[] c = TestBundles.random(r, n, 1);
    float[][] z = LstmKernel.byGate(zIn, 1, n)[0];
    float[] cIn = c.clone();
    float[] h = new float[n];
    LstmKernel.cell(z, c, h, n);
    for (int j = 0; j < n; j++) {
      double i = 1 / (1 + Math.exp(-zIn[j]));
      double f = 1 / (1 + Math.exp(-zIn[n + j]));
      double g = Math.tanh(zIn[2 * n + j]);
      double o = 1 / (1 + Math.exp(-zIn[3 * n + j]));
      double cj = f * cIn[j] + i * g;
      assertThat((double) c[j]).isCloseTo(cj, within(1e-6));
      assertThat((double) h[j]).isCloseTo(o * Math.tanh(cj), within(1e-6));
    }
  }

  @Test
  void theRecurrentProductIsTheSameBitsInEitherTileOrderAndForAnyBatch() {
    int n = 300; // two column tiles per gate, the second partial; 300 rows: whole four-row passes
    Random r = new Random(4);
    float[][][] rw = LstmKernel.byGate(TestBundles.random(r, n * 4 * n, 0.1), n, n);
    float[][] h = {TestBundles.random(r, n, 1), TestBundles.random(r, n, 1), TestBundles.random(r, n, 1)};
    float[] start = TestBundles.random(r, 4 * n, 1);
    float[][][] forward = new float[3][][];
    float[][][] backward = new float[3][][];
    for (int i = 0; i < 3; i++) {
      forward[i] = LstmKernel.byGate(start, 1, n)[0];
      backward[i] = LstmKernel.byGate(start, 1, n)[0];
    }
    LstmKernel.recurrent(rw, h, forward, new int[] {0, 1, 2}, 3, n, false);
    LstmKernel.recurrent(rw, h, backward, new int[] {2, 0, 1}, 3, n, true);
    float[][][] alone = {LstmKernel.byGate(start, 1, n)[0]};
    LstmKernel.recurrent(rw, new float[][] {h[1]}, alone, new int[] {0}, 1, n, true);
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < 3; i++) {
        assertThat(backward[i][g]).containsExactly(forward[i][g]);
      }
      assertThat(alone[0][g]).containsExactly(forward[1][g]);
      // and it is the product: compare one unit of each gate with a double-precision sum
      double want = start[g * n + 7];
      for (int k = 0; k < n; k++) {
        want += (double) h[2][k] * rw[k][g][7];
      }
      assertThat((double) forward[2][g][7]).isCloseTo(want, within(1e-4));
    }
  }
}
