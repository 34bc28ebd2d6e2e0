package org.ser4j.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.features.FeatureSpec;
import org.ser4j.model.FeatureDataset;
import org.ser4j.model.ModelConfig;
import org.ser4j.model.Trainer;
import org.ser4j.model.TrainingResult;
import org.ser4j.runtime.EmotionRecognizer;

/** A tiny model (one epoch on random pooled features, notebook recipe) and WAV bytes for the serve tests. */
final class ServeFixtures {
  static final List<String> LABELS = List.of("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise",
      "sad");
  private static EmotionRecognizer recognizer;

  private ServeFixtures() {}

  static synchronized EmotionRecognizer recognizer() {
    if (recognizer == null) {
      Random r = new Random(1);
      List<float[]> x = new ArrayList<>();
      int[] y = new int[70];
      for (int i = 0; i < y.length; i++) {
        float[] v = new float[40];
        for (int k = 0; k < v.length; k++) {
          v[k] = (float) (r.nextGaussian() * 20 + (i % 7) * 3);
        }
        x.add(v);
        y[i] = i % 7;
      }
      TrainingResult trained = new Trainer().train(ModelConfig.notebookBuilder().epochs(1).build(),
          FeatureDataset.ofPooled(x, y, LABELS), null, null);
      recognizer = EmotionRecognizer.of(trained.toBundle(FeatureSpec.notebook(), null));
    }
    return recognizer;
  }

  /** A voice-like clip: syllables of a harmonic tone with a gliding pitch and two formants, some noise; seeded. */
  static AudioClip voice(int rate, double seconds, long seed) {
    Random r = new Random(seed);
    float[] s = new float[(int) Math.round(rate * seconds)];
    double f0 = 110 + r.nextInt(120);
    double syllable = 0.22 + 0.1 * r.nextDouble();
    double phase = 0;
    for (int i = 0; i < s.length; i++) {
      double t = (double) i / rate;
      double f = f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t) + 0.05 * Math.sin(2 * Math.PI * 5 * t));
      phase += 2 * Math.PI * f / rate;
      double formant1 = 500 + 300 * Math.sin(2 * Math.PI * t / syllable / 2);
      double formant2 = 1500 + 600 * Math.cos(2 * Math.PI * t / syllable / 3);
      double v = 0;
      for (int h = 1; h * f < Math.min(rate / 2.0, 5000); h++) {
        double hf = h * f;
        double gain = Math.exp(-Math.pow((hf - formant1) / 250, 2)) + 0.5 * Math.exp(-Math.pow((hf - formant2) / 350, 2))
            + 0.05 / h;
        v += gain * Math.sin(h * phase);
      }
      double env = Math.max(0, Math.sin(Math.PI * (t % syllable) / syllable)); // syllables with short pauses
      s[i] = (float) (v * env * env + 0.01 * r.nextGaussian());
    }
    float peak = 1e-9f;
    for (float x : s) {
      peak = Math.max(peak, Math.abs(x));
    }
    for (int i = 0; i < s.length; i++) {
      s[i] *= 0.7f / peak;
    }
    return AudioClip.ofMono(rate, s);
  }

  /** {@code clip} as 16-bit WAV bytes. */
  static byte[] wav(AudioClip clip) {
    try {
      Path f = Files.createTempFile("ser-serve-test", ".wav");
      try {
        WavWriter.write(clip, f, WavWriter.Encoding.PCM16);
        return Files.readAllBytes(f);
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
