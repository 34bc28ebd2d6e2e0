package org.ser4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * How a corpus names its recordings: from a file's name and its folder's name to speaker, word (or sentence),
 * the corpus's own emotion label and an identity; {@link LabelSet} then maps native labels to {@link Emotion}.
 *
 * <p>A user adds a layout by implementing this interface (an {@link #id()} and {@link #parse}), and passes it
 * to {@link Corpus#scan(Path, CorpusFormat, LabelSet)}; registered as a {@link ServiceLoader} service
 * ({@code META-INF/services/org.ser4j.data.CorpusFormat}) it is also found by {@link #byId} and so selected by
 * name on the command line ({@code ser corpus DIR --corpus NAME}). The built-in conventions:
 *
 * <ul>
 *   <li>{@link #TESS}: {@code <SPEAKER>_<word>_<emotion>.wav} (speakers OAF, YAF; {@code ps} for pleasant
 *       surprise), usually in {@code <SPEAKER>_<emotion>/} folders; the folder labels a file whose name is
 *       malformed.</li>
 *   <li>{@link #RAVDESS}: {@code 03-01-05-01-02-01-12.wav} = modality, vocal channel, emotion (01 neutral, 02
 *       calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised), intensity, statement,
 *       repetition, actor.</li>
 *   <li>{@link #CREMA_D}: {@code 1001_DFA_ANG_XX.wav} = actor, sentence, emotion (ANG, DIS, FEA, HAP, NEU,
 *       SAD), level (LO, MD, HI, XX; the release's one file with level {@code X} is read too).</li>
 *   <li>{@link #SAVEE}: {@code DC_a01.wav} or {@code DC/a01.wav} = speaker (DC, JE, JK, KL), emotion prefix (a,
 *       d, f, h, n, sa, su), sentence number.</li>
 *   <li>{@link #EMODB}: {@code 03a01Fa.wav} = speaker, text id, emotion letter (W anger, L boredom, E disgust,
 *       A fear, F happiness, T sadness, N neutral), version.</li>
 * </ul>
 * Surprise (RAVDESS, SAVEE) maps to {@link Emotion#PLEASANT_SURPRISE}; calm and boredom have no TESS
 * counterpart.
 */
public interface CorpusFormat {
  /** TESS: {@code OAF_back_angry.wav} in {@code OAF_angry/}. */
  CorpusFormat TESS = BuiltInFormat.TESS;
  /** RAVDESS: {@code 03-01-05-01-02-01-12.wav}. */
  CorpusFormat RAVDESS = BuiltInFormat.RAVDESS;
  /** CREMA-D: {@code 1001_DFA_ANG_XX.wav}. */
  CorpusFormat CREMA_D = BuiltInFormat.CREMA_D;
  /** SAVEE: {@code DC_a01.wav} or {@code DC/a01.wav}. */
  CorpusFormat SAVEE = BuiltInFormat.SAVEE;
  /** Berlin EmoDB: {@code 03a01Fa.wav}. */
  CorpusFormat EMODB = BuiltInFormat.EMODB;

  /**
   * The short name used on the command line, in manifests and in bundles ({@code tess}, {@code ravdess},
   * {@code crema-d}, {@code savee}, {@code emodb} for the built-ins): lower case, no spaces.
   */
  String id();

  /**
   * Reads the labels from one file's name.
   *
   * @param file the file's path
   * @param stem the file name without its extension
   * @param folder the parent folder's name, or null for a file at the corpus root
   * @return what the name says, or {@link Parsed#failure why it cannot be read}
   */
  Parsed parse(Path file, String stem, String folder);

  /** The built-in formats followed by those registered with {@link ServiceLoader}, in that order. */
  static List<CorpusFormat> available() {
    List<CorpusFormat> all = new ArrayList<>(List.of(BuiltInFormat.values()));
    for (CorpusFormat f : ServiceLoader.load(CorpusFormat.class)) {
      all.add(f);
    }
    return List.copyOf(all);
  }

  /**
   * The format with this {@link #id()} among {@link #available()} ones (case-insensitive; {@code crema_d} and
   * {@code cremad} name CREMA-D too).
   */
  static Optional<CorpusFormat> byId(String id) {
    String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    if (norm.equals("cremad")) {
      norm = "crema-d";
    }
    for (CorpusFormat f : available()) {
      if (f.id().toLowerCase(Locale.ROOT).equals(norm)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * What a file name says: speaker, word (or sentence), the corpus's own label, a key that identifies the
   * recording across copies; or, instead, why the name cannot be read.
   *
   * @param speaker the speaker's id
   * @param word the word or sentence id
   * @param nativeLabel the corpus's own emotion label (mapped to {@link Emotion} by a {@link LabelSet})
   * @param identity a key equal for copies of one recording (duplicates are reported and left out)
   * @param failure why the name cannot be read, or null
   * @param repair a note on what was inferred (e.g. a label taken from the folder), or null
   */
  record Parsed(String speaker, String word, String nativeLabel, String identity, String failure,
      String repair) {

    /** A name that was read. */
    public static Parsed of(String speaker, String word, String nativeLabel, String identity) {
      return new Parsed(speaker, word, nativeLabel, identity, null, null);
    }

    /** A name that cannot be read, and why (shown to the user with the file's path). */
    public static Parsed failure(String why) {
      return new Parsed(null, null, null, null, why, null);
    }

    /** This result with a note on what had to be inferred. */
    public Parsed withRepair(String note) {
      return new Parsed(speaker, word, nativeLabel, identity, failure, note);
    }

    /** Whether the name was read. */
    public boolean ok() {
      return failure == null;
    }
  }
}
