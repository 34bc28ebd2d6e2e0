package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;

class ConfusionMatrixChartTest {

  private static final List<String> LABELS = List.of("angry", "happy", "sad");
  private static final int[][] COUNTS = {{8, 2, 0}, {1, 6, 1}, {0, 0, 0}};

  /** Cell text by "row,column" (true, predicted). */
  private static Map<String, String> cellTexts(XYPlot plot) {
    Map<String, String> texts = new HashMap<>();
    for (XYAnnotation a : plot.getAnnotations()) {
      XYTextAnnotation t = (XYTextAnnotation) a;
      texts.put((int) t.getY() + "," + (int) t.getX(), t.getText());
    }
    return texts;
  }

  @Test
  void writesTheCountInEveryCell() {
    XYPlot plot = Charts.confusionMatrix(COUNTS, LABELS, false).jfreeChart().getXYPlot();
    Map<String, String> texts = cellTexts(plot);
    assertThat(texts).hasSize(9);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        assertThat(texts.get(r + "," + c)).isEqualTo(Integer.toString(COUNTS[r][c]));
      }
    }
  }

  @Test
  void normalisedCellsShowRowPercentages() {
    Chart chart = Charts.confusionMatrix(COUNTS, LABELS, true);
    Map<String, String> texts = cellTexts(chart.jfreeChart().getXYPlot());
    assertThat(texts.get("0,0")).isEqualTo("80.0%");
    assertThat(texts.get("0,1")).isEqualTo("20.0%");
    assertThat(texts.get("1,1")).isEqualTo("75.0%");
    assertThat(texts.get("1,2")).isEqualTo("12.5%");
    assertThat(texts.get("2,2")).isEqualTo("–"); // a class with no example
    PaintScaleLegend bar = (PaintScaleLegend) chart.jfreeChart().getSubtitle(0);
    assertThat(bar.getScale().getUpperBound()).isEqualTo(1.0);
    assertThat(chart.jfreeChart().getTitle().getText()).contains("normalised");
  }

  @Test
  void labelsTrueClassesDownAndPredictedClassesAcross() {
    XYPlot plot = Charts.confusionMatrix(COUNTS, LABELS, false).jfreeChart().getXYPlot();
    SymbolAxis x = (SymbolAxis) plot.getDomainAxis();
    SymbolAxis y = (SymbolAxis) plot.getRangeAxis();
    assertThat(x.getLabel()).isEqualTo("Predicted label");
    assertThat(y.getLabel()).isEqualTo("True label");
    assertThat(x.getSymbols()).containsExactly("angry", "happy", "sad");
    assertThat(y.getSymbols()).containsExactly("angry", "happy", "sad");
    assertThat(y.isInverted()).isTrue(); // first class at the top
    assertThat(x.getLowerBound()).isEqualTo(-0.5);
    assertThat(x.getUpperBound()).isEqualTo(2.5);
  }

  @Test
  void rendersShadedCells() {
    TestSignals.Rendered r = TestSignals.render(Charts.confusionMatrix(COUNTS, LABELS, false));
    assertThat(r.distinctColours()).isGreaterThan(5);
    assertThat(r.inkFraction()).isGreaterThan(0.1);
    assertThat(Charts.confusionMatrix(COUNTS, LABELS, true).toSvg()).contains("<svg").contains("80.0%");
  }

  @Test
  void rejectsARaggedMatrix() {
    int[][] ragged = {{1, 2, 3}, {4, 5}, {6, 7, 8}};
    assertThatThrownBy(() -> Charts.confusionMatrix(ragged, LABELS, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged")
        .hasMessageContaining("row 1");
    assertThatThrownBy(() -> Charts.confusionMatrix(new int[][] {{1, 2}}, List.of("a"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not square");
    assertThatThrownBy(() -> Charts.confusionMatrix(new int[0][], List.of(), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void rejectsAMismatchedLabelCount() {
    assertThatThrownBy(() -> Charts.confusionMatrix(COUNTS, List.of("angry", "happy"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label count 2")
        .hasMessageContaining("3x3");
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatThrownBy(() -> Charts.confusionMatrix(new int[][] {{1, -1}, {0, 2}}, List.of("a", "b"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1]");
  }
}
