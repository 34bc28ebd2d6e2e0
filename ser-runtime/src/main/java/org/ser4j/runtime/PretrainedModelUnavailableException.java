package org.ser4j.runtime;

/**
 * {@link EmotionRecognizer#pretrained()} found no usable pretrained model: the artifact that ships it
 * ({@value EmotionRecognizer#PRETRAINED_ARTIFACT}) is not on the class path, or its model bundle cannot be read.
 * The message says which dependency to add; {@link #getCause()} holds the bundle's error where there was one.
 *
 * <p>Unchecked: a missing artifact is a mistake in how the application is built, not a condition to handle at
 * run time; catch it where the application can fall back to a model of its own.
 */
public final class PretrainedModelUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with its message and, where the bundle was found but not usable, the cause.
   *
   * @param message what is missing or wrong, and which dependency to add
   * @param cause the bundle's error, or {@code null} when the resource is absent
   */
  public PretrainedModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The Maven coordinates ({@code groupId:artifactId}) of the artifact that ships the pretrained model.
   *
   * @return {@value EmotionRecognizer#PRETRAINED_ARTIFACT}
   */
  public String dependency() {
    return EmotionRecognizer.PRETRAINED_ARTIFACT;
  }
}
