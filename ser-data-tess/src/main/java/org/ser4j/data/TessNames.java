package org.ser4j.data;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TESS file and folder names: {@code OAF_back_angry.wav} in {@code OAF_angry/}, with the public copy's quirks. */
final class TessNames {

  static final Set<String> SPEAKERS = Set.of("OAF", "YAF");

  private static final String EMOTIONS =
      "(ps|pleasant_surprised|pleasant_surprise|angry|disgust|fear|happy|neutral|sad)";
  private static final Pattern FILE = Pattern.compile("([a-z]+)_(.+)_" + EMOTIONS);
  private static final Pattern FOLDER = Pattern.compile("([a-z]+)_" + EMOTIONS);

  private TessNames() {}

  static CorpusFormat.Parsed parse(String stem, String folder) {
    String name = stem.toLowerCase(Locale.ROOT);
    Matcher f = FILE.matcher(name);
    Matcher d = folder == null ? null : FOLDER.matcher(folder.toLowerCase(Locale.ROOT));
    boolean folderOk = d != null && d.matches() && SPEAKERS.contains(d.group(1).toUpperCase(Locale.ROOT));
    String folderSpeaker = folderOk ? d.group(1).toUpperCase(Locale.ROOT) : null;
    String folderEmotion = folderOk ? canonical(d.group(2)) : null;

    if (f.matches()) {
      String speaker = f.group(1).toUpperCase(Locale.ROOT);
      String word = f.group(2);
      String emotion = canonical(f.group(3));
      if (SPEAKERS.contains(speaker)) {
        CorpusFormat.Parsed p = CorpusFormat.Parsed.of(speaker, word, emotion, speaker + "/" + word + "/" + emotion);
        if (folderOk && (!folderSpeaker.equals(speaker) || !folderEmotion.equals(emotion))) {
          return p.withRepair("file name says " + speaker + "/" + emotion + " but its folder " + folder
              + " says " + folderSpeaker + "/" + folderEmotion + "; labelled from the file name");
        }
        return p;
      }
      if (folderOk) {
        return CorpusFormat.Parsed.of(folderSpeaker, word, folderEmotion,
                folderSpeaker + "/" + word + "/" + folderEmotion)
            .withRepair("malformed name (speaker '" + f.group(1) + "' is not OAF or YAF); speaker and emotion"
                + " taken from the folder " + folder);
      }
    }
    if (folderOk) {
      String word = name.contains("_") ? name.split("_")[1] : name;
      return CorpusFormat.Parsed.of(folderSpeaker, word, folderEmotion, folderSpeaker + "/" + word + "/" + folderEmotion)
          .withRepair("malformed name (not SPEAKER_word_emotion); speaker, emotion taken from the folder "
              + folder + ", word '" + word + "' from the name");
    }
    return CorpusFormat.Parsed.failure(
        "not a TESS name (SPEAKER_word_emotion, e.g. OAF_back_angry) and no SPEAKER_emotion folder to label it");
  }

  private static String canonical(String emotion) {
    return Emotion.parse(emotion).orElseThrow().label();
  }
}
