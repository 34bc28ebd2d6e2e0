package org.ser4j.viz;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.ser4j.audio.AudioClip;

/** Synthetic signals and image measurements shared by the chart tests. */
final class TestSignals {

  private TestSignals() {}

  static float[] sine(int sr, double seconds, double hz, double amplitude) {
    int n = (int) Math.round(sr * seconds);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sr));
    }
    return y;
  }

  /** A linear chirp from {@code f0} to {@code f1} Hz under a half-sine envelope. */
  static float[] chirp(int sr, double seconds, double f0, double f1) {
    int n = (int) Math.round(sr * seconds);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) sr;
      double phase = 2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * seconds));
      y[i] = (float) (0.7 * Math.sin(Math.PI * t / seconds) * Math.sin(phase));
    }
    return y;
  }

  static AudioClip chirpClip(int sr, double seconds) {
    return AudioClip.ofMono(sr, chirp(sr, seconds, 200, 4000));
  }

  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        throw new AssertionError("not a decodable image");
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A rendering with the plot's data area (in pixels) recorded. */
  record Rendered(BufferedImage image, Rectangle dataArea) {

    int distinctColours() {
      Set<Integer> colours = new HashSet<>();
      for (int y = dataArea.y; y < dataArea.y + dataArea.height; y++) {
        for (int x = dataArea.x; x < dataArea.x + dataArea.width; x++) {
          colours.add(image.getRGB(x, y) & 0xffffff);
        }
      }
      return colours.size();
    }

    /** Fraction of data-area pixels that are not (near) white. */
    double inkFraction() {
      long ink = 0;
      for (int y = dataArea.y; y < dataArea.y + dataArea.height; y++) {
        for (int x = dataArea.x; x < dataArea.x + dataArea.width; x++) {
          int c = image.getRGB(x, y);
          int r = (c >> 16) & 0xff;
          int g = (c >> 8) & 0xff;
          int b = c & 0xff;
          if (r < 235 || g < 235 || b < 235) {
            ink++;
          }
        }
      }
      return ink / (double) ((long) dataArea.width * dataArea.height);
    }
  }

  static Rendered render(Chart chart) {
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = chart.toImage(chart.width(), chart.height(), info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    Rectangle inner = new Rectangle((int) Math.ceil(area.getX()) + 1, (int) Math.ceil(area.getY()) + 1,
        (int) Math.floor(area.getWidth()) - 2, (int) Math.floor(area.getHeight()) - 2);
    return new Rendered(image, inner);
  }
}
