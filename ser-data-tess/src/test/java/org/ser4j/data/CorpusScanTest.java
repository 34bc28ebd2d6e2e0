package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

class CorpusScanTest {

  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[] {0});
  }

  @Test
  void tessFolderPerSpeakerAndEmotionWithEveryPleasantSurpriseSpelling() throws IOException {
    touch("OAF_angry/OAF_back_angry.wav");
    touch("OAF_Pleasant_surprise/OAF_back_ps.wav");
    touch("YAF_pleasant_surprised/YAF_back_pleasant_surprised.wav");
    touch("YAF_pleasant_surprised/YAF_bite_Pleasant_Surprise.WAV");
    touch("YAF_sad/yaf_back_sad.wav");

    Corpus corpus = Corpus.scan(dir);

    assertThat(corpus.problems()).isEmpty();
    // sorted by path (case-sensitive: OAF_Pleasant... before OAF_angry)
    assertThat(corpus.utterances()).extracting(Utterance::speaker, Utterance::word, Utterance::label)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("OAF", "back", "pleasant_surprise"),
            org.assertj.core.groups.Tuple.tuple("OAF", "back", "angry"),
            org.assertj.core.groups.Tuple.tuple("YAF", "back", "pleasant_surprise"),
            org.assertj.core.groups.Tuple.tuple("YAF", "bite", "pleasant_surprise"),
            org.assertj.core.groups.Tuple.tuple("YAF", "back", "sad"));
    assertThat(corpus.utterances().get(1).emotion()).contains(Emotion.ANGRY);
    assertThat(corpus.labels()).containsExactly("angry", "pleasant_surprise", "sad");
  }

  @Test
  void flatLayoutIsLabelledFromNames() throws IOException {
    touch("OAF_back_angry.wav");
    touch("YAF_dog_fear.wav");
    Corpus corpus = Corpus.scan(dir);
    assertThat(corpus.utterances()).extracting(Utterance::label).containsExactly("angry", "fear");
    assertThat(corpus.problems()).isEmpty();
  }

  @Test
  void doublyNestedDownloadKeepsOneCopyAndReportsTheOther() throws IOException {
    touch("TESS Toronto emotional speech set data/OAF_angry/OAF_back_angry.wav");
    touch("TESS Toronto emotional speech set data/TESS Toronto emotional speech set data/OAF_angry/OAF_back_angry.wav");

    Corpus corpus = Corpus.scan(dir);

    assertThat(corpus.utterances()).hasSize(1);
    assertThat(corpus.problems()).singleElement().satisfies(p -> {
      assertThat(p.used()).isFalse();
      assertThat(p.reason()).contains("the same recording (OAF/back/angry)");
    });
  }

  @Test
  void malformedNameIsLabelledFromItsFolderAndReported() throws IOException {
    Path odd = touch("OAF_neutral/OA_bite_neutral.wav");
    Path nonsense = touch("OAF_neutral/recording.wav");

    Corpus corpus = Corpus.scan(dir);

    assertThat(corpus.utterances()).extracting(Utterance::speaker, Utterance::word, Utterance::label)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("OAF", "bite", "neutral"),
            org.assertj.core.groups.Tuple.tuple("OAF", "recording", "neutral"));
    assertThat(corpus.problems()).extracting(Problem::file).containsExactly(odd, nonsense);
    assertThat(corpus.problems()).allSatisfy(p -> {
      assertThat(p.used()).isTrue();
      assertThat(p.reason()).contains("malformed name").contains("from the folder OAF_neutral");
    });
  }

  @Test
  void nameWinsOverADisagreeingFolderAndTheDisagreementIsReported() throws IOException {
    touch("OAF_sad/OAF_back_angry.wav");
    Corpus corpus = Corpus.scan(dir);
    assertThat(corpus.utterances()).singleElement().extracting(Utterance::label).isEqualTo("angry");
    assertThat(corpus.problems()).singleElement().extracting(Problem::reason).asString()
        .contains("file name says OAF/angry but its folder OAF_sad says OAF/sad");
  }

  @Test
  void unlabellableAndNonAudioFilesAreReportedNotDropped() throws IOException {
    Path readme = touch("README.md");
    Path stray = touch("misc/whatever.wav");
    touch(".DS_Store");

    Corpus corpus = Corpus.scan(dir);

    assertThat(corpus.utterances()).isEmpty();
    assertThat(corpus.problems()).extracting(Problem::file).containsExactlyInAnyOrder(readme, stray);
    assertThat(corpus.problems()).allSatisfy(p -> assertThat(p.used()).isFalse());
  }

  @Test
  void missingFolderIsAnError() {
    assertThatThrownBy(() -> Corpus.scan(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void ravdessCalmIsLeftOutWithAReasonOrKeptWithTheNativeLabelSet() throws IOException {
    touch("Actor_01/03-01-01-01-01-01-01.wav"); // neutral
    Path calm = touch("Actor_01/03-01-02-01-01-01-01.wav"); // calm
    touch("Actor_12/03-01-08-02-02-01-12.wav"); // surprised
    touch("Actor_12/03-01-05-01-02-02-12.wav"); // angry

    Corpus tess = Corpus.scan(dir, CorpusFormat.RAVDESS, LabelSet.TESS);
    assertThat(tess.utterances()).extracting(Utterance::label)
        .containsExactly("neutral", "angry", "pleasant_surprise");
    assertThat(tess.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(calm);
      assertThat(p.reason()).contains("'calm' has no TESS counterpart");
    });
    assertThat(tess.utterances().get(1).speaker()).isEqualTo("Actor_12");
    assertThat(tess.utterances().get(1).word()).isEqualTo("statement02");

    Corpus nativeLabels = Corpus.scan(dir, CorpusFormat.RAVDESS, LabelSet.NATIVE);
    assertThat(nativeLabels.problems()).isEmpty();
    assertThat(nativeLabels.labels()).containsExactly("angry", "neutral", "calm", "surprised");
    assertThat(nativeLabels.utterances().get(1).emotion()).isEmpty();
  }

  @Test
  void cremaDNamesGiveActorSentenceAndEmotion() throws IOException {
    touch("AudioWAV/1001_DFA_ANG_XX.wav");
    touch("AudioWAV/1091_WSI_SAD_HI.wav");
    touch("AudioWAV/1040_ITH_SAD_X.wav"); // the release's one file with a one-letter level
    Path bad = touch("AudioWAV/1001_DFA_XYZ_XX.wav");
    Corpus corpus = Corpus.scan(dir, CorpusFormat.CREMA_D, LabelSet.TESS);
    assertThat(corpus.utterances()).extracting(Utterance::speaker, Utterance::word, Utterance::label)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1001", "DFA", "angry"),
            org.assertj.core.groups.Tuple.tuple("1040", "ITH", "sad"),
            org.assertj.core.groups.Tuple.tuple("1091", "WSI", "sad"));
    assertThat(corpus.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(bad);
      assertThat(p.reason()).contains("unknown CREMA-D emotion code XYZ");
    });
  }

  @Test
  void saveeFlatAndPerSpeakerFoldersBothWork() throws IOException {
    touch("ALL/DC_a01.wav");
    touch("ALL/JK_su15.wav");
    touch("AudioData/KL/sa03.wav");
    Corpus corpus = Corpus.scan(dir, CorpusFormat.SAVEE, LabelSet.TESS);
    assertThat(corpus.problems()).isEmpty();
    // sorted by path: ALL/... before AudioData/...
    assertThat(corpus.utterances()).extracting(Utterance::speaker, Utterance::label).containsExactly(
        org.assertj.core.groups.Tuple.tuple("DC", "angry"),
        org.assertj.core.groups.Tuple.tuple("JK", "pleasant_surprise"),
        org.assertj.core.groups.Tuple.tuple("KL", "sad"));
  }

  @Test
  void emoDbBoredomHasNoTessCounterpart() throws IOException {
    touch("wav/03a01Fa.wav");
    touch("wav/08b02Wb.wav");
    touch("wav/16a07La.wav");
    Corpus corpus = Corpus.scan(dir, CorpusFormat.EMODB, LabelSet.TESS);
    assertThat(corpus.utterances()).extracting(Utterance::speaker, Utterance::word, Utterance::label)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("03", "a01", "happy"),
            org.assertj.core.groups.Tuple.tuple("08", "b02", "angry"));
    assertThat(corpus.problems()).singleElement().extracting(Problem::reason).asString().contains("boredom");
    assertThat(Corpus.scan(dir, CorpusFormat.EMODB, LabelSet.NATIVE).labels())
        .containsExactly("anger", "boredom", "happiness");
  }

  @Test
  void corpusFormatsAreFoundByTheirCommandLineNames() {
    assertThat(CorpusFormat.byId("crema-d")).contains(CorpusFormat.CREMA_D);
    assertThat(CorpusFormat.byId("CREMA_D")).contains(CorpusFormat.CREMA_D);
    assertThat(CorpusFormat.byId("EmoDB")).contains(CorpusFormat.EMODB);
    assertThat(CorpusFormat.byId("timit")).isEmpty();
  }

  @Test
  void aUserFormatScansLikeABuiltInOneAndIsFoundByNameWhenRegistered() throws IOException {
    touch("x/s1-angry-apple.wav");
    touch("x/s2-sad-pear.wav");
    Path bad = touch("x/whatever.wav");
    CorpusFormat mine = CorpusFormat.byId("dash-separated").orElseThrow(); // META-INF/services in test resources
    assertThat(mine).isInstanceOf(DashSeparatedFormat.class);
    assertThat(CorpusFormat.available()).extracting(CorpusFormat::id)
        .containsExactly("tess", "ravdess", "crema-d", "savee", "emodb", "dash-separated");
    Corpus corpus = Corpus.scan(dir, mine, LabelSet.TESS);
    assertThat(corpus.utterances()).extracting(Utterance::corpus, Utterance::speaker, Utterance::word,
        Utterance::label).containsExactly(org.assertj.core.groups.Tuple.tuple("dash-separated", "s1", "apple", "angry"),
            org.assertj.core.groups.Tuple.tuple("dash-separated", "s2", "pear", "sad"));
    assertThat(corpus.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(bad);
      assertThat(p.reason()).contains("SPEAKER-EMOTION-WORD");
    });
  }

  @Test
  void tessSampleScansToSixtyUtterancesPerSpeakerAndEmotion() throws IOException {
    Path tess = SharedData.requireTessSample();

    Corpus corpus = Corpus.scan(tess);

    assertThat(corpus.utterances()).hasSize(840);
    Map<String, Map<String, Integer>> counts = corpus.counts();
    assertThat(counts).containsOnlyKeys("OAF", "YAF");
    for (Map<String, Integer> row : counts.values()) {
      assertThat(row).hasSize(7).allSatisfy((label, n) -> assertThat(n).as(label).isEqualTo(60));
    }
    assertThat(corpus.labels()).containsExactly("angry", "disgust", "fear", "happy", "neutral",
        "pleasant_surprise", "sad");
    // the public copy's quirks: one malformed name (repaired from its folder), one README (not audio)
    assertThat(corpus.problems()).anySatisfy(p -> {
      assertThat(p.file().getFileName()).hasToString("OA_bite_neutral.wav");
      assertThat(p.used()).isTrue();
    });
    assertThat(corpus.problems()).anySatisfy(p -> assertThat(p.file().getFileName()).hasToString("README.md"));
    assertThat(corpus.utterances().stream().map(Utterance::word).distinct().count()).isEqualTo(60);
  }

  @Test
  void symlinkLoopsAndDanglingLinksAreReportedNotLeftOutSilently() throws IOException {
    touch("OAF_angry/OAF_back_angry.wav");
    Files.createSymbolicLink(dir.resolve("OAF_angry/loop"), dir);
    Files.createSymbolicLink(dir.resolve("OAF_angry/OAF_gone_angry.wav"), dir.resolve("nowhere.wav"));

    Corpus c = Corpus.scan(dir);

    assertThat(c.utterances()).hasSize(1);
    assertThat(c.problems()).anySatisfy(p -> {
      assertThat(p.file().getFileName().toString()).isEqualTo("loop");
      assertThat(p.reason()).contains("symbolic link loop");
    });
    assertThat(c.problems()).anySatisfy(p -> {
      assertThat(p.file().getFileName().toString()).isEqualTo("OAF_gone_angry.wav");
      assertThat(p.reason()).contains("dangling symbolic link");
    });
  }
}
