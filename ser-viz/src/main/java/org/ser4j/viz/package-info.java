/**
 * Charts for speech emotion recognition work (planned; see issue 6).
 *
 * <p>This package will render, headless, to PNG and SVG: emotion class counts, waveforms, spectrograms,
 * MFCC heat maps, training curves and confusion matrices, from plain arrays and histories.
 */
package org.ser4j.viz;
