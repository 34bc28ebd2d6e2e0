package org.ser4j.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-naming conventions of the well-known emotional speech corpora, and how each maps to {@link Emotion}.
 *
 * <ul>
 *   <li>{@link #TESS}: {@code <SPEAKER>_<word>_<emotion>.wav} (speakers OAF, YAF; {@code ps} for pleasant
 *       surprise), usually in {@code <SPEAKER>_<emotion>/} folders; the folder labels a file whose name is
 *       malformed.</li>
 *   <li>{@link #RAVDESS}: {@code 03-01-05-01-02-01-12.wav} = modality, vocal channel, emotion (01 neutral, 02
 *       calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised), intensity, statement,
 *       repetition, actor.</li>
 *   <li>{@link #CREMA_D}: {@code 1001_DFA_ANG_XX.wav} = actor, sentence, emotion (ANG, DIS, FEA, HAP, NEU,
 *       SAD), level.</li>
 *   <li>{@link #SAVEE}: {@code DC_a01.wav} or {@code DC/a01.wav} = speaker (DC, JE, JK, KL), emotion prefix (a,
 *       d, f, h, n, sa, su), sentence number.</li>
 *   <li>{@link #EMODB}: {@code 03a01Fa.wav} = speaker, text id, emotion letter (W anger, L boredom, E disgust,
 *       A fear, F happiness, T sadness, N neutral), version.</li>
 * </ul>
 * Surprise (RAVDESS, SAVEE) maps to {@link Emotion#PLEASANT_SURPRISE}; calm and boredom have no TESS
 * counterpart.
 */
public enum CorpusFormat {
  TESS("tess") {
    @Override
    Parsed parse(Path file, String stem, String folder) {
      return TessNames.parse(stem, folder);
    }
  },
  RAVDESS("ravdess") {
    private final Pattern name = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})");
    private final Map<String, String> labels = Map.of("01", "neutral", "02", "calm", "03", "happy", "04", "sad",
        "05", "angry", "06", "fearful", "07", "disgust", "08", "surprised");

    @Override
    Parsed parse(Path file, String stem, String folder) {
      Matcher m = name.matcher(stem);
      if (!m.matches()) {
        return Parsed.failure("not a RAVDESS name (MM-VV-EE-II-SS-RR-AA, e.g. 03-01-05-01-02-01-12)");
      }
      String label = labels.get(m.group(3));
      if (label == null) {
        return Parsed.failure("unknown RAVDESS emotion code " + m.group(3));
      }
      return Parsed.of("Actor_" + m.group(7), "statement" + m.group(5), label, stem);
    }
  },
  CREMA_D("crema-d") {
    private final Pattern name = Pattern.compile("(\\d{4})_([A-Za-z]{3})_([A-Za-z]{3})_([A-Za-z]{2})");
    private final Map<String, String> labels = Map.of("ANG", "anger", "DIS", "disgust", "FEA", "fear",
        "HAP", "happy", "NEU", "neutral", "SAD", "sad");

    @Override
    Parsed parse(Path file, String stem, String folder) {
      Matcher m = name.matcher(stem);
      if (!m.matches()) {
        return Parsed.failure("not a CREMA-D name (ACTOR_SENTENCE_EMOTION_LEVEL, e.g. 1001_DFA_ANG_XX)");
      }
      String label = labels.get(m.group(3).toUpperCase(Locale.ROOT));
      if (label == null) {
        return Parsed.failure("unknown CREMA-D emotion code " + m.group(3));
      }
      return Parsed.of(m.group(1), m.group(2).toUpperCase(Locale.ROOT), label, stem.toUpperCase(Locale.ROOT));
    }
  },
  SAVEE("savee") {
    private final Pattern flat = Pattern.compile("([A-Za-z]{2})_(sa|su|a|d|f|h|n)(\\d{2})", Pattern.CASE_INSENSITIVE);
    private final Pattern nested = Pattern.compile("(sa|su|a|d|f|h|n)(\\d{2})", Pattern.CASE_INSENSITIVE);
    private final Set<String> speakers = Set.of("DC", "JE", "JK", "KL");
    private final Map<String, String> labels = Map.of("a", "anger", "d", "disgust", "f", "fear",
        "h", "happiness", "n", "neutral", "sa", "sadness", "su", "surprise");

    @Override
    Parsed parse(Path file, String stem, String folder) {
      Matcher m = flat.matcher(stem);
      String speaker;
      String code;
      String number;
      if (m.matches()) {
        speaker = m.group(1).toUpperCase(Locale.ROOT);
        code = m.group(2).toLowerCase(Locale.ROOT);
        number = m.group(3);
      } else {
        Matcher n = nested.matcher(stem);
        if (!n.matches() || folder == null || !speakers.contains(folder.toUpperCase(Locale.ROOT))) {
          return Parsed.failure("not a SAVEE name (SPEAKER_xNN such as DC_a01, or SPEAKER/xNN such as DC/a01)");
        }
        speaker = folder.toUpperCase(Locale.ROOT);
        code = n.group(1).toLowerCase(Locale.ROOT);
        number = n.group(2);
      }
      return Parsed.of(speaker, code + number, labels.get(code), speaker + "_" + code + number);
    }
  },
  EMODB("emodb") {
    private final Pattern name = Pattern.compile("(\\d{2})([a-b]\\d{2})([WLEAFTN])([a-z])");
    private final Map<String, String> labels = Map.of("W", "anger", "L", "boredom", "E", "disgust", "A", "fear",
        "F", "happiness", "T", "sadness", "N", "neutral");

    @Override
    Parsed parse(Path file, String stem, String folder) {
      Matcher m = name.matcher(stem);
      if (!m.matches()) {
        return Parsed.failure("not an EmoDB name (SSTTTEV such as 03a01Fa)");
      }
      return Parsed.of(m.group(1), m.group(2), labels.get(m.group(3)), stem);
    }
  };

  private final String id;

  CorpusFormat(String id) {
    this.id = id;
  }

  /** The short name used on the command line and in manifests: tess, ravdess, crema-d, savee, emodb. */
  public String id() {
    return id;
  }

  /** The format with this {@link #id()} (case-insensitive; {@code crema_d} and {@code cremad} accepted too). */
  public static Optional<CorpusFormat> byId(String id) {
    String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    if (norm.equals("cremad")) {
      norm = "crema-d";
    }
    for (CorpusFormat f : values()) {
      if (f.id.equals(norm)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the labels from one file's name (without extension) and its parent folder's name (null at the
   * root).
   */
  abstract Parsed parse(Path file, String stem, String folder);

  /** What a name says: speaker, word, the corpus's own label, a key that identifies the recording; or why not. */
  record Parsed(String speaker, String word, String nativeLabel, String identity, String failure,
      String repair) {

    static Parsed of(String speaker, String word, String nativeLabel, String identity) {
      return new Parsed(speaker, word, nativeLabel, identity, null, null);
    }

    static Parsed failure(String why) {
      return new Parsed(null, null, null, null, why, null);
    }

    Parsed withRepair(String note) {
      return new Parsed(speaker, word, nativeLabel, identity, failure, note);
    }

    boolean ok() {
      return failure == null;
    }
  }
}
