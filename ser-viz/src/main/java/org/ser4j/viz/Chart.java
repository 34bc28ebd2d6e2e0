package org.ser4j.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.ser4j.audio.OutputFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chart ready to render: a {@link JFreeChart} and the size, in pixels, it is drawn at by default. Made by the
 * factories of {@link Charts}; rendering is off-screen (no display is needed).
 *
 * <p>The wrapped {@link JFreeChart} is mutable and shared by the charts of {@link #withSize(int, int)}: callers
 * may restyle it before rendering, but a chart is not safe to render from two threads at once.
 */
public final class Chart {

  private static final Logger LOG = LoggerFactory.getLogger(Chart.class);

  /** The largest width or height accepted, in pixels (a 64 MB ARGB raster). */
  static final int MAX_SIDE = 4096;

  private final JFreeChart chart;
  private final int width;
  private final int height;

  Chart(JFreeChart chart, int width, int height) {
    this.chart = Objects.requireNonNull(chart, "chart");
    checkSize(width, height);
    this.width = width;
    this.height = height;
  }

  /**
   * The JFreeChart drawn, for further styling or for embedding in a Swing {@code ChartPanel}.
   *
   * @return the wrapped chart (not a copy)
   */
  public JFreeChart jfreeChart() {
    return chart;
  }

  /**
   * The default width.
   *
   * @return the width, in pixels, used by {@link #toPng()}, {@link #toSvg()} and the {@code write} methods
   */
  public int width() {
    return width;
  }

  /**
   * The default height.
   *
   * @return the height, in pixels, used by {@link #toPng()}, {@link #toSvg()} and the {@code write} methods
   */
  public int height() {
    return height;
  }

  /**
   * The same chart with another default size.
   *
   * @param width width in pixels, 1 to 4096
   * @param height height in pixels, 1 to 4096
   * @return a chart sharing this one's {@link JFreeChart}
   * @throws IllegalArgumentException if a side is out of range
   */
  public Chart withSize(int width, int height) {
    return new Chart(chart, width, height);
  }

  /**
   * Draws the chart into a new image, anti-aliased, on an opaque white background.
   *
   * @param width width in pixels, 1 to 4096
   * @param height height in pixels, 1 to 4096
   * @return a {@code TYPE_INT_RGB} image of the requested size
   * @throws IllegalArgumentException if a side is out of range
   */
  public BufferedImage toImage(int width, int height) {
    return toImage(width, height, null);
  }

  /** {@link #toImage(int, int)}, recording where things were drawn (the data area) in {@code info}. */
  BufferedImage toImage(int width, int height, ChartRenderingInfo info) {
    checkSize(width, height);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, width, height);
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * PNG bytes at the default size.
   *
   * @return the encoded image
   */
  public byte[] toPng() {
    return toPng(width, height);
  }

  /**
   * PNG bytes at the given size.
   *
   * @param width width in pixels, 1 to 4096
   * @param height height in pixels, 1 to 4096
   * @return the encoded image
   * @throws IllegalArgumentException if a side is out of range
   */
  public byte[] toPng(int width, int height) {
    BufferedImage image = toImage(width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      encodePng(image, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
    return out.toByteArray();
  }

  /**
   * A standalone SVG document at the default size.
   *
   * @return the document, starting with an XML declaration
   */
  public String toSvg() {
    return toSvg(width, height);
  }

  /**
   * A standalone SVG document at the given size. Raster parts (spectrogram and MFCC images) are embedded as
   * PNG data URIs; everything else, text included, is vector.
   *
   * @param width width in pixels, 1 to 4096
   * @param height height in pixels, 1 to 4096
   * @return the document, starting with an XML declaration
   * @throws IllegalArgumentException if a side is out of range
   */
  public String toSvg(int width, int height) {
    checkSize(width, height);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    return g.getSVGDocument();
  }

  /**
   * Writes a PNG at the default size, through a temporary file in the same directory moved into place, so the
   * target is never seen half-written. Missing parent directories are created.
   *
   * @param file the target; replaced if it exists
   * @throws IOException if the file cannot be written
   */
  public void writePng(Path file) throws IOException {
    BufferedImage image = toImage(width, height);
    writeAtomically(file, out -> encodePng(image, out));
  }

  /**
   * Writes an SVG document (UTF-8) at the default size, atomically like {@link #writePng(Path)}.
   *
   * @param file the target; replaced if it exists
   * @throws IOException if the file cannot be written
   */
  public void writeSvg(Path file) throws IOException {
    byte[] svg = toSvg(width, height).getBytes(StandardCharsets.UTF_8);
    writeAtomically(file, out -> out.write(svg));
  }

  @Override
  public String toString() {
    String title = chart.getTitle() == null ? "" : chart.getTitle().getText();
    return "Chart[" + title + ", " + width + "x" + height + "]";
  }

  private static void encodePng(BufferedImage image, OutputStream out) throws IOException {
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Through {@link OutputFiles}: complete or not at all, links written through, devices refused. */
  private static void writeAtomically(Path file, Writer writer) throws IOException {
    Path target = OutputFiles.write(file, tmp -> {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
        writer.write(out);
      }
    });
    LOG.debug("wrote {}", target);
  }

  static void checkSize(int width, int height) {
    if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
      throw new IllegalArgumentException(
          "chart size must be 1.." + MAX_SIDE + " pixels a side, got " + width + "x" + height);
    }
  }
}
