package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Manifest;
import org.ser4j.data.Split;
import org.ser4j.data.Utterance;
import org.ser4j.testing.SharedData;

class CorpusAndSplitCommandTest {

  @TempDir Path dir;

  @Test
  void corpusShowsCountsDurationRatesAndEveryProblem() throws IOException {
    Path wav = SharedData.golden("sine440_22050.wav");
    Files.createDirectories(dir.resolve("OAF_angry"));
    Files.createDirectories(dir.resolve("YAF_sad"));
    Files.copy(wav, dir.resolve("OAF_angry/OAF_back_angry.wav"));
    Files.copy(wav, dir.resolve("OAF_angry/OAF_bite_angry.wav"));
    Files.copy(SharedData.golden("noise_16000.wav"), dir.resolve("YAF_sad/YAF_back_sad.wav"));
    Files.writeString(dir.resolve("YAF_sad/YAF_bite_sad.wav"), "not audio at all");

    CliRun run = CliRun.of("corpus", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("Corpus tess at " + dir + ": 4 utterances, 2 speakers, 2 labels");
    assertThat(run.out()).containsPattern("(?m)^speaker  angry  sad  total$");
    assertThat(run.out()).containsPattern("(?m)^OAF          2    0      2$");
    assertThat(run.out()).containsPattern("(?m)^YAF          0    2      2$");
    assertThat(run.out()).contains("Total duration: 2.5 s (0:00:03) in 3 decodable files");
    assertThat(run.out()).contains("Sample rates: 16000 Hz: 1 file; 22050 Hz: 2 files");
    assertThat(run.out()).contains("Problems (1):");
    assertThat(run.out()).containsPattern("YAF_bite_sad\\.wav: .+ \\(left out\\)");
  }

  @Test
  void corpusOnTheTessSampleShowsFourteenCellsOfSixty() {
    Path tess = SharedData.requireTessSample();

    CliRun run = CliRun.of("corpus", tess.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("840 utterances, 2 speakers, 7 labels");
    assertThat(run.out()).containsPattern("(?m)^OAF\\s+60\\s+60\\s+60\\s+60\\s+60\\s+60\\s+60\\s+420$");
    assertThat(run.out()).containsPattern("(?m)^YAF\\s+60\\s+60\\s+60\\s+60\\s+60\\s+60\\s+60\\s+420$");
    assertThat(run.out()).contains("24414 Hz: 839 files").contains("96000 Hz: 1 file");
    assertThat(run.out()).contains("OA_bite_neutral.wav: malformed name");
    assertThat(run.out()).contains("YAF_germ_angry.wav: AIFF content under a .wav name");
  }

  @Test
  void wordSplitOfTheTessSampleHasNoWordOnBothSides() throws IOException {
    Path tess = SharedData.requireTessSample();
    Path manifest = dir.resolve("words.csv");

    CliRun run = CliRun.of("split", tess.toString(), "--by", "word", "--seed", "3", "--out", manifest.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("words: 48 train, 12 test, 0 on both sides");
    Split split = Manifest.read(manifest);
    assertThat(split.size()).isEqualTo(840);
    Set<String> trainWords = new HashSet<>(split.train().stream().map(Utterance::word).toList());
    assertThat(split.test()).isNotEmpty().noneMatch(u -> trainWords.contains(u.word()));
    assertThat(split.test()).allSatisfy(u -> assertThat(u.path()).exists());
  }

  @Test
  void speakerSplitHoldsOutOneOfTwoSpeakers() throws IOException {
    Files.createDirectories(dir.resolve("c"));
    for (String name : List.of("OAF_back_angry", "OAF_bite_sad", "YAF_back_angry", "YAF_bite_sad")) {
      Files.write(dir.resolve("c/" + name + ".wav"), new byte[] {1});
    }
    Path manifest = dir.resolve("m/speakers.csv");

    CliRun run = CliRun.of("split", dir.resolve("c").toString(), "--by", "speaker", "--out", manifest.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("speakers: 1 train, 1 test, 0 on both sides");
    assertThat(Manifest.read(manifest).test()).hasSize(2);
  }

  @Test
  void badSplitOptionsAreUsageErrors() {
    assertThat(CliRun.of("split", dir.toString(), "--by", "colour", "--out", "x.csv").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("split", dir.toString(), "--by", "word", "--test-fraction", "1.5", "--out", "x.csv")
        .exitCode()).isEqualTo(2);
    assertThat(CliRun.of("corpus", dir.toString(), "--corpus", "timit").exitCode()).isEqualTo(2);
  }

  @Test
  void speakerFoldsWriteOneManifestPerFoldWithNoSpeakerOnBothSides() throws IOException {
    // a CREMA-D-named corpus of 7 actors x 3 emotions x 2 sentences (scanning reads names only)
    Path corpus = Files.createDirectories(dir.resolve("crema"));
    for (int actor = 1001; actor <= 1007; actor++) {
      for (String emotion : List.of("ANG", "SAD", "HAP")) {
        for (String sentence : List.of("DFA", "IEO")) {
          Files.write(corpus.resolve(actor + "_" + sentence + "_" + emotion + "_XX.wav"), new byte[] {1});
        }
      }
    }
    Path out = dir.resolve("folds");

    CliRun run = CliRun.of("split", corpus.toString(), "--corpus", "crema-d", "--by", "speaker", "--folds", "3",
        "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("fold 1 of 3").contains("fold 3 of 3").contains("test labels: ");
    Set<String> testedSpeakers = new HashSet<>();
    for (int fold = 1; fold <= 3; fold++) {
      Split split = Manifest.read(out.resolve("fold-" + fold + ".csv"));
      assertThat(split.size()).isEqualTo(42);
      Set<String> train = new HashSet<>(split.train().stream().map(Utterance::speaker).toList());
      Set<String> test = new HashSet<>(split.test().stream().map(Utterance::speaker).toList());
      assertThat(train).doesNotContainAnyElementsOf(test);
      assertThat(testedSpeakers).doesNotContainAnyElementsOf(test);
      testedSpeakers.addAll(test);
    }
    assertThat(testedSpeakers).hasSize(7);
    assertThat(run.out()).contains("speakers: 4 train, 3 test, 0 on both sides")
        .contains("speakers: 5 train, 2 test, 0 on both sides");
  }

  @Test
  void foldsNeedAtLeastTwoAndAsManySpeakersAsFolds() throws IOException {
    Path corpus = Files.createDirectories(dir.resolve("crema"));
    for (int actor = 1001; actor <= 1002; actor++) {
      Files.write(corpus.resolve(actor + "_DFA_ANG_XX.wav"), new byte[] {1});
    }
    CliRun one = CliRun.of("split", corpus.toString(), "--corpus", "crema-d", "--by", "speaker", "--folds", "1",
        "--out", dir.resolve("f").toString());
    assertThat(one.exitCode()).isEqualTo(2);
    assertThat(one.err()).contains("--folds must be at least 2");
    CliRun three = CliRun.of("split", corpus.toString(), "--corpus", "crema-d", "--by", "speaker", "--folds", "3",
        "--out", dir.resolve("f").toString());
    assertThat(three.exitCode()).isEqualTo(1);
    assertThat(three.err()).contains("at least k=3 groups, found 2");
  }
}
