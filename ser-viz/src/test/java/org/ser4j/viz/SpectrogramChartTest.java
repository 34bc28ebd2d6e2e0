package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.StftConfig;
import org.junit.jupiter.api.Test;

class SpectrogramChartTest {

  private static final int SR = 22050;

  private static ImageLayer layer(XYPlot plot) {
    return (ImageLayer) plot.getAnnotations().get(0);
  }

  private static PaintScaleLegend colourBar(JFreeChart chart) {
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      if (chart.getSubtitle(i) instanceof PaintScaleLegend) {
        return (PaintScaleLegend) chart.getSubtitle(i);
      }
    }
    throw new AssertionError("no colour bar");
  }

  @Test
  void axesShowTimeInSecondsAndFrequencyUpToNyquist() {
    AudioClip clip = TestSignals.chirpClip(SR, 1.5);
    XYPlot plot = Charts.spectrogram(clip, MfccConfig.librosaDefaults(SR), "chirp").jfreeChart().getXYPlot();
    assertThat(plot.getRangeAxis().getLowerBound()).isEqualTo(0.0);
    assertThat(plot.getRangeAxis().getUpperBound()).isEqualTo(SR / 2.0);
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Frequency (Hz)");
    assertThat(plot.getDomainAxis().getUpperBound()).isCloseTo(1.5, within(1.0 / SR));
    assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Time (s)");
    // the raster covers the axes
    ImageLayer img = layer(plot);
    assertThat(img.xMin()).isLessThanOrEqualTo(0.0);
    // the last frame ends within half a hop of the clip's end (the plot background fills the rest)
    assertThat(img.xMax()).isGreaterThan(1.5 - 256.0 / SR);
    assertThat(img.yMax()).isGreaterThanOrEqualTo(SR / 2.0);
  }

  @Test
  void colourBarShowsDecibelsRelativeToTheMaximum() {
    Chart chart = Charts.spectrogram(TestSignals.chirpClip(SR, 1.0), MfccConfig.librosaDefaults(SR), "c");
    PaintScaleLegend bar = colourBar(chart.jfreeChart());
    assertThat(bar.getScale().getUpperBound()).isCloseTo(0.0, within(1e-3));
    assertThat(bar.getScale().getLowerBound()).isCloseTo(-80.0, within(1e-3)); // top_db
    assertThat(bar.getAxis().getLabel()).contains("dB");
  }

  @Test
  void aToneIsBrightestAtItsFrequency() {
    MfccConfig cfg = MfccConfig.builder(SR).nFft(1024).hopLength(256).build();
    AudioClip tone = AudioClip.ofMono(SR, TestSignals.sine(SR, 1.0, 3000, 0.5));
    ImageLayer img = layer(Charts.spectrogram(tone, cfg, "3 kHz").jfreeChart().getXYPlot());
    BufferedImage raster = img.image();
    // 1 + n_fft / 2 = 513 bins, max-pooled in pairs to stay within MAX_IMAGE_ROWS
    assertThat(raster.getHeight()).isEqualTo(257);
    int x = raster.getWidth() / 2;
    int brightestRow = 0;
    double best = -1;
    for (int y = 0; y < raster.getHeight(); y++) {
      int c = raster.getRGB(x, y);
      double lum = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
      if (lum > best) {
        best = lum;
        brightestRow = y;
      }
    }
    double rowHz = (img.yMax() - img.yMin()) / raster.getHeight();
    double hz = img.yMax() - (brightestRow + 0.5) * rowHz; // image row 0 is the top
    assertThat(hz).isCloseTo(3000.0, within(1.5 * rowHz));
  }

  @Test
  void longSpectraArePooledToABoundedImage() {
    MfccConfig cfg = MfccConfig.builder(SR).nFft(4096).hopLength(64).build();
    ImageLayer img = layer(Charts.spectrogram(TestSignals.chirpClip(SR, 8.0), cfg, "long").jfreeChart()
        .getXYPlot());
    assertThat(img.image().getHeight()).isLessThanOrEqualTo(Charts.MAX_IMAGE_ROWS);
    assertThat(img.image().getWidth()).isLessThanOrEqualTo(Charts.MAX_IMAGE_COLUMNS);
    assertThat(img.yMax()).isGreaterThanOrEqualTo(SR / 2.0);
    assertThat(img.xMax()).isGreaterThan(8.0 - 32.0 / SR);
  }

  @Test
  void takesTheSampleRateFromTheClip() {
    AudioClip clip = TestSignals.chirpClip(16000, 0.5);
    XYPlot plot = Charts.spectrogram(clip, MfccConfig.librosaDefaults(SR), "16k").jfreeChart().getXYPlot();
    assertThat(plot.getRangeAxis().getUpperBound()).isEqualTo(8000.0);
  }

  @Test
  void rendersAColourfulImageAndSvg() {
    Chart chart = Charts.spectrogram(TestSignals.chirpClip(SR, 1.0), MfccConfig.librosaDefaults(SR), "c");
    TestSignals.Rendered r = TestSignals.render(chart);
    assertThat(r.distinctColours()).isGreaterThan(50);
    assertThat(r.inkFraction()).isGreaterThan(0.9);
    assertThat(chart.toSvg()).contains("<svg").contains("<image");
  }

  @Test
  void drawsSilenceInTheLowestColour() {
    Chart chart = Charts.spectrogram(AudioClip.ofMono(16000, new float[8000]), MfccConfig.librosaDefaults(16000),
        "silence");
    ImageLayer img = layer(chart.jfreeChart().getXYPlot());
    assertThat(colourBar(chart.jfreeChart()).getScale().getLowerBound()).isCloseTo(0.0, within(1e-6)); // all 0 dB re max
    assertThat(img.image().getRGB(3, 3) & 0xffffff).isEqualTo(ColorMap.MAGMA[0]);
    assertThat(TestSignals.decode(chart.toPng()).getWidth()).isEqualTo(900);
  }

  @Test
  void rejectsAnEmptyClipOrMissingConfig() {
    assertThatThrownBy(() -> Charts.spectrogram(AudioClip.ofMono(SR, new float[0]),
        MfccConfig.librosaDefaults(SR), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no samples");
    assertThatThrownBy(() -> Charts.spectrogram(TestSignals.chirpClip(SR, 0.2), (MfccConfig) null, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cfg");
    assertThatThrownBy(() -> Charts.spectrogram(TestSignals.chirpClip(SR, 0.2), (StftConfig) null, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stft");
  }

  @Test
  void anStftConfigAloneDrawsWhatTheMfccConfigContainingItDraws() {
    AudioClip clip = TestSignals.chirpClip(SR, 0.5);
    MfccConfig m = MfccConfig.librosaDefaults(SR);
    assertThat(Charts.spectrogram(clip, m.stft(), "x").toPng(300, 200))
        .isEqualTo(Charts.spectrogram(clip, m, "x").toPng(300, 200));
  }
}
