package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

class DoubleRealFftTest {

  @Test
  void forwardAndInverseMatchJTransformsForEveryPowerOfTwoUsed() {
    Random r = new Random(7);
    for (int n = 4; n <= 8192; n <<= 1) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = r.nextGaussian();
      }
      double[] mine = x.clone();
      double[] theirs = x.clone();
      new DoubleRealFft(n).realForward(mine);
      new DoubleFFT_1D(n).realForward(theirs);
      for (int i = 0; i < n; i++) {
        assertThat(mine[i]).as("n=%d forward[%d]", n, i).isCloseTo(theirs[i], within(1e-9 * Math.sqrt(n)));
      }
      new DoubleRealFft(n).realInverse(mine, true);
      new DoubleFFT_1D(n).realInverse(theirs, true);
      for (int i = 0; i < n; i++) {
        assertThat(mine[i]).as("n=%d inverse[%d]", n, i).isCloseTo(x[i], within(1e-12 * n));
      }
      double[] unscaled = x.clone();
      double[] unscaledTheirs = x.clone();
      new DoubleRealFft(n).realForward(unscaled);
      new DoubleFFT_1D(n).realForward(unscaledTheirs);
      new DoubleRealFft(n).realInverse(unscaled, false);
      new DoubleFFT_1D(n).realInverse(unscaledTheirs, false);
      assertThat(unscaled[n - 1]).isCloseTo(unscaledTheirs[n - 1], within(1e-9 * n));
    }
  }
}
