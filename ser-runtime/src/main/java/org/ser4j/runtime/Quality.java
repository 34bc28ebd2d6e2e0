package org.ser4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.FeatureSpec;

/** Computes the {@link QualityNote}s of audio loaded as a feature recipe says. */
final class Quality {
  /** RMS below this (dBFS) is near-silence. */
  static final double SILENCE_DBFS = -60.0;
  /** |sample| at or above this counts as full scale. */
  static final float FULL_SCALE = 0.999f;
  /** Fraction of full-scale samples above which a clip is clipped. */
  static final double CLIPPED_FRACTION = 0.001;

  private Quality() {
  }

  static List<QualityNote> of(AudioClip loaded, FeatureSpec spec, double seconds) {
    List<QualityNote> notes = new ArrayList<>();
    for (String w : loaded.warnings()) {
      notes.add(new QualityNote(QualityNote.Kind.DECODER_REPAIR, "repaired by the decoder: " + w));
    }
    float[] y = loaded.channel(0);
    notes.addAll(ofSamples(y, 0, y.length));
    if (spec.load().duration().isPresent()) {
      double window = spec.load().duration().getAsDouble();
      if (seconds + 1.0 / spec.mfcc().sampleRate() < window) {
        notes.add(new QualityNote(QualityNote.Kind.SHORTER_THAN_WINDOW, String.format(Locale.ROOT,
            "shorter than the model's window: %.2f s of %.2f s", seconds, window)));
      }
    }
    return notes;
  }

  /** Silence and clipping of {@code y[from, to)}. */
  static List<QualityNote> ofSamples(float[] y, int from, int to) {
    List<QualityNote> notes = new ArrayList<>(2);
    double sum = 0;
    long full = 0;
    for (int i = from; i < to; i++) {
      float v = y[i];
      sum += (double) v * v;
      if (Math.abs(v) >= FULL_SCALE) {
        full++;
      }
    }
    int n = to - from;
    if (n == 0) {
      return notes;
    }
    double rms = Math.sqrt(sum / n);
    double db = rms > 0 ? 20 * Math.log10(rms) : Double.NEGATIVE_INFINITY;
    if (db < SILENCE_DBFS) {
      notes.add(new QualityNote(QualityNote.Kind.SILENCE, rms == 0 ? "silence: every sample is zero"
          : String.format(Locale.ROOT, "near-silence: RMS %.1f dBFS", db)));
    }
    if (full > CLIPPED_FRACTION * n) {
      notes.add(new QualityNote(QualityNote.Kind.CLIPPING, String.format(Locale.ROOT,
          "clipping: %.2f%% of samples at full scale", 100.0 * full / n)));
    }
    return notes;
  }
}
