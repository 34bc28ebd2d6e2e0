/**
 * Charts for speech emotion recognition work, rendered headless to PNG and SVG with JFreeChart.
 *
 * <p>{@link org.ser4j.viz.Charts} makes each chart from plain data: emotion class counts (bar chart),
 * waveforms (one clip, or one per class sharing a time axis), linear-frequency spectrograms in dB,
 * MFCC heat maps, training curves (accuracy and loss per epoch) and confusion matrices (counts or
 * row-normalised percentages). Each factory returns a {@link org.ser4j.viz.Chart}, which renders to a
 * {@link java.awt.image.BufferedImage}, PNG bytes or an SVG document at its default size or a given one,
 * and writes files atomically.
 *
 * <pre>{@code
 * Charts.classCounts(countsByEmotion, "TESS: clips per emotion").writePng(Path.of("counts.png"));
 * Charts.spectrogram(clip, StftConfig.defaults(), "angry").writeSvg(Path.of("s.svg"));
 * Charts.confusionMatrix(counts, labels, true).writePng(Path.of("confusion.png"));
 * }</pre>
 *
 * <p>Every chart shares one theme: white background, anti-aliased DejaVu/SansSerif text, matplotlib's
 * tab10 colours for classes, magma for spectrograms, viridis for MFCCs and Blues for confusion matrices,
 * titles and axis labels with units. No display is needed, and no process-wide setting is changed.
 */
package org.ser4j.viz;
