package org.ser4j.viz;

import java.awt.Color;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import org.jfree.chart.renderer.PaintScale;

/**
 * A continuous colour map over {@code [lower, upper]}: a 256-entry table interpolated (in sRGB) between
 * anchor colours sampled from matplotlib's perceptual maps. Values outside the bounds are clamped; NaN is
 * transparent-white.
 */
final class ColorMap implements PaintScale {

  /** matplotlib magma at 9 evenly spaced points. */
  static final int[] MAGMA = {
    0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf
  };
  /** matplotlib viridis at 9 evenly spaced points. */
  static final int[] VIRIDIS = {
    0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725
  };
  /** matplotlib Blues at 9 evenly spaced points (white to dark blue). */
  static final int[] BLUES = {
    0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b
  };

  private static final int SIZE = 256;

  private final double lower;
  private final double upper;
  private final int[] table = new int[SIZE];
  private final Color[] colors = new Color[SIZE];

  ColorMap(int[] anchors, double lower, double upper) {
    if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
      throw new IllegalArgumentException("colour map bounds must be finite with lower < upper, got "
          + lower + ".." + upper);
    }
    this.lower = lower;
    this.upper = upper;
    int segments = anchors.length - 1;
    for (int i = 0; i < SIZE; i++) {
      double pos = (double) i / (SIZE - 1) * segments;
      int a = Math.min((int) pos, segments - 1);
      double f = pos - a;
      int rgb = lerp(anchors[a], anchors[a + 1], f);
      table[i] = rgb;
      colors[i] = new Color(rgb);
    }
  }

  private static int lerp(int c0, int c1, double f) {
    int r = (int) Math.round(((c0 >> 16) & 0xff) * (1 - f) + ((c1 >> 16) & 0xff) * f);
    int g = (int) Math.round(((c0 >> 8) & 0xff) * (1 - f) + ((c1 >> 8) & 0xff) * f);
    int b = (int) Math.round((c0 & 0xff) * (1 - f) + (c1 & 0xff) * f);
    return (r << 16) | (g << 8) | b;
  }

  @Override
  public double getLowerBound() {
    return lower;
  }

  @Override
  public double getUpperBound() {
    return upper;
  }

  private int index(double value) {
    double f = (value - lower) / (upper - lower);
    if (f <= 0) {
      return 0;
    }
    if (f >= 1) {
      return SIZE - 1;
    }
    return (int) (f * (SIZE - 1) + 0.5);
  }

  @Override
  public Paint getPaint(double value) {
    return Double.isNaN(value) ? Color.WHITE : colors[index(value)];
  }

  /** The colour of {@code value} as opaque {@code 0xRRGGBB}; white for NaN. */
  int rgb(double value) {
    return Double.isNaN(value) ? 0xffffff : table[index(value)];
  }

  /** Relative luminance (0 dark .. 1 light) of a value's colour, to pick a readable text colour on it. */
  double luminance(double value) {
    int c = rgb(value);
    return (0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff)) / 255.0;
  }

  /**
   * An image of a {@code columns x rows} matrix ({@code m[x][y]}): one pixel per cell, x to the right and
   * row 0 at the bottom.
   */
  BufferedImage image(float[][] m) {
    int w = m.length;
    int h = m[0].length;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        row[x] = rgb(m[x][y]);
      }
      img.setRGB(0, h - 1 - y, w, 1, row, 0, w);
    }
    return img;
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
