package org.ser4j.data;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The seven TESS emotion classes, in a stable order: the alphabetical order of TESS's labels, which is the
 * order the seed notebook's one-hot encoder gave them, and the class index of every model ser4j trains.
 *
 * <p>{@link #parse(String)} accepts the spellings met in the wild, case-insensitively: TESS's own ({@code ps},
 * {@code pleasant_surprise}, {@code pleasant_surprised}, {@code Pleasant_surprise}), and the English words the
 * other corpora's adapters map to (anger, fearful, happiness, sadness, surprised, ...).
 */
public enum Emotion {
  ANGRY("angry"),
  DISGUST("disgust"),
  FEAR("fear"),
  HAPPY("happy"),
  NEUTRAL("neutral"),
  PLEASANT_SURPRISE("pleasant_surprise"),
  SAD("sad");

  private static final Map<String, Emotion> ALIASES = Map.ofEntries(
      Map.entry("angry", ANGRY), Map.entry("anger", ANGRY), Map.entry("ang", ANGRY),
      Map.entry("disgust", DISGUST), Map.entry("disgusted", DISGUST), Map.entry("dis", DISGUST),
      Map.entry("fear", FEAR), Map.entry("fearful", FEAR), Map.entry("fea", FEAR),
      Map.entry("happy", HAPPY), Map.entry("happiness", HAPPY), Map.entry("hap", HAPPY),
      Map.entry("neutral", NEUTRAL), Map.entry("neu", NEUTRAL),
      Map.entry("ps", PLEASANT_SURPRISE), Map.entry("pleasant_surprise", PLEASANT_SURPRISE),
      Map.entry("pleasant_surprised", PLEASANT_SURPRISE), Map.entry("pleasant surprise", PLEASANT_SURPRISE),
      Map.entry("pleasant-surprise", PLEASANT_SURPRISE), Map.entry("surprise", PLEASANT_SURPRISE),
      Map.entry("surprised", PLEASANT_SURPRISE),
      Map.entry("sad", SAD), Map.entry("sadness", SAD));

  private final String label;

  Emotion(String label) {
    this.label = label;
  }

  /** The canonical lower-case label, e.g. {@code "pleasant_surprise"}. */
  public String label() {
    return label;
  }

  /** The emotion a spelling names, or empty if it names none of the seven (e.g. calm, boredom). */
  public static Optional<Emotion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(ALIASES.get(text.trim().toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return label;
  }
}
