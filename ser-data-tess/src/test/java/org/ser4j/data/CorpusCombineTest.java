package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;

/** Several corpora as one: the label space, counts, namespaced speakers, splits across corpora. */
class CorpusCombineTest {

  static final String[] CREMA_EMOTIONS = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};
  static final String[] CREMA_ACTORS = {"1001", "1002", "1003", "1004"};
  static final String[] CREMA_SENTENCES = {"DFA", "IEO"};

  @TempDir static Path dir;
  static Corpus tess;
  static Corpus crema;

  @BeforeAll
  static void corpora() throws IOException {
    SyntheticTess.write(dir.resolve("tess"), 3, 5); // 2 speakers x 7 emotions x 3 words
    Path c = Files.createDirectories(dir.resolve("crema-d"));
    float[] tone = new float[1600];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
    }
    for (String actor : CREMA_ACTORS) {
      for (String sentence : CREMA_SENTENCES) {
        for (String emotion : CREMA_EMOTIONS) {
          WavWriter.write(AudioClip.ofMono(16000, tone), c.resolve(actor + "_" + sentence + "_" + emotion + "_XX.wav"),
              WavWriter.Encoding.PCM16);
        }
      }
    }
    tess = Corpus.scan(dir.resolve("tess"));
    crema = Corpus.scan(c, CorpusFormat.CREMA_D, LabelSet.TESS);
  }

  @Test
  void combiningKeepsTheSixSharedEmotionsAndCountsEveryCorpusClip() {
    Corpus both = Corpus.combine(List.of(crema, tess));

    assertThat(both.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral", "sad");
    Map<String, Long> perCorpus = both.utterances().stream()
        .collect(Collectors.groupingBy(Utterance::corpus, TreeMap::new, Collectors.counting()));
    // CREMA-D: 4 actors x 2 sentences x 6 emotions; TESS: 2 speakers x 6 of its 7 emotions x 3 words
    assertThat(perCorpus).containsExactly(Map.entry("crema-d", 48L), Map.entry("tess", 36L));
    // TESS's pleasant surprise is outside the label space: each of its 2 x 3 clips is reported, none dropped silently
    // (the parts' own problems, TESS's README.txt here, are kept beside them)
    assertThat(both.problems()).containsAll(tess.problems());
    assertThat(both.problems().stream().filter(p -> !tess.problems().contains(p))).hasSize(6)
        .allSatisfy(p -> assertThat(p.reason()).contains("'pleasant_surprise' is outside the label space"));
    assertThat(both.parts()).containsExactly(crema, tess);
    assertThat(both.format().id()).isEqualTo("crema-d+tess");
  }

  @Test
  void surpriseIsKeptOnlyWhenAskedFor() {
    Corpus both = Corpus.combine(List.of(crema, tess), List.of("angry", "disgust", "fear", "happy", "neutral",
        "sad", "surprise"));
    assertThat(both.labels()).contains("pleasant_surprise").hasSize(7);
    assertThat(both.utterances()).hasSize(48 + 42);
    assertThat(both.problems()).isEqualTo(tess.problems());
  }

  @Test
  void speakersAreNamespacedByCorpusSoSplitsBySpeakerGroupAcrossCorpora() throws IOException {
    // a second corpus whose speakers have the same names as TESS's
    CorpusFormat other = new CorpusFormat() {
      @Override
      public String id() {
        return "other";
      }

      @Override
      public Parsed parse(Path file, String stem, String folder) {
        return CorpusFormat.TESS.parse(file, stem, folder);
      }
    };
    SyntheticTess.write(dir.resolve("other"), 2, 9);
    Corpus twin = Corpus.scan(dir.resolve("other"), other, LabelSet.TESS);
    Corpus all = Corpus.combine(List.of(crema, tess, twin));

    assertThat(all.speakers()).containsExactly("crema-d:1001", "crema-d:1002", "crema-d:1003", "crema-d:1004",
        "other:OAF", "other:YAF", "tess:OAF", "tess:YAF");
    for (long seed = 1; seed <= 5; seed++) {
      Split split = Splits.bySpeaker(all.utterances(), 0.3, seed);
      Set<String> train = new HashSet<>(split.train().stream().map(Utterance::speaker).toList());
      assertThat(split.test()).isNotEmpty().noneMatch(u -> train.contains(u.speaker()));
      for (Split fold : Splits.kFold(Splits.Strategy.SPEAKER, all.utterances(), 4, seed)) {
        Set<String> t = new HashSet<>(fold.train().stream().map(Utterance::speaker).toList());
        assertThat(fold.test()).noneMatch(u -> t.contains(u.speaker()));
      }
    }
    // the corpus stays on every clip
    assertThat(all.utterances()).allMatch(u -> u.speaker().startsWith(u.corpus() + ":"));
  }

  @Test
  void badCombinationsAreClearErrors() {
    assertThatThrownBy(() -> Corpus.combine(List.of(tess, tess)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two corpora named 'tess'");
    assertThatThrownBy(() -> Corpus.combine(List.of(tess), List.of("angry", "calm")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 'calm' is not one of");
    assertThatThrownBy(() -> Corpus.combine(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one corpus");
    assertThatThrownBy(() -> Corpus.combine(List.of(tess), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label space is empty");
  }
}
