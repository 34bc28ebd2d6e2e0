package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolingTest {

  @Test
  void meanAndPopulationStdAreTakenOverFrames() {
    float[][] frames = {{1f, 10f}, {3f, 10f}, {5f, 13f}, {7f, 7f}};
    assertThat(Pooling.mean(frames)).containsExactly(4f, 10f);
    // numpy.std (ddof=0): sqrt(mean of squared deviations) = sqrt(5) and sqrt(4.5)
    assertThat(Pooling.std(frames)).containsExactly((float) Math.sqrt(5.0), (float) Math.sqrt(4.5));
  }

  @Test
  void rejectsNoFramesAndRaggedRows() {
    assertThatThrownBy(() -> Pooling.mean(new float[0][])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pooling.std(new float[][] {{1f}, {1f, 2f}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1");
  }
}
