package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared options reject bad values as usage errors (exit 2) naming the option, before any work. */
class CommonOptionsTest {

  @TempDir Path dir;

  @Test
  void anUnknownCorpusListsTheKnownOnesInEveryCommandThatTakesOne() {
    for (String[] args : new String[][] {
        {"corpus", dir.toString(), "--corpus", "timit"},
        {"split", dir.toString(), "--by", "random", "--out", dir.resolve("m.csv").toString(), "--corpus", "timit"},
        {"train", "--data", dir.toString(), "--out", dir.resolve("m.ser4j").toString(), "--corpus", "timit"},
        {"evaluate", "--model", "m.ser4j", "--data", dir.toString(), "--corpus", "timit"}}) {
      CliRun r = CliRun.of(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("--corpus").contains("timit").contains("tess, ravdess, crema-d, savee, emodb");
    }
  }

  @Test
  void outOfRangeNumbersAreUsageErrors() {
    CliRun fraction = CliRun.of("train", "--data", dir.toString(), "--out", "m.ser4j", "--test-fraction", "1.5");
    assertThat(fraction.exitCode()).isEqualTo(2);
    assertThat(fraction.err()).contains("--test-fraction").contains("between 0 and 1");
    CliRun epochs = CliRun.of("reproduce", "--epochs", "0", "--out", dir.resolve("r").toString());
    assertThat(epochs.exitCode()).isEqualTo(2);
    assertThat(epochs.err()).contains("--epochs").contains("at least 1");
    CliRun split = CliRun.of("train", "--data", dir.toString(), "--out", "m.ser4j", "--split", "actor");
    assertThat(split.exitCode()).isEqualTo(2);
    assertThat(split.err()).contains("'actor' is not random, speaker or word");
  }

  @Test
  void evaluateTakesExactlyOneOfDataOrManifest() {
    CliRun both = CliRun.of("evaluate", "--model", "m.ser4j", "--data", dir.toString(), "--manifest", "x.csv");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    CliRun neither = CliRun.of("evaluate", "--model", "m.ser4j");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("--data").contains("--manifest");
  }
}
