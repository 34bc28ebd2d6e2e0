package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.IntervalXYDataset;
import org.ser4j.audio.AudioClip;
import org.junit.jupiter.api.Test;

class WaveformChartTest {

  private static final int SR = 16000;

  @Test
  void timeAxisRunsFromZeroToTheClipDuration() {
    AudioClip clip = AudioClip.ofMono(SR, TestSignals.chirp(SR, 1.7, 100, 2000));
    XYPlot plot = Charts.waveform(clip, "chirp").jfreeChart().getXYPlot();
    assertThat(plot.getDomainAxis().getLowerBound()).isEqualTo(0.0);
    assertThat(plot.getDomainAxis().getUpperBound()).isCloseTo(1.7, within(1.0 / SR));
    assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Time (s)");
    // the data reach both ends of the axis
    assertThat(plot.getDataset().getXValue(0, 0)).isEqualTo(0.0);
    int last = plot.getDataset().getItemCount(0) - 1;
    assertThat(plot.getDataset().getXValue(0, last)).isCloseTo(1.7, within(1.0 / SR));
  }

  @Test
  void longClipsAreDrawnAsAMinMaxEnvelope() {
    // 1 kHz at 8 kHz: 8 samples a cycle, peaks sampled exactly; 32000 samples make 15-16 per column
    float[] y = TestSignals.sine(8000, 4.0, 1000, 0.5);
    XYPlot plot = Charts.waveform(AudioClip.ofMono(8000, y), "sine").jfreeChart().getXYPlot();
    assertThat(plot.getRenderer()).isInstanceOf(DeviationRenderer.class);
    IntervalXYDataset band = (IntervalXYDataset) plot.getDataset();
    assertThat(band.getItemCount(0)).isEqualTo(Charts.ENVELOPE_COLUMNS);
    // each column spans a whole cycle: the envelope reaches both peaks
    assertThat(band.getStartYValue(0, 100)).isCloseTo(-0.5, within(0.01));
    assertThat(band.getEndYValue(0, 100)).isCloseTo(0.5, within(0.01));
    assertThat(plot.getRangeAxis().getUpperBound()).isCloseTo(0.54, within(0.01));
    assertThat(plot.getRangeAxis().getLowerBound()).isEqualTo(-plot.getRangeAxis().getUpperBound());
  }

  @Test
  void shortClipsAreDrawnSampleBySample() {
    float[] y = TestSignals.sine(SR, 0.1, 300, 0.8);
    XYPlot plot = Charts.waveform(AudioClip.ofMono(SR, y), "short").jfreeChart().getXYPlot();
    assertThat(plot.getDataset().getItemCount(0)).isEqualTo(y.length);
    assertThat(plot.getDataset().getYValue(0, 7)).isEqualTo((double) y[7]);
  }

  @Test
  void rendersAVisibleWave() {
    TestSignals.Rendered r = TestSignals.render(
        Charts.waveform(AudioClip.ofMono(SR, TestSignals.chirp(SR, 1.0, 100, 3000)), "chirp"));
    assertThat(r.image().getWidth()).isEqualTo(900);
    assertThat(r.inkFraction()).isGreaterThan(0.2);
    assertThat(r.distinctColours()).isGreaterThan(10);
  }

  @Test
  void gridStacksOneStripPerClassOnASharedTimeAxis() {
    Map<String, AudioClip> clips = new LinkedHashMap<>();
    clips.put("angry", AudioClip.ofMono(SR, TestSignals.chirp(SR, 1.0, 200, 900)));
    clips.put("sad", AudioClip.ofMono(SR, TestSignals.chirp(SR, 2.5, 100, 400)));
    clips.put("happy", AudioClip.ofMono(SR, TestSignals.sine(SR, 0.2, 500, 0.3)));
    Chart chart = Charts.waveformGrid(clips);
    CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.jfreeChart().getPlot();
    assertThat(plot.getSubplots()).hasSize(3);
    assertThat(plot.getSubplots().get(1).getRangeAxis().getLabel()).isEqualTo("sad");
    assertThat(plot.getDomainAxis().getUpperBound()).isCloseTo(2.5, within(1.0 / SR));
    // one amplitude scale for every strip
    assertThat(plot.getSubplots().get(2).getRangeAxis().getRange())
        .isEqualTo(plot.getSubplots().get(0).getRangeAxis().getRange());
    assertThat(chart.height()).isEqualTo(70 + 3 * 110);
    assertThat(TestSignals.decode(chart.toPng()).getHeight()).isEqualTo(chart.height());
    assertThat(chart.toSvg()).contains("<svg");
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> Charts.waveform(AudioClip.ofMono(SR, new float[0]), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no samples");
    assertThatThrownBy(() -> Charts.waveformGrid(Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    Map<String, AudioClip> clips = new LinkedHashMap<>();
    clips.put("fear", AudioClip.ofMono(SR, new float[0]));
    assertThatThrownBy(() -> Charts.waveformGrid(clips)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fear'");
  }
}
