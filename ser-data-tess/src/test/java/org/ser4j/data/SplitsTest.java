package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {

  @TempDir Path dir;

  /** 2 speakers x 7 emotions x 20 words, like a small TESS. */
  private List<Utterance> tessLike() {
    List<Utterance> out = new ArrayList<>();
    for (String speaker : new String[] {"OAF", "YAF"}) {
      for (Emotion e : Emotion.values()) {
        for (int w = 0; w < 20; w++) {
          String word = "word" + w;
          out.add(Utterance.of(dir.resolve(speaker + "_" + e.label() + "/" + speaker + "_" + word + "_" + e.label()
              + ".wav"), "tess", speaker, word, e));
        }
      }
    }
    return out;
  }

  @Test
  void stratifiedKeepsEachLabelsShareAndIsReproducible() {
    List<Utterance> all = tessLike();
    Split split = Splits.stratified(all, 0.2, 42);

    assertThat(split.size()).isEqualTo(280);
    Map<String, Long> testPerLabel = split.test().stream()
        .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
    assertThat(testPerLabel).hasSize(7).allSatisfy((label, n) -> assertThat(n).isEqualTo(8L));

    List<Utterance> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(1));
    assertThat(Splits.stratified(shuffled, 0.2, 42)).isEqualTo(split);
    assertThat(Splits.stratified(all, 0.2, 43).test()).isNotEqualTo(split.test());
  }

  @Test
  void speakerHeldOutPutsNoSpeakerOnBothSides() {
    Split split = Splits.bySpeaker(tessLike(), List.of("YAF"));
    assertThat(split.train()).allSatisfy(u -> assertThat(u.speaker()).isEqualTo("OAF"));
    assertThat(split.test()).hasSize(140).allSatisfy(u -> assertThat(u.speaker()).isEqualTo("YAF"));

    Split drawn = Splits.bySpeaker(tessLike(), 0.2, 7);
    Set<String> trainSpeakers = drawn.train().stream().map(Utterance::speaker).collect(Collectors.toSet());
    Set<String> testSpeakers = drawn.test().stream().map(Utterance::speaker).collect(Collectors.toSet());
    assertThat(trainSpeakers).hasSize(1).doesNotContainAnyElementsOf(testSpeakers);
    assertThat(testSpeakers).hasSize(1);
  }

  @Test
  void wordHeldOutPutsNoWordOnBothSides() {
    Split split = Splits.byWord(tessLike(), 0.2, 42);
    Set<String> trainWords = split.train().stream().map(Utterance::word).collect(Collectors.toSet());
    Set<String> testWords = split.test().stream().map(Utterance::word).collect(Collectors.toSet());
    assertThat(testWords).hasSize(4);
    assertThat(trainWords).hasSize(16).doesNotContainAnyElementsOf(testWords);
    assertThat(split.test()).hasSize(4 * 14);
  }

  @Test
  void groupedKFoldTestsEveryUtteranceOnceAndNeverSplitsAGroup() {
    List<Utterance> all = tessLike();
    List<Split> folds = Splits.groupedKFold(all, 5, Utterance::word, 3);

    assertThat(folds).hasSize(5);
    List<Utterance> tested = new ArrayList<>();
    for (Split fold : folds) {
      assertThat(fold.size()).isEqualTo(all.size());
      assertThat(fold.test()).hasSize(56); // 4 words x 14 utterances each
      Set<String> testWords = fold.test().stream().map(Utterance::word).collect(Collectors.toSet());
      assertThat(fold.train()).noneMatch(u -> testWords.contains(u.word()));
      tested.addAll(fold.test());
    }
    assertThat(new HashSet<>(tested)).hasSize(all.size());
    assertThat(tested).hasSize(all.size());
    assertThatThrownBy(() -> Splits.groupedKFold(all, 3, Utterance::speaker, 1))
        .hasMessageContaining("at least k=3 groups, found 2");
  }

  @Test
  void badFractionsAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> Splits.stratified(tessLike(), 1.0, 1)).hasMessageContaining("testFraction");
    assertThatThrownBy(() -> Splits.byWord(tessLike(), 0, 1)).hasMessageContaining("testFraction");
  }

  @Test
  void manifestRoundTripsWithPathsRelativeToItsFolder() throws IOException {
    Split split = Splits.byWord(tessLike(), 0.25, 9);
    Path file = dir.resolve("out/manifest.csv");

    Manifest.write(split, file);
    List<String> lines = Files.readAllLines(file);
    // the header row first (pandas.read_csv and Python's csv take the first line as the header)
    assertThat(lines.get(0)).isEqualTo("path,corpus,speaker,word,label,emotion,part,split");
    assertThat(lines.get(1)).startsWith("../OAF_angry/OAF_word").endsWith(",train," + Csv.quote(split.description()));

    Split back = Manifest.read(file);
    assertThat(back).isEqualTo(split);
  }

  @Test
  void malformedManifestNamesTheLine() throws IOException {
    Path file = dir.resolve("m.csv");
    Files.writeString(file, "path,corpus,speaker,word,label,emotion,part\na.wav,tess,OAF,back,angry,angry,middle\n");
    assertThatThrownBy(() -> Manifest.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("m.csv:2").hasMessageContaining("part must be train or test");
  }

  @Test
  void manifestsOfEarlierVersionsWithACommentLineAreStillRead() throws IOException {
    Path file = dir.resolve("old.csv");
    Files.writeString(file, "# ser4j split: random, seed 1\npath,corpus,speaker,word,label,emotion,part\n"
        + "a.wav,tess,OAF,back,angry,angry,train\n\"b,1.wav\",tess,YAF,back,sad,sad,test\n");
    Split back = Manifest.read(file);
    assertThat(back.description()).isEqualTo("random, seed 1");
    assertThat(back.test().get(0).path().getFileName().toString()).isEqualTo("b,1.wav");
  }

  @Test
  void namesWithCommasQuotesAndLineBreaksRoundTrip() throws IOException {
    Path data = Files.createDirectories(dir.resolve("odd"));
    List<Utterance> train = List.of(
        Utterance.withNativeLabel(data.resolve("a,b.wav"), "tess", "OAF", "we,ird", "angry", Emotion.ANGRY),
        Utterance.withNativeLabel(data.resolve("say \"hi\".wav"), "tess", "OAF", "\"q\"", "sad", Emotion.SAD));
    List<Utterance> test = List.of(
        Utterance.withNativeLabel(data.resolve("two\nlines.wav"), "tess", "YAF", "line\r\nbreak", "my label",
            null));
    Split split = new Split(train, test, "random,\n\"quoted\" description");
    Path file = dir.resolve("m.csv");

    Manifest.write(split, file);

    assertThat(Manifest.read(file)).isEqualTo(split);
    assertThat(Manifest.read(file).description()).isEqualTo(split.description());
  }

  @Test
  void binaryAndTruncatedManifestsAreRejectedNamingTheFile() throws IOException {
    Path bin = Files.write(dir.resolve("bin.csv"), new byte[] {(byte) 0xC3, 0x28, 0, 1, 2});
    assertThatThrownBy(() -> Manifest.read(bin)).isInstanceOf(IOException.class)
        .hasMessageContaining("bin.csv").hasMessageContaining("not UTF-8");
    Path open = Files.writeString(dir.resolve("open.csv"),
        "path,corpus,speaker,word,label,emotion,part,split\n\"a.wav,tess,OAF,back,angry,angry,train,s\n");
    assertThatThrownBy(() -> Manifest.read(open)).hasMessageContaining("open.csv").hasMessageContaining("line 2")
        .hasMessageContaining("not closed");
  }

  @Test
  void manifestQuotesCommasAndQuotes() {
    assertThat(Manifest.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(Manifest.parseCsvLine("\"a,\"\"b\"\"\",c")).containsExactly("a,\"b\"", "c");
  }

  /** {@code speakers} speakers x 6 emotions x 5 words, like a small CREMA-D. */
  private List<Utterance> manySpeakers(int speakers) {
    List<Utterance> out = new ArrayList<>();
    Emotion[] six = {Emotion.ANGRY, Emotion.DISGUST, Emotion.FEAR, Emotion.HAPPY, Emotion.NEUTRAL, Emotion.SAD};
    for (int s = 0; s < speakers; s++) {
      String speaker = String.format("10%02d", s);
      for (Emotion e : six) {
        for (int w = 0; w < 5; w++) {
          out.add(Utterance.of(dir.resolve(speaker + "_W" + w + "_" + e.label() + ".wav"), "crema-d", speaker,
              "W" + w, e));
        }
      }
    }
    return out;
  }

  private static Set<String> keys(List<Utterance> us, java.util.function.Function<Utterance, String> key) {
    return us.stream().map(key).collect(Collectors.toSet());
  }

  @Test
  void validationOfASpeakerSplitHoldsOutWholeTrainingSpeakersAndNeverATestUtterance() {
    Split outer = Splits.bySpeaker(manySpeakers(20), 0.2, 42);
    Split val = Splits.validation(outer, 0.25, 7);

    assertThat(val.description()).contains("grouped by speaker");
    assertThat(val.size()).isEqualTo(outer.train().size());
    assertThat(new HashSet<>(val.train())).doesNotContainAnyElementsOf(outer.test());
    assertThat(new HashSet<>(val.test())).doesNotContainAnyElementsOf(outer.test());
    assertThat(keys(val.train(), Utterance::speaker)).doesNotContainAnyElementsOf(keys(val.test(), Utterance::speaker));
    assertThat(keys(val.test(), Utterance::speaker)).hasSize(4);   // 25% of the 16 training speakers
    assertThat(Splits.validation(outer, 0.25, 7)).isEqualTo(val);
    assertThat(Splits.validation(outer, 0.25, 8).test()).isNotEqualTo(val.test());
  }

  @Test
  void validationOfTessSpeakerSplitHoldsOutWordsOfTheOneTrainingSpeaker() {
    Split outer = Splits.bySpeaker(tessLike(), List.of("YAF"));
    Split val = Splits.validation(outer, 0.1, 42);

    assertThat(val.description()).contains("grouped by word");
    assertThat(keys(val.train(), Utterance::word)).doesNotContainAnyElementsOf(keys(val.test(), Utterance::word));
    assertThat(val.test()).hasSize(2 * 7).allSatisfy(u -> assertThat(u.speaker()).isEqualTo("OAF"));
  }

  @Test
  void validationOfAWordSplitHoldsOutWholeWords() {
    Split outer = Splits.byWord(tessLike(), 0.2, 42);
    Split val = Splits.validation(outer, 0.25, 42);
    assertThat(val.description()).contains("grouped by word");
    assertThat(keys(val.train(), Utterance::word)).doesNotContainAnyElementsOf(keys(val.test(), Utterance::word));
    assertThat(keys(val.test(), Utterance::word)).doesNotContainAnyElementsOf(keys(outer.test(), Utterance::word));
  }

  @Test
  void validationOfARandomSplitIsStratifiedOverTheTrainingPart() {
    Split outer = Splits.stratified(tessLike(), 0.2, 42);
    Split val = Splits.validation(outer, 0.125, 42);
    assertThat(val.description()).contains("stratified by label");
    Map<String, Long> perLabel = val.test().stream()
        .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
    assertThat(perLabel).hasSize(7).allSatisfy((label, n) -> assertThat(n).isEqualTo(4L));   // 12.5% of 32
    assertThat(new HashSet<>(val.test())).doesNotContainAnyElementsOf(outer.test());
  }

  @Test
  void validationRejectsABadFractionAndATooSmallTrainingPart() {
    Split outer = Splits.stratified(tessLike(), 0.2, 42);
    assertThatThrownBy(() -> Splits.validation(outer, 1.0, 42)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0");
    Split tiny = new Split(tessLike().subList(0, 1), List.of(), "tiny");
    assertThatThrownBy(() -> Splits.validation(tiny, 0.1, 42)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two training utterances");
  }

  @Test
  void speakerKFoldBalancesEmotionsAsFarAsSpeakersAllow() {
    // 12 speakers who each speak one emotion only: 6 angry-only (10 clips), 6 sad-only (10 clips)
    List<Utterance> all = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      Emotion e = s < 6 ? Emotion.ANGRY : Emotion.SAD;
      for (int w = 0; w < 10; w++) {
        all.add(Utterance.of(dir.resolve("S" + s + "_W" + w + ".wav"), "x", "S" + s, "W" + w, e));
      }
    }
    for (long seed = 0; seed < 5; seed++) {
      List<Split> folds = Splits.kFold(Splits.Strategy.SPEAKER, all, 3, seed);
      assertThat(folds).hasSize(3);
      for (Split fold : folds) {
        Map<String, Long> perLabel = fold.test().stream()
            .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
        assertThat(perLabel).as("seed " + seed + ": " + fold.description()).containsEntry("angry", 20L)
            .containsEntry("sad", 20L);
        assertThat(keys(fold.train(), Utterance::speaker)).doesNotContainAnyElementsOf(
            keys(fold.test(), Utterance::speaker));
        assertThat(fold.description()).contains("by speaker");
      }
    }
  }

  @Test
  void kFoldOverManySpeakersTestsEverySpeakerExactlyOnce() {
    List<Utterance> all = manySpeakers(23);
    List<Split> folds = Splits.kFold(Splits.Strategy.SPEAKER, all, 5, 42);
    List<String> testedSpeakers = new ArrayList<>();
    for (Split fold : folds) {
      assertThat(fold.size()).isEqualTo(all.size());
      assertThat(fold.test().size()).isBetween(4 * 30, 5 * 30);
      testedSpeakers.addAll(keys(fold.test(), Utterance::speaker));
    }
    assertThat(testedSpeakers).doesNotHaveDuplicates().hasSize(23);
    assertThat(Splits.kFold(Splits.Strategy.SPEAKER, all, 5, 42)).isEqualTo(folds);
  }

  @Test
  void randomKFoldIsStratifiedByLabel() {
    List<Split> folds = Splits.kFold(Splits.Strategy.RANDOM, tessLike(), 4, 42);
    for (Split fold : folds) {
      Map<String, Long> perLabel = fold.test().stream()
          .collect(Collectors.groupingBy(Utterance::label, Collectors.counting()));
      assertThat(perLabel).hasSize(7).allSatisfy((label, n) -> assertThat(n).isEqualTo(10L));   // 40 / 4
    }
  }

  @Test
  void validationDoesNotHoldOutAWholeSpeakerOfTwo() {
    // 3 speakers, one held out: 10% of the 2 training speakers rounds to none, so not half the training part
    Split outer = Splits.bySpeaker(manySpeakers(3), List.of("1000"));
    Split val = Splits.validation(outer, 0.1, 42);
    assertThat(val.description()).doesNotContain("grouped by speaker");
    assertThat(val.test().size()).isLessThan(outer.train().size() / 4);
  }
}
