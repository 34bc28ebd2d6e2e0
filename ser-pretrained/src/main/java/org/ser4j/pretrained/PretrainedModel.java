package org.ser4j.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.ser4j.runtime.EmotionRecognizer;

/**
 * What this artifact ships: the pretrained model bundle that {@link EmotionRecognizer#pretrained()} loads
 * (the resource {@value #BUNDLE_RESOURCE}) and, beside it, the figures measured when it was trained
 * ({@value #FIGURES_RESOURCE}). Load the model with {@code EmotionRecognizer.pretrained()}; this class only
 * names the resources and reads the figures.
 *
 * <p>The model is a Produced Work of CREMA-D (the Crowd-sourced Emotional Multimodal Actors Dataset), which is
 * made available under the Open Database License 1.0; the notice is in the bundle's provenance
 * ({@code bundle().provenance().extra().get("licence")}), in {@link #figures()} and in this artifact's README.
 */
public final class PretrainedModel {

  /** The class-path resource of the model bundle: {@link EmotionRecognizer#PRETRAINED_RESOURCE}. */
  public static final String BUNDLE_RESOURCE = EmotionRecognizer.PRETRAINED_RESOURCE;

  /** The class-path resource of the figures written with the bundle by {@code ser pretrain}. */
  public static final String FIGURES_RESOURCE = "org/ser4j/pretrained/pretrained.properties";

  private PretrainedModel() {}

  /**
   * The figures measured when the shipped model was trained: {@code train.data}, {@code test.data},
   * {@code test.accuracy}, {@code test.macro_f1}, {@code test.accuracy.threshold} (the accuracy minus a margin,
   * what this artifact's test asserts), {@code seed}, {@code preset}, {@code licence}.
   *
   * @return a new properties object
   * @throws UncheckedIOException if the resource is missing or unreadable (a broken build of this artifact)
   */
  public static Properties figures() {
    Properties p = new Properties();
    try (InputStream in = PretrainedModel.class.getClassLoader().getResourceAsStream(FIGURES_RESOURCE)) {
      if (in == null) {
        throw new java.io.FileNotFoundException(FIGURES_RESOURCE + " is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pretrained model's figures " + FIGURES_RESOURCE, e);
    }
    return p;
  }
}
