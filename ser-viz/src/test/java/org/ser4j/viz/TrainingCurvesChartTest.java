package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class TrainingCurvesChartTest {

  private static double[] curve(int n, double start, double end) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = end + (start - end) * Math.exp(-i / 4.0);
    }
    return v;
  }

  private static CombinedDomainXYPlot plot(Chart chart) {
    return (CombinedDomainXYPlot) chart.jfreeChart().getPlot();
  }

  private static List<String> legend(Chart chart) {
    List<String> labels = new ArrayList<>();
    var items = plot(chart).getLegendItems();
    for (int i = 0; i < items.getItemCount(); i++) {
      labels.add(items.get(i).getLabel());
    }
    return labels;
  }

  @Test
  void plotsAccuracyAndLossAgainstEpochsFromOne() {
    Chart chart = Charts.trainingCurves(curve(25, 0.2, 0.99), curve(25, 0.15, 0.95), curve(25, 2, 0.05),
        curve(25, 2.1, 0.2));
    CombinedDomainXYPlot p = plot(chart);
    assertThat(p.getDomainAxis().getLowerBound()).isEqualTo(1.0);
    assertThat(p.getDomainAxis().getUpperBound()).isEqualTo(25.0);
    assertThat(p.getDomainAxis().getLabel()).isEqualTo("Epoch");
    List<XYPlot> subs = p.getSubplots();
    assertThat(subs).hasSize(2);
    assertThat(subs.get(0).getRangeAxis().getLabel()).isEqualTo("Accuracy");
    assertThat(subs.get(1).getRangeAxis().getLabel()).isEqualTo("Loss");
    assertThat(subs.get(0).getDataset().getSeriesCount()).isEqualTo(2);
    assertThat(subs.get(0).getDataset().getXValue(0, 0)).isEqualTo(1.0);
    assertThat(subs.get(1).getDataset().getYValue(1, 24)).isEqualTo(curve(25, 2.1, 0.2)[24]);
    assertThat(legend(chart)).containsExactly("train", "validation");
    // validation in a different colour from training
    assertThat(subs.get(0).getRenderer().getSeriesPaint(0)).isNotEqualTo(subs.get(0).getRenderer()
        .getSeriesPaint(1));
  }

  @Test
  void omitsMissingValidationSeries() {
    double[] nan = {Double.NaN, Double.NaN, Double.NaN};
    Chart chart = Charts.trainingCurves(curve(3, 0.2, 0.9), null, curve(3, 2, 0.3), nan);
    List<XYPlot> subs = plot(chart).getSubplots();
    assertThat(subs).hasSize(2);
    assertThat(subs.get(0).getDataset().getSeriesCount()).isEqualTo(1);
    assertThat(subs.get(1).getDataset().getSeriesCount()).isEqualTo(1);
    assertThat(legend(chart)).containsExactly("train");
    Chart lossOnly = Charts.trainingCurves(new double[0], new double[0], curve(3, 2, 0.3), curve(3, 2, 0.4));
    assertThat(plot(lossOnly).getSubplots()).hasSize(1);
    assertThat(TestSignals.decode(lossOnly.toPng()).getWidth()).isEqualTo(900);
  }

  @Test
  void handlesASingleEpoch() {
    Chart chart = Charts.trainingCurves(new double[] {0.5}, new double[] {0.4}, new double[] {1.0},
        new double[] {1.1});
    assertThat(plot(chart).getDomainAxis().getRange().contains(1.0)).isTrue();
    assertThat(TestSignals.decode(chart.toPng()).getHeight()).isEqualTo(600);
  }

  @Test
  void rendersVisibleCurves() {
    TestSignals.Rendered r = TestSignals.render(Charts.trainingCurves(curve(20, 0.2, 0.99),
        curve(20, 0.15, 0.95), curve(20, 2, 0.05), curve(20, 2.1, 0.2)));
    assertThat(r.distinctColours()).isGreaterThan(10);
  }

  @Test
  void rejectsMismatchedOrMissingHistory() {
    assertThatThrownBy(() -> Charts.trainingCurves(curve(5, 0, 1), curve(4, 0, 1), curve(5, 1, 0), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valAcc has 4 epochs");
    assertThatThrownBy(() -> Charts.trainingCurves(null, new double[0], null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no training history");
    assertThatThrownBy(() -> Charts.trainingCurves(new double[] {0.1, Double.POSITIVE_INFINITY}, null, null,
        null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainAcc[1] is infinite");
  }
}
