package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Provenance;

/**
 * The model a command runs: the bundle given with {@code --model}, or the pretrained model that ships in
 * {@code org.ser4j:ser-pretrained} when none is given ({@code ser predict}, {@code ser serve},
 * {@code ser evaluate}), with a line that says which one it is.
 */
final class Models {

  private Models() {}

  /** A loaded recognizer and how to name it in output. */
  record Loaded(EmotionRecognizer recognizer, String description, boolean pretrained) {}

  /**
   * Loads {@code model}, or the pretrained model when it is {@code null}.
   *
   * @throws IOException when the bundle file cannot be read or is not a bundle
   * @throws org.ser4j.runtime.PretrainedModelUnavailableException when no model is given and none ships
   */
  static Loaded load(Path model) throws IOException {
    if (model != null) {
      return new Loaded(EmotionRecognizer.load(model), model.toString(), false);
    }
    EmotionRecognizer r = EmotionRecognizer.pretrained();
    return new Loaded(r, describePretrained(r), true);
  }

  /** "the pretrained model (org.ser4j:ser-pretrained: stats, trained on ...)". */
  static String describePretrained(EmotionRecognizer r) {
    Provenance p = r.bundle().provenance();
    StringBuilder sb = new StringBuilder("the pretrained model (").append(EmotionRecognizer.PRETRAINED_ARTIFACT);
    p.modelPreset().ifPresent(preset -> sb.append(": ").append(preset));
    p.corpus().ifPresent(c -> sb.append(", trained on ").append(c));
    return sb.append(')').toString();
  }
}
