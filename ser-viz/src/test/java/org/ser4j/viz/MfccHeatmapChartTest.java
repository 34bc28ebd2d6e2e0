package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.MfccExtractor;
import org.junit.jupiter.api.Test;

class MfccHeatmapChartTest {

  private static final int SR = 22050;

  private static float[][] mfcc() {
    return MfccExtractor.create(MfccConfig.notebook(SR)).mfcc(TestSignals.chirp(SR, 1.2, 200, 5000));
  }

  @Test
  void coefficientAxisCoversEveryCoefficient() {
    float[][] m = mfcc();
    assertThat(m[0]).hasSize(40);
    XYPlot plot = Charts.mfccHeatmap(m, SR, 512, "MFCC").jfreeChart().getXYPlot();
    assertThat(plot.getRangeAxis().getLowerBound()).isLessThanOrEqualTo(0.0);
    assertThat(plot.getRangeAxis().getUpperBound()).isGreaterThanOrEqualTo(39.0).isLessThan(40.0);
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("MFCC coefficient");
    ImageLayer img = (ImageLayer) plot.getAnnotations().get(0);
    assertThat(img.image().getHeight()).isEqualTo(40);
    assertThat(img.image().getWidth()).isEqualTo(m.length);
  }

  @Test
  void timeAxisRunsToTheLastFrame() {
    float[][] m = mfcc();
    XYPlot plot = Charts.mfccHeatmap(m, SR, 512, "MFCC").jfreeChart().getXYPlot();
    assertThat(plot.getDomainAxis().getLowerBound()).isEqualTo(0.0);
    assertThat(plot.getDomainAxis().getUpperBound()).isCloseTo((m.length - 1) * 512.0 / SR, within(1e-9));
    // centred framing: about the clip's duration
    assertThat(plot.getDomainAxis().getUpperBound()).isCloseTo(1.2, within(512.0 / SR));
  }

  @Test
  void colourBarSpansTheValues() {
    float[][] m = {{-3f, 1f}, {2f, 5f}};
    Chart chart = Charts.mfccHeatmap(m, 16000, 160, null);
    PaintScaleLegend bar = (PaintScaleLegend) chart.jfreeChart().getSubtitle(0);
    assertThat(bar.getScale().getLowerBound()).isEqualTo(-3.0);
    assertThat(bar.getScale().getUpperBound()).isEqualTo(5.0);
  }

  @Test
  void rendersAColourfulHeatmap() {
    TestSignals.Rendered r = TestSignals.render(Charts.mfccHeatmap(mfcc(), SR, 512, "MFCC"));
    assertThat(r.distinctColours()).isGreaterThan(30);
    assertThat(r.inkFraction()).isGreaterThan(0.9);
  }

  @Test
  void rejectsRaggedEmptyOrNonFiniteMatrices() {
    assertThatThrownBy(() -> Charts.mfccHeatmap(new float[0][], SR, 512, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no frames");
    assertThatThrownBy(() -> Charts.mfccHeatmap(new float[][] {{1, 2}, {3}}, SR, 512, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged").hasMessageContaining("frame 1");
    assertThatThrownBy(() -> Charts.mfccHeatmap(new float[][] {{1, Float.NaN}}, SR, 512, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mfcc[0][1]");
    assertThatThrownBy(() -> Charts.mfccHeatmap(new float[][] {{1}}, SR, 0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hopLength");
  }
}
