package org.ser4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;

/**
 * Example: embed the recognizer and classify WAV files. Needs only {@code ser-runtime} (plain Java: no DL4J,
 * no ND4J, no native code).
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.EmbedRecognizer model.ser4j clip.wav...
 * </pre>
 */
public final class EmbedRecognizer {

  private EmbedRecognizer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: EmbedRecognizer MODEL_FILE AUDIO_FILE...");
      System.exit(2);
    }
    EmotionRecognizer recognizer = EmotionRecognizer.load(Paths.get(args[0])); // load once, share freely
    for (int i = 1; i < args.length; i++) {
      Prediction p = recognizer.predict(Paths.get(args[i]));                   // decode, features, network
      System.out.printf("%s: %s (%.2f)%n", args[i], p.topLabel(), p.topProbability());
    }
  }

  /** The one call an app makes per file. */
  static Prediction classify(EmotionRecognizer recognizer, Path file) throws IOException {
    return recognizer.predict(file);
  }
}
