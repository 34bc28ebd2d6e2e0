package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link FrameStatistics}: values worked out by hand (numpy's definitions), NaN frames left out. */
class FrameStatisticsTest {

  private static final float NAN = Float.NaN;

  @Test
  void summaryLeavesOutNanFramesAndInterpolatesPercentilesLikeNumpy() {
    // non-NaN values 1, 2, 3, 4, 10: mean 4, population variance (9+4+1+0+36)/5 = 10
    FrameStatistics.Summary s = FrameStatistics.summarize(new float[] {NAN, 3, 1, NAN, 10, 2, 4});
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.mean()).isCloseTo(4.0, within(1e-12));
    assertThat(s.std()).isCloseTo(Math.sqrt(10), within(1e-12));
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(s.median()).isEqualTo(3.0);
    // numpy.percentile([1,2,3,4,10], 90) = 4 + 0.6 * (10 - 4) = 7.6; 10th: 1 + 0.4 * 1 = 1.4
    assertThat(s.p90()).isCloseTo(7.6, within(1e-12));
    assertThat(s.p10()).isCloseTo(1.4, within(1e-12));
    assertThat(s.interPercentileRange()).isCloseTo(6.2, within(1e-12));
    assertThat(s.toArray()).hasSize(7);
  }

  @Test
  void trackWithoutValuesGivesNanStatisticsNotAnError() {
    FrameStatistics.Summary s = FrameStatistics.summarize(new float[] {NAN, NAN});
    assertThat(s.count()).isZero();
    assertThat(s.mean()).isNaN();
    assertThat(FrameStatistics.median(new float[0])).isNaN();
  }

  @Test
  void semitonesAreTwelvePerOctaveFromTheReferenceAndNanWhereUnvoiced() {
    float[] st = FrameStatistics.semitones(new float[] {110, 220, NAN, 440, 0}, 220);
    assertThat((double) st[0]).isCloseTo(-12, within(1e-5));
    assertThat((double) st[1]).isCloseTo(0, within(1e-6));
    assertThat(st[2]).isNaN();
    assertThat((double) st[3]).isCloseTo(12, within(1e-5));
    assertThat(st[4]).isNaN();
  }

  @Test
  void badArgumentsAreRejectedWithAReason() {
    assertThatThrownBy(() -> FrameStatistics.semitones(new float[] {100}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no median F0");
    assertThatThrownBy(() -> FrameStatistics.percentile(new float[] {1}, 101)).hasMessageContaining("[0, 100]");
    assertThatThrownBy(() -> FrameStatistics.summarize(new float[] {1, Float.POSITIVE_INFINITY}))
        .hasMessageContaining("frame 1");
  }
}
