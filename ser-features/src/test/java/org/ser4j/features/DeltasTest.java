package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeltasTest {

  @Test
  void firstOrderDeltaOfGoldenMfccMatchesLibrosa() {
    float[][] mfcc = Golden.floatMatrix("mfcc_chirp_22050.csv");
    Golden.assertClose("delta_chirp_22050", Deltas.delta(mfcc), Golden.matrix("delta_chirp_22050.csv"), 1e-4, 1e-5);
  }

  @Test
  void secondOrderDeltaOfGoldenMfccMatchesLibrosa() {
    float[][] mfcc = Golden.floatMatrix("mfcc_chirp_22050.csv");
    Golden.assertClose("delta2_chirp_22050", Deltas.delta(mfcc, 9, 2), Golden.matrix("delta2_chirp_22050.csv"),
        1e-4, 1e-5);
  }

  @Test
  void deltaOfALinearRampIsItsSlopeEverywhereIncludingTheEdges() {
    float[][] ramp = new float[12][1];
    for (int t = 0; t < 12; t++) {
      ramp[t][0] = 3f * t + 1f;
    }
    float[][] d = Deltas.delta(ramp, 5, 1);
    for (float[] row : d) {
      assertThat(row[0]).isCloseTo(3f, org.assertj.core.api.Assertions.within(1e-5f));
    }
  }

  @Test
  void firstOrderWidthNineWeightsAreKOverSixty() {
    double[] c = Deltas.coefficients(9, 1);
    for (int k = -4; k <= 4; k++) {
      assertThat(c[k + 4]).isCloseTo(k / 60.0, org.assertj.core.api.Assertions.within(1e-14));
    }
  }

  @Test
  void rejectsWidthsLibrosaRejects() {
    float[][] data = new float[20][3];
    assertThatThrownBy(() -> Deltas.delta(data, 4, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width");
    assertThatThrownBy(() -> Deltas.delta(data, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Deltas.delta(data, 9, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order");
    assertThatThrownBy(() -> Deltas.delta(new float[8][3], 9, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interp");
  }
}
