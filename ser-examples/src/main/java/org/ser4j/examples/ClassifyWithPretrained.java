package org.ser4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;
import org.ser4j.runtime.Provenance;

/**
 * Example: classify WAV files with the model ser4j ships, no training and no model file. Needs
 * {@code ser-runtime} and {@code ser-pretrained} on the class path.
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.ClassifyWithPretrained clip.wav...
 * </pre>
 */
public final class ClassifyWithPretrained {

  private ClassifyWithPretrained() {}

  /**
   * Classifies each file named on the command line.
   *
   * @param args audio files
   * @throws IOException when a file cannot be read or decoded
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: ClassifyWithPretrained AUDIO_FILE...");
      System.exit(2);
    }
    List<Path> files = new ArrayList<>();
    for (String a : args) {
      files.add(Paths.get(a));
    }
    run(files, System.out);
  }

  /** Prints what the model was trained on, its licence notice, then one line per file. */
  static void run(List<Path> files, PrintStream out) throws IOException {
    EmotionRecognizer recognizer = EmotionRecognizer.pretrained();     // loaded once, then shared
    Provenance p = recognizer.bundle().provenance();
    out.println("model: trained on " + p.corpus().orElse("?"));
    out.println("licence: " + p.extra().getOrDefault("licence", "?")); // CREMA-D's notice (ODbL)
    for (Path f : files) {
      Prediction prediction = recognizer.predict(f);
      out.printf("%s: %s (%.2f)%n", f, prediction.topLabel(), prediction.topProbability());
    }
  }
}
