package org.ser4j.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The naming conventions ser4j knows out of the box (see {@link CorpusFormat} for each one's rules). */
enum BuiltInFormat implements CorpusFormat {
  TESS("tess") {
    @Override
    public Parsed parse(Path file, String stem, String folder) {
      return TessNames.parse(stem, folder);
    }
  },
  RAVDESS("ravdess") {
    private final Pattern name = Pattern.compile("(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})-(\\d{2})");
    private final Map<String, String> labels = Map.of("01", "neutral", "02", "calm", "03", "happy", "04", "sad",
        "05", "angry", "06", "fearful", "07", "disgust", "08", "surprised");

    @Override
    public Parsed parse(Path file, String stem, String folder) {
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
    private final Pattern name = Pattern.compile("(\\d{4})_([A-Za-z]{3})_([A-Za-z]{3})_([A-Za-z]{1,2})");
    private final Map<String, String> labels = Map.of("ANG", "anger", "DIS", "disgust", "FEA", "fear",
        "HAP", "happy", "NEU", "neutral", "SAD", "sad");

    @Override
    public Parsed parse(Path file, String stem, String folder) {
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
    public Parsed parse(Path file, String stem, String folder) {
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
    public Parsed parse(Path file, String stem, String folder) {
      Matcher m = name.matcher(stem);
      if (!m.matches()) {
        return Parsed.failure("not an EmoDB name (SSTTTEV such as 03a01Fa)");
      }
      return Parsed.of(m.group(1), m.group(2), labels.get(m.group(3)), stem);
    }
  };

  private final String id;

  BuiltInFormat(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
