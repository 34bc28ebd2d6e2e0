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

  /** A voice-like clip: a wobbling harmonic tone with some noise, seeded. */
  static AudioClip voice(int rate, double seconds, long seed) {
    Random r = new Random(seed);
    float[] s = new float[(int) Math.round(rate * seconds)];
    double f0 = 120 + r.nextInt(120);
    double phase = 0;
    for (int i = 0; i < s.length; i++) {
      double t = (double) i / rate;
      double f = f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 3 * t));
      phase += 2 * Math.PI * f / rate;
      double v = 0;
      for (int h = 1; h <= 5; h++) {
        v += Math.sin(h * phase) / h;
      }
      s[i] = (float) (0.2 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 1.5 * t)) + 0.01 * r.nextGaussian());
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
