package org.ser4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.ui.RectangleInsets;

/** The one look of every chart in this package: white, anti-aliased, DejaVu/SansSerif fonts, tab10 colours. */
final class Theme {

  static final String FONT = Font.SANS_SERIF;
  static final Font TITLE = new Font(FONT, Font.BOLD, 18);
  static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 14);
  static final Font TICK = new Font(FONT, Font.PLAIN, 12);
  static final Font SMALL = new Font(FONT, Font.PLAIN, 11);
  static final Font CELL = new Font(FONT, Font.BOLD, 13);

  static final Color TEXT = new Color(0x22, 0x22, 0x22);
  static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  static final Color OUTLINE = new Color(0x99, 0x99, 0x99);
  static final Stroke GRID_STROKE = new BasicStroke(0.8f);

  /** matplotlib's tab10, the categorical palette. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

  static final int DEFAULT_WIDTH = 900;
  static final int DEFAULT_HEIGHT = 500;

  private Theme() {}

  static Color palette(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("ser4j", false);
    t.setExtraLargeFont(TITLE);
    t.setLargeFont(AXIS_LABEL);
    t.setRegularFont(TICK);
    t.setSmallFont(SMALL);
    t.setTitlePaint(TEXT);
    t.setSubtitlePaint(TEXT);
    t.setChartBackgroundPaint(Color.WHITE);
    t.setLegendBackgroundPaint(Color.WHITE);
    t.setLegendItemPaint(TEXT);
    t.setPlotBackgroundPaint(Color.WHITE);
    t.setPlotOutlinePaint(OUTLINE);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setAxisOffset(RectangleInsets.ZERO_INSETS);
    t.setAxisLabelPaint(TEXT);
    t.setTickLabelPaint(TEXT);
    t.setItemLabelPaint(TEXT);
    t.setShadowVisible(false);
    t.setBarPainter(new StandardBarPainter());
    t.setXYBarPainter(new StandardXYBarPainter());
    Paint[] palette = PALETTE.clone();
    t.setDrawingSupplier(new DefaultDrawingSupplier(palette, palette,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return t;
  }

  /**
   * Applies the theme (fonts, paints, solid light grid lines, anti-aliasing). Call before adding text
   * annotations: JFreeChart's theme restyles those too.
   */
  static JFreeChart apply(JFreeChart chart) {
    theme().apply(chart);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(6, 6, 6, 10));
    solidGrid(chart.getPlot());
    return chart;
  }

  private static void solidGrid(Plot plot) {
    if (plot instanceof CombinedDomainXYPlot) {
      for (XYPlot sub : ((CombinedDomainXYPlot) plot).getSubplots()) {
        solidGrid(sub);
      }
    }
    if (plot instanceof XYPlot) {
      XYPlot p = (XYPlot) plot;
      p.setDomainGridlineStroke(GRID_STROKE);
      p.setRangeGridlineStroke(GRID_STROKE);
    } else if (plot instanceof CategoryPlot) {
      CategoryPlot p = (CategoryPlot) plot;
      p.setDomainGridlineStroke(GRID_STROKE);
      p.setRangeGridlineStroke(GRID_STROKE);
    }
  }
}
