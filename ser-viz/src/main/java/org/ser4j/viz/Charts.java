package org.ser4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.Spectrograms;
import org.ser4j.features.StftConfig;

/**
 * Factories for the charts of a speech emotion recognition study: class counts, waveforms, spectrograms, MFCC
 * heat maps, training curves and confusion matrices. Every factory validates its input (throwing
 * {@link IllegalArgumentException} that names the problem), builds a themed {@link Chart} and renders nothing
 * until asked. Rendering draws into images and needs no display; this class changes no process-wide setting
 * (a server without a display is headless by default; an app that has one may set {@code java.awt.headless}).
 *
 * <p>Titles may be {@code null} for no title.
 */
public final class Charts {

  /** Clips longer than this many samples are drawn as a min/max envelope, not sample by sample. */
  static final int ENVELOPE_COLUMNS = 2048;
  /** Most image columns / rows kept for spectrogram and MFCC rasters (larger ones are max-pooled). */
  static final int MAX_IMAGE_COLUMNS = 2048;
  static final int MAX_IMAGE_ROWS = 512;

  private static final Color WAVE = new Color(0x1f77b4);
  private static final Color TRAIN = Theme.palette(0);
  private static final Color VALIDATION = Theme.palette(1);

  private Charts() {}

  // ---------------------------------------------------------------------------------------------- class counts

  /**
   * A bar chart of how many examples each class has: one bar per entry, in the map's iteration order, each in
   * its own colour with its count written above it. Default size 900 x 500.
   *
   * @param counts class name to count, in display order (e.g. a {@link java.util.LinkedHashMap})
   * @param title chart title, or {@code null}
   * @return the chart
   * @throws IllegalArgumentException if {@code counts} is null or empty, or holds a null name or a null or
   *     negative count
   */
  public static Chart classCounts(Map<String, Integer> counts, String title) {
    if (counts == null || counts.isEmpty()) {
      throw new IllegalArgumentException("counts is empty: there is no class to draw");
    }
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("counts has a null class name");
      }
      Integer n = e.getValue();
      if (n == null || n < 0) {
        throw new IllegalArgumentException("count of class '" + e.getKey() + "' must be >= 0, got " + n);
      }
      dataset.addValue(n, "count", e.getKey());
    }
    CategoryAxis x = new CategoryAxis("Class");
    NumberAxis y = new NumberAxis("Number of examples");
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setUpperMargin(0.12);
    BarRenderer bars = new BarRenderer() {
      @Override
      public java.awt.Paint getItemPaint(int row, int column) {
        return Theme.palette(column);
      }
    };
    CategoryPlot plot = new CategoryPlot(dataset, x, y, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setDomainGridlinesVisible(false);
    JFreeChart chart = Theme.apply(new JFreeChart(title, Theme.TITLE, plot, false));
    bars.setItemMargin(0);
    bars.setMaximumBarWidth(0.1);
    bars.setDrawBarOutline(false);
    bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", NumberFormat.getIntegerInstance(Locale.ROOT)));
    bars.setDefaultItemLabelsVisible(true);
    bars.setDefaultItemLabelFont(Theme.TICK.deriveFont(Font.BOLD));
    bars.setDefaultItemLabelPaint(Theme.TEXT);
    bars.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
    int longest = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
    if (longest * counts.size() > 90) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    return new Chart(chart, Theme.DEFAULT_WIDTH, Theme.DEFAULT_HEIGHT);
  }

  // -------------------------------------------------------------------------------------------------- waveforms

  /**
   * Amplitude against time of a clip (its mono mix if it has several channels), the time axis running from 0
   * to the clip's duration in seconds. Clips of more than 4096 samples are drawn as a filled min/max
   * envelope over 2048 time columns (what a sample-by-sample line would look like at screen resolution), shorter
   * ones sample by sample. The amplitude axis is symmetric about zero. Default size 900 x 500.
   *
   * @param clip the clip
   * @param title chart title, or {@code null}
   * @return the chart
   * @throws IllegalArgumentException if the clip is null or has no samples
   */
  public static Chart waveform(AudioClip clip, String title) {
    checkClip(clip, "clip");
    float[] y = clip.monoSamples();
    double duration = clip.frameCount() / (double) clip.sampleRate();
    XYPlot plot = waveformPlot(y, clip.sampleRate(), WAVE, "Amplitude", peak(y));
    NumberAxis time = timeAxis(duration);
    plot.setDomainAxis(time);
    JFreeChart chart = Theme.apply(new JFreeChart(title, Theme.TITLE, plot, false));
    return new Chart(chart, Theme.DEFAULT_WIDTH, Theme.DEFAULT_HEIGHT);
  }

  /**
   * One waveform per class, stacked in a column that shares one time axis (0 to the longest clip's duration)
   * and one amplitude scale, so loudness and length compare at a glance; each strip is labelled with its key
   * and drawn in that class's palette colour. Default size 900 x (70 + 110 per clip), at most 4096 high.
   *
   * @param clipsByEmotion class name to clip, in display order
   * @return the chart (SVG output works as for any chart)
   * @throws IllegalArgumentException if the map is null or empty, or holds a null name or a null or empty clip
   */
  public static Chart waveformGrid(Map<String, AudioClip> clipsByEmotion) {
    if (clipsByEmotion == null || clipsByEmotion.isEmpty()) {
      throw new IllegalArgumentException("clipsByEmotion is empty: there is no waveform to draw");
    }
    double duration = 0;
    double peak = 0;
    List<float[]> signals = new ArrayList<>();
    for (Map.Entry<String, AudioClip> e : clipsByEmotion.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("clipsByEmotion has a null class name");
      }
      checkClip(e.getValue(), "clip of '" + e.getKey() + "'");
      float[] y = e.getValue().monoSamples();
      signals.add(y);
      duration = Math.max(duration, e.getValue().frameCount() / (double) e.getValue().sampleRate());
      peak = Math.max(peak, peak(y));
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(timeAxis(duration));
    combined.setGap(6);
    int i = 0;
    for (Map.Entry<String, AudioClip> e : clipsByEmotion.entrySet()) {
      XYPlot sub = waveformPlot(signals.get(i), e.getValue().sampleRate(), Theme.palette(i), e.getKey(), peak);
      combined.add(sub, 1);
      i++;
    }
    JFreeChart chart = Theme.apply(new JFreeChart("Waveform per class", Theme.TITLE, combined, false));
    for (XYPlot sub : combined.getSubplots()) {
      sub.getRangeAxis().setLabelFont(Theme.AXIS_LABEL.deriveFont(Font.BOLD, 13f));
      sub.getRangeAxis().setTickLabelFont(Theme.SMALL);
    }
    int height = Math.min(Chart.MAX_SIDE, 70 + 110 * clipsByEmotion.size());
    return new Chart(chart, Theme.DEFAULT_WIDTH, height);
  }

  private static void checkClip(AudioClip clip, String name) {
    if (clip == null) {
      throw new IllegalArgumentException(name + " is null");
    }
    if (clip.frameCount() == 0) {
      throw new IllegalArgumentException(name + " has no samples");
    }
  }

  private static double peak(float[] y) {
    double p = 0;
    for (float v : y) {
      p = Math.max(p, Math.abs(v));
    }
    return p;
  }

  private static NumberAxis timeAxis(double duration) {
    NumberAxis time = new NumberAxis("Time (s)");
    time.setAutoRange(false);
    time.setRange(0, duration);
    return time;
  }

  /** A waveform subplot: every sample for short signals, a min/max band per column for long ones. */
  static XYPlot waveformPlot(float[] y, int sampleRate, Color color, String rangeLabel, double peak) {
    XYDataset dataset;
    XYItemRenderer renderer;
    int n = y.length;
    if (n <= 2 * ENVELOPE_COLUMNS) {
      XYSeries s = new XYSeries("amplitude", false, true);
      for (int i = 0; i < n; i++) {
        s.add(i / (double) sampleRate, y[i], false);
      }
      dataset = new XYSeriesCollection(s);
      XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
      keepSeriesStyle(line);
      line.setSeriesPaint(0, color);
      line.setSeriesStroke(0, new BasicStroke(1.0f));
      renderer = line;
    } else {
      YIntervalSeries s = new YIntervalSeries("envelope", false, true);
      for (int c = 0; c < ENVELOPE_COLUMNS; c++) {
        int from = (int) ((long) c * n / ENVELOPE_COLUMNS);
        int to = (int) ((long) (c + 1) * n / ENVELOPE_COLUMNS);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          lo = Math.min(lo, y[i]);
          hi = Math.max(hi, y[i]);
        }
        // the first and last columns reach the ends of the clip exactly
        double t = c == 0 ? 0 : c == ENVELOPE_COLUMNS - 1 ? n / (double) sampleRate
            : (from + to) / 2.0 / sampleRate;
        s.add(t, (lo + hi) / 2.0, lo, hi);
      }
      YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
      ds.addSeries(s);
      dataset = ds;
      DeviationRenderer band = new DeviationRenderer(true, false);
      band.setAlpha(1.0f);
      keepSeriesStyle(band);
      band.setSeriesPaint(0, color);
      band.setSeriesFillPaint(0, color);
      band.setSeriesStroke(0, new BasicStroke(0.6f));
      renderer = band;
    }
    NumberAxis amp = new NumberAxis(rangeLabel);
    double half = peak > 0 ? peak * 1.08 : 1.0;
    amp.setAutoRange(false);
    amp.setRange(-half, half);
    XYPlot plot = new XYPlot(dataset, null, amp, renderer);
    plot.setDomainGridlinesVisible(true);
    plot.setRangeZeroBaselineVisible(false);
    return plot;
  }

  /** Stops the theme from replacing the series paints and strokes set here with its own sequence. */
  private static void keepSeriesStyle(XYLineAndShapeRenderer r) {
    r.setAutoPopulateSeriesPaint(false);
    r.setAutoPopulateSeriesFillPaint(false);
    r.setAutoPopulateSeriesStroke(false);
    r.setAutoPopulateSeriesShape(false);
  }

  // ------------------------------------------------------------------------------------------------ spectrogram

  /**
   * A linear-frequency spectrogram in decibels: {@code librosa.amplitude_to_db(np.abs(librosa.stft(y, n_fft,
   * hop_length, ...)), ref=np.max)}, computed as {@code power_to_db(|STFT|^2, ref = max |STFT|^2,
   * amin = cfg.amin(), top_db = cfg.topDb())}, which is the same number (0 dB at the loudest cell, down to
   * {@code -top_db}, 80 by default). The STFT takes {@code n_fft}, {@code hop_length}, {@code win_length},
   * window, centring and padding from {@code cfg}; the sample rate is the clip's (a different one in
   * {@code cfg} is replaced) and {@code power} is forced to 2. The time axis runs from 0 to the clip's duration
   * in seconds, the frequency axis from 0 to {@code sr / 2} Hz (linear); each cell is drawn centred on its
   * frame time and bin frequency; a colour bar (magma) at the right shows the dB scale. Multi-channel clips are
   * mixed to mono. Default size 900 x 500.
   *
   * @param clip the clip
   * @param cfg STFT parameters ({@code MfccConfig.librosaDefaults(sr)}: n_fft 2048, hop 512, Hann, centred)
   * @param title chart title, or {@code null}
   * @return the chart
   * @throws IllegalArgumentException if the clip is null or empty, {@code cfg} is null, or the clip yields no
   *     frame (shorter than {@code n_fft} without centring)
   */
  public static Chart spectrogram(AudioClip clip, MfccConfig cfg, String title) {
    if (cfg == null) {
      throw new IllegalArgumentException("cfg is null");
    }
    return spectrogram(clip, cfg.stft(), cfg.amin(), cfg.topDb(), title);
  }

  /**
   * {@link #spectrogram(AudioClip, MfccConfig, String)} with STFT settings alone ({@link StftConfig#defaults()}
   * is librosa's), {@code amin} 1e-10 and {@code top_db} 80, librosa's {@code amplitude_to_db} defaults.
   *
   * @param clip the clip
   * @param stft the STFT parameters
   * @param title chart title, or {@code null}
   * @return the chart
   * @throws IllegalArgumentException if the clip is null or empty, {@code stft} is null, or the clip yields no
   *     frame
   */
  public static Chart spectrogram(AudioClip clip, StftConfig stft, String title) {
    return spectrogram(clip, stft, 1e-10, 80.0, title);
  }

  private static Chart spectrogram(AudioClip clip, StftConfig stft, double amin, double topDb, String title) {
    checkClip(clip, "clip");
    if (stft == null) {
      throw new IllegalArgumentException("stft is null");
    }
    int sr = clip.sampleRate();
    float[] y = clip.monoSamples();
    int frames = stft.frameCount(y.length);
    float[][] power = Spectrograms.spectrogram(y, stft, 2.0);
    float maxPower = Math.max(0f, Matrices.max(power));
    float[][] db = Spectrograms.powerToDb(power, maxPower, amin, topDb);
    double hop = stft.hopLength();
    double duration = y.length / (double) sr;
    double binHz = sr / (double) stft.nFft();
    int fx = Matrices.factor(frames, MAX_IMAGE_COLUMNS);
    int fy = Matrices.factor(stft.binCount(), MAX_IMAGE_ROWS);
    float[][] cells = Matrices.maxPool(db, fx, fy);
    // frame t is centred on sample t * hop (+ n_fft / 2 without centring), bin k on k * sr / n_fft Hz
    double firstCentre = stft.center() ? 0 : stft.nFft() / 2.0;
    double xMin = (firstCentre - hop / 2.0) / sr;
    double xMax = xMin + cells.length * fx * hop / sr;
    double yMin = -binHz / 2.0;
    double yMax = yMin + cells[0].length * fy * binHz;
    double lo = Matrices.min(db);
    double hi = Matrices.max(db);
    if (!(hi > lo)) {
      hi = lo + 1; // a constant matrix (e.g. silence, all 0 dB) draws in the lowest colour
    }
    ColorMap colors = new ColorMap(ColorMap.MAGMA, lo, hi);
    NumberAxis time = timeAxis(duration);
    NumberAxis freq = new NumberAxis("Frequency (Hz)");
    freq.setAutoRange(false);
    freq.setRange(0, sr / 2.0);
    NumberAxis dbAxis = new NumberAxis("dB (re max)");
    return heatmap(title, time, freq, new ImageLayer(colors.image(cells), xMin, xMax, yMin, yMax), colors,
        dbAxis);
  }

  // ------------------------------------------------------------------------------------------------------- MFCC

  /**
   * An MFCC matrix as a heat map (viridis, colour bar at the right): x is time in seconds, each frame drawn
   * centred on {@code t * hopLength / sampleRate} (librosa's centred framing), the axis running from 0 to the
   * last frame's time; y is the coefficient index, 0 at the bottom. Default size 900 x 500.
   *
   * @param mfcc frames x coefficients, as {@code MfccExtractor.mfcc} returns it (librosa's transpose)
   * @param sampleRate sample rate the MFCCs were computed at, in Hz
   * @param hopLength hop between frames, in samples
   * @param title chart title, or {@code null}
   * @return the chart
   * @throws IllegalArgumentException if the matrix is null, empty, ragged or not finite, or a rate is not
   *     positive
   */
  public static Chart mfccHeatmap(float[][] mfcc, int sampleRate, int hopLength, String title) {
    int coeffs = Matrices.checkRectangular(mfcc, "mfcc");
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
    }
    if (hopLength <= 0) {
      throw new IllegalArgumentException("hopLength must be positive, got " + hopLength);
    }
    int frames = mfcc.length;
    double frameSeconds = hopLength / (double) sampleRate;
    int fx = Matrices.factor(frames, MAX_IMAGE_COLUMNS);
    float[][] cells = Matrices.maxPool(mfcc, fx, 1);
    double xMin = -frameSeconds / 2;
    double xMax = xMin + cells.length * fx * frameSeconds;
    double lo = Matrices.min(mfcc);
    double hi = Matrices.max(mfcc);
    if (!(hi > lo)) {
      hi = lo + 1; // a constant matrix (e.g. silence, all 0 dB) draws in the lowest colour
    }
    ColorMap colors = new ColorMap(ColorMap.VIRIDIS, lo, hi);
    NumberAxis time = timeAxis(frames > 1 ? (frames - 1) * frameSeconds : frameSeconds);
    NumberAxis coeff = new NumberAxis("MFCC coefficient");
    coeff.setAutoRange(false);
    coeff.setRange(-0.5, coeffs - 0.5);
    coeff.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis valueAxis = new NumberAxis("MFCC value");
    return heatmap(title, time, coeff,
        new ImageLayer(colors.image(cells), xMin, xMax, -0.5, coeffs - 0.5), colors, valueAxis);
  }

  private static Chart heatmap(String title, NumberAxis x, NumberAxis y, ImageLayer layer, ColorMap colors,
      NumberAxis barAxis) {
    XYPlot plot = new XYPlot(null, x, y, null);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = Theme.apply(new JFreeChart(title, Theme.TITLE, plot, false));
    // a sliver the raster leaves uncovered (a clip's last partial hop) reads as the lowest value
    plot.setBackgroundPaint(colors.getPaint(colors.getLowerBound()));
    plot.addAnnotation(layer, false);
    chart.addSubtitle(colorBar(colors, barAxis, false));
    return new Chart(chart, Theme.DEFAULT_WIDTH, Theme.DEFAULT_HEIGHT);
  }

  private static PaintScaleLegend colorBar(ColorMap colors, NumberAxis axis, boolean integer) {
    axis.setAutoRange(false);
    axis.setRange(colors.getLowerBound(), colors.getUpperBound());
    axis.setLabelFont(Theme.AXIS_LABEL);
    axis.setTickLabelFont(Theme.TICK);
    axis.setLabelPaint(Theme.TEXT);
    axis.setTickLabelPaint(Theme.TEXT);
    niceTicks(axis, colors.getUpperBound() - colors.getLowerBound(), 8, integer);
    PaintScaleLegend bar = new PaintScaleLegend(colors, axis);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    bar.setStripWidth(14);
    bar.setSubdivisionCount(256);
    bar.setStripOutlineVisible(true);
    bar.setAxisOffset(4);
    bar.setMargin(new RectangleInsets(8, 12, 8, 4));
    bar.setPadding(new RectangleInsets(4, 4, 4, 4));
    bar.setBackgroundPaint(Color.WHITE);
    return bar;
  }

  /**
   * Fixes an axis' tick step to a 1-2-2.5-5 multiple giving at most about {@code target} ticks over
   * {@code span} (a whole number with {@code integer}), keeping its number format.
   */
  static void niceTicks(NumberAxis axis, double span, int target, boolean integer) {
    double raw = span / target;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double norm = raw / mag;
    double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
    if (integer) {
      step = Math.max(1, Math.round(step));
    }
    NumberFormat format = axis.getNumberFormatOverride();
    axis.setTickUnit(format == null ? new NumberTickUnit(step) : new NumberTickUnit(step, format), false, true);
  }

  // ----------------------------------------------------------------------------------------- training curves

  /**
   * Training history as one chart of two stacked plots sharing the epoch axis: accuracy (top) and loss
   * (bottom), training in blue and validation in orange, epochs numbered from 1. Any of the four arrays may be
   * {@code null}, empty or all NaN, which omits that series (a plot left with no series is omitted); NaN
   * values inside a series leave gaps. The legend has one entry per role ("train", "validation"). Default
   * size 900 x 600.
   *
   * @param trainAcc training accuracy per epoch
   * @param valAcc validation accuracy per epoch
   * @param trainLoss training loss per epoch
   * @param valLoss validation loss per epoch
   * @return the chart; its domain axis runs from 1 to the number of epochs
   * @throws IllegalArgumentException if no series has a value, the non-empty series differ in length, or a
   *     value is infinite
   */
  public static Chart trainingCurves(double[] trainAcc, double[] valAcc, double[] trainLoss, double[] valLoss) {
    double[][] series = {trainAcc, valAcc, trainLoss, valLoss};
    String[] names = {"trainAcc", "valAcc", "trainLoss", "valLoss"};
    int epochs = -1;
    for (int s = 0; s < series.length; s++) {
      if (!present(series[s])) {
        continue;
      }
      if (epochs < 0) {
        epochs = series[s].length;
      } else if (series[s].length != epochs) {
        throw new IllegalArgumentException("series lengths differ: " + names[s] + " has " + series[s].length
            + " epochs, an earlier series has " + epochs);
      }
      for (int i = 0; i < series[s].length; i++) {
        if (Double.isInfinite(series[s][i])) {
          throw new IllegalArgumentException(names[s] + "[" + i + "] is infinite");
        }
      }
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("no training history: every series is null, empty or all NaN");
    }
    NumberAxis epochAxis = new NumberAxis("Epoch");
    epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    epochAxis.setAutoRange(false);
    if (epochs > 1) {
      epochAxis.setRange(1, epochs);
    } else {
      epochAxis.setRange(0.5, 1.5);
    }
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochAxis);
    combined.setGap(12);
    boolean markers = epochs <= 40;
    XYPlot acc = curvePlot("Accuracy", "train accuracy", trainAcc, "validation accuracy", valAcc, markers);
    if (acc != null) {
      combined.add(acc, 1);
    }
    XYPlot loss = curvePlot("Loss", "train loss", trainLoss, "validation loss", valLoss, markers);
    if (loss != null) {
      combined.add(loss, 1);
    }
    // one legend entry per role: colour means train / validation in both plots
    LegendItemCollection items = new LegendItemCollection();
    if (present(trainAcc) || present(trainLoss)) {
      items.add(legendItem("train", TRAIN));
    }
    if (present(valAcc) || present(valLoss)) {
      items.add(legendItem("validation", VALIDATION));
    }
    combined.setFixedLegendItems(items);
    JFreeChart chart = Theme.apply(new JFreeChart("Training history", Theme.TITLE, combined, true));
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    legend.setItemFont(Theme.TICK);
    return new Chart(chart, Theme.DEFAULT_WIDTH, 600);
  }

  private static LegendItem legendItem(String label, Color color) {
    LegendItem item = new LegendItem(label, color);
    item.setLine(new java.awt.geom.Line2D.Double(-8, 0, 8, 0));
    item.setLineStroke(new BasicStroke(2.0f));
    item.setLinePaint(color);
    item.setLineVisible(true);
    item.setShape(new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
    item.setShapeVisible(true);
    return item;
  }

  private static boolean present(double[] s) {
    if (s == null) {
      return false;
    }
    for (double v : s) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static XYPlot curvePlot(String label, String trainName, double[] train, String valName,
      double[] val, boolean markers) {
    XYSeriesCollection ds = new XYSeriesCollection();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, markers);
    keepSeriesStyle(r);
    int index = 0;
    double[][] arrays = {train, val};
    String[] keys = {trainName, valName};
    Color[] paints = {TRAIN, VALIDATION};
    for (int k = 0; k < 2; k++) {
      if (!present(arrays[k])) {
        continue;
      }
      XYSeries s = new XYSeries(keys[k], false, true);
      for (int i = 0; i < arrays[k].length; i++) {
        s.add(i + 1, arrays[k][i], false);
      }
      ds.addSeries(s);
      r.setSeriesPaint(index, paints[k]);
      r.setSeriesStroke(index, new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShape(index, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
      index++;
    }
    if (index == 0) {
      return null;
    }
    NumberAxis y = new NumberAxis(label);
    y.setAutoRangeIncludesZero(false);
    y.setAutoRangeMinimumSize(1e-6);
    return new XYPlot(ds, null, y, r);
  }

  // ----------------------------------------------------------------------------------------- confusion matrix

  /**
   * A confusion matrix as a heat map (Blues, colour bar at the right) with each cell's number written in it:
   * true class on the y axis (first label at the top), predicted class on the x axis. With
   * {@code normalised}, each row is divided by its total and cells show percentages with one decimal
   * ({@code "87.5%"}; a row with no example shows {@code "–"} and is coloured as 0); otherwise cells show
   * the counts. Default size 760 x 640.
   *
   * @param counts {@code counts[true][predicted]}, square, non-negative
   * @param labels class names, one per row, in row order
   * @param normalised whether to show row-normalised percentages instead of counts
   * @return the chart
   * @throws IllegalArgumentException if the matrix is null, empty, ragged or not square, holds a negative
   *     count, or the label count differs from its size
   */
  public static Chart confusionMatrix(int[][] counts, List<String> labels, boolean normalised) {
    if (counts == null || counts.length == 0) {
      throw new IllegalArgumentException("confusion matrix is empty");
    }
    int n = counts.length;
    for (int r = 0; r < n; r++) {
      if (counts[r] == null || counts[r].length != n) {
        throw new IllegalArgumentException("confusion matrix is ragged or not square: row " + r + " has "
            + (counts[r] == null ? "no array" : counts[r].length + " columns") + ", expected " + n);
      }
      for (int c = 0; c < n; c++) {
        if (counts[r][c] < 0) {
          throw new IllegalArgumentException(
              "confusion matrix has a negative count " + counts[r][c] + " at [" + r + "][" + c + "]");
        }
      }
    }
    if (labels == null || labels.size() != n) {
      throw new IllegalArgumentException("label count " + (labels == null ? 0 : labels.size())
          + " does not match the " + n + "x" + n + " confusion matrix");
    }
    for (int i = 0; i < n; i++) {
      Objects.requireNonNull(labels.get(i), () -> "label " + labels.indexOf(null) + " is null");
    }
    double[] xs = new double[n * n];
    double[] ys = new double[n * n];
    double[] zs = new double[n * n];
    String[] texts = new String[n * n];
    double max = 0;
    for (int r = 0; r < n; r++) {
      long total = 0;
      for (int c = 0; c < n; c++) {
        total += counts[r][c];
      }
      for (int c = 0; c < n; c++) {
        int k = r * n + c;
        xs[k] = c;
        ys[k] = r;
        if (normalised) {
          zs[k] = total == 0 ? 0 : counts[r][c] / (double) total;
          texts[k] = total == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * zs[k]);
        } else {
          zs[k] = counts[r][c];
          texts[k] = Integer.toString(counts[r][c]);
        }
        max = Math.max(max, zs[k]);
      }
    }
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    dataset.addSeries("cells", new double[][] {xs, ys, zs});
    double upper = normalised ? 1.0 : Math.max(1, max);
    ColorMap colors = new ColorMap(ColorMap.BLUES, 0, upper);
    XYBlockRenderer blocks = new XYBlockRenderer();
    blocks.setBlockWidth(1);
    blocks.setBlockHeight(1);
    blocks.setBlockAnchor(RectangleAnchor.CENTER);
    blocks.setPaintScale(colors);
    String[] names = labels.toArray(new String[0]);
    SymbolAxis predicted = new SymbolAxis("Predicted label", names);
    SymbolAxis actual = new SymbolAxis("True label", names);
    for (SymbolAxis a : new SymbolAxis[] {predicted, actual}) {
      a.setGridBandsVisible(false);
      a.setAutoRange(false);
      a.setRange(-0.5, n - 0.5);
    }
    actual.setInverted(true);
    int longest = labels.stream().mapToInt(String::length).max().orElse(0);
    if (longest * n > 70) {
      predicted.setVerticalTickLabels(true);
    }
    XYPlot plot = new XYPlot(dataset, predicted, actual, blocks);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    String title = normalised ? "Confusion matrix (row-normalised)" : "Confusion matrix (counts)";
    JFreeChart chart = Theme.apply(new JFreeChart(title, Theme.TITLE, plot, false));
    predicted.setTickLabelFont(Theme.TICK);
    actual.setTickLabelFont(Theme.TICK);
    Font cellFont = n <= 8 ? Theme.CELL : Theme.CELL.deriveFont(Math.max(8f, 13f * 8 / n));
    for (int k = 0; k < n * n; k++) {
      XYTextAnnotation t = new XYTextAnnotation(texts[k], xs[k], ys[k]);
      t.setFont(cellFont);
      t.setTextAnchor(TextAnchor.CENTER);
      t.setPaint(colors.luminance(zs[k]) < 0.5 ? Color.WHITE : Theme.TEXT);
      plot.addAnnotation(t, false);
    }
    NumberAxis barAxis = new NumberAxis(normalised ? "Fraction of true class" : "Count");
    if (normalised) {
      barAxis.setNumberFormatOverride(new DecimalFormat("0%"));
    }
    chart.addSubtitle(colorBar(colors, barAxis, !normalised));
    return new Chart(chart, 760, 640);
  }
}
