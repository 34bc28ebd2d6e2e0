package org.ser4j.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

/**
 * A raster drawn under an {@link XYPlot}'s axes, stretched over a rectangle in data coordinates and clipped to
 * the data area: the fast way to draw a spectrogram or heat map with thousands of cells while the axes still
 * show real units.
 */
final class ImageLayer extends AbstractXYAnnotation {

  private final transient BufferedImage image;
  private final double xMin;
  private final double xMax;
  private final double yMin;
  private final double yMax;

  ImageLayer(BufferedImage image, double xMin, double xMax, double yMin, double yMax) {
    this.image = image;
    this.xMin = xMin;
    this.xMax = xMax;
    this.yMin = yMin;
    this.yMax = yMax;
  }

  BufferedImage image() {
    return image;
  }

  double xMin() {
    return xMin;
  }

  double xMax() {
    return xMax;
  }

  double yMin() {
    return yMin;
  }

  double yMax() {
    return yMax;
  }

  @Override
  public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis,
      ValueAxis rangeAxis, int rendererIndex, PlotRenderingInfo info) {
    double x0 = domainAxis.valueToJava2D(xMin, dataArea, plot.getDomainAxisEdge());
    double x1 = domainAxis.valueToJava2D(xMax, dataArea, plot.getDomainAxisEdge());
    double y0 = rangeAxis.valueToJava2D(yMax, dataArea, plot.getRangeAxisEdge());
    double y1 = rangeAxis.valueToJava2D(yMin, dataArea, plot.getRangeAxisEdge());
    Shape savedClip = g2.getClip();
    Object savedInterpolation = g2.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
    g2.clip(dataArea);
    g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    int ix = (int) Math.floor(Math.min(x0, x1));
    int iy = (int) Math.floor(Math.min(y0, y1));
    int iw = (int) Math.ceil(Math.max(x0, x1)) - ix;
    int ih = (int) Math.ceil(Math.max(y0, y1)) - iy;
    g2.drawImage(image, ix, iy, Math.max(1, iw), Math.max(1, ih), null);
    if (savedInterpolation != null) {
      g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, savedInterpolation);
    }
    g2.setClip(savedClip);
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
