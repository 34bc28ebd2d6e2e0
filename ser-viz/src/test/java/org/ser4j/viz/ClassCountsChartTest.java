package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

class ClassCountsChartTest {

  private static Map<String, Integer> tess() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("neutral", 400);
    counts.put("angry", 400);
    counts.put("fear", 398);
    counts.put("pleasant_surprise", 400);
    counts.put("sad", 385);
    counts.put("disgust", 400);
    counts.put("happy", 10);
    return counts;
  }

  @Test
  void drawsOneBarPerClassInMapOrder() {
    Chart chart = Charts.classCounts(tess(), "TESS");
    CategoryDataset data = chart.jfreeChart().getCategoryPlot().getDataset();
    assertThat(data.getColumnCount()).isEqualTo(7);
    assertThat(data.getRowCount()).isEqualTo(1);
    List<Object> keys = new ArrayList<>();
    for (Object key : data.getColumnKeys()) { // JFreeChart returns a raw List
      keys.add(key);
    }
    assertThat(keys).containsExactly("neutral", "angry", "fear", "pleasant_surprise", "sad",
        "disgust", "happy");
    assertThat(data.getValue(0, 4)).isEqualTo(385);
  }

  @Test
  void labelsEachBarWithItsCount() {
    Chart chart = Charts.classCounts(tess(), "TESS");
    CategoryPlot plot = chart.jfreeChart().getCategoryPlot();
    CategoryItemRenderer r = plot.getRenderer();
    assertThat(r.getDefaultItemLabelsVisible()).isTrue();
    assertThat(r.getDefaultItemLabelGenerator().generateLabel(plot.getDataset(), 0, 2)).isEqualTo("398");
    assertThat(chart.jfreeChart().getTitle().getText()).isEqualTo("TESS");
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Number of examples");
  }

  @Test
  void givesEachClassItsOwnColour() {
    CategoryPlot plot = Charts.classCounts(tess(), null).jfreeChart().getCategoryPlot();
    assertThat(List.of(plot.getRenderer().getItemPaint(0, 0), plot.getRenderer().getItemPaint(0, 1),
        plot.getRenderer().getItemPaint(0, 2))).doesNotHaveDuplicates();
  }

  @Test
  void rendersBarsIntoThePlotArea() {
    TestSignals.Rendered r = TestSignals.render(Charts.classCounts(tess(), "TESS"));
    assertThat(r.inkFraction()).isGreaterThan(0.3);
    assertThat(r.distinctColours()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void rejectsEmptyCounts() {
    assertThatThrownBy(() -> Charts.classCounts(Map.of(), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts is empty");
    assertThatThrownBy(() -> Charts.classCounts(null, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts is empty");
  }

  @Test
  void rejectsNegativeCountsNamingTheClass() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("sad", -1);
    assertThatThrownBy(() -> Charts.classCounts(counts, "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sad'");
  }
}
