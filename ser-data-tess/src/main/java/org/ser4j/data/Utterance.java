package org.ser4j.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled recording: where it is, which corpus, who speaks, what is said, and with which emotion.
 *
 * <p>{@link #label()} is the class the utterance is trained and scored as: the {@link Emotion} label when the
 * corpus's label maps to one of the seven TESS classes, or the corpus's own label when the scan was asked to
 * keep the corpus's label set ({@link #emotion()} is then empty for labels with no TESS counterpart, such as
 * RAVDESS's calm or EmoDB's boredom). Immutable.
 */
public final class Utterance {

  private final Path path;
  private final String corpus;
  private final String speaker;
  private final String word;
  private final String label;
  private final Emotion emotion;

  /**
   * @param path the audio file
   * @param corpus the corpus name, e.g. {@code "tess"}
   * @param speaker the speaker id, e.g. {@code "OAF"}
   * @param word the spoken word, or the sentence id for sentence corpora
   * @param emotion the TESS class
   */
  public static Utterance of(Path path, String corpus, String speaker, String word, Emotion emotion) {
    Objects.requireNonNull(emotion, "emotion");
    return new Utterance(path, corpus, speaker, word, emotion.label(), emotion);
  }

  /** An utterance labelled with the corpus's own label; {@code emotion} may be null when it has no TESS counterpart. */
  public static Utterance withNativeLabel(Path path, String corpus, String speaker, String word, String label,
      Emotion emotion) {
    return new Utterance(path, corpus, speaker, word, label, emotion);
  }

  private Utterance(Path path, String corpus, String speaker, String word, String label, Emotion emotion) {
    this.path = Objects.requireNonNull(path, "path");
    this.corpus = Objects.requireNonNull(corpus, "corpus");
    this.speaker = Objects.requireNonNull(speaker, "speaker");
    this.word = Objects.requireNonNull(word, "word");
    this.label = Objects.requireNonNull(label, "label");
    this.emotion = emotion;
  }

  /** {@return the audio file} */
  public Path path() {
    return path;
  }

  /** {@return the corpus format's id ({@code tess}, {@code crema-d}, ...)} */
  public String corpus() {
    return corpus;
  }

  /** {@return the speaker (actor) id as the corpus names it} */
  public String speaker() {
    return speaker;
  }

  /** The spoken word (TESS) or sentence id (RAVDESS statement, CREMA-D sentence, SAVEE/EmoDB text id). */
  public String word() {
    return word;
  }

  /** The class label used for training and scoring. */
  public String label() {
    return label;
  }

  /** The TESS emotion, if the label has one. */
  public Optional<Emotion> emotion() {
    return Optional.ofNullable(emotion);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Utterance u && path.equals(u.path) && corpus.equals(u.corpus)
        && speaker.equals(u.speaker) && word.equals(u.word) && label.equals(u.label)
        && Objects.equals(emotion, u.emotion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, corpus, speaker, word, label, emotion);
  }

  @Override
  public String toString() {
    return corpus + ":" + speaker + "/" + word + "/" + label + " (" + path + ")";
  }
}
