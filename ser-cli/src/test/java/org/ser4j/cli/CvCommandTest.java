package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.SyntheticTess;

/** {@code ser cv} on a small synthetic corpus (one epoch: the plumbing, not the accuracy). */
class CvCommandTest {

  @TempDir static Path dir;
  static Path corpus;

  @BeforeAll
  static void corpus() throws IOException {
    corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 3, 5);
  }

  @Test
  void trainsAndScoresEverySpeakerFoldAndReportsMeanAndStd() {
    CliRun run = CliRun.of("cv", "--data", corpus.toString(), "--folds", "2", "--epochs", "1", "--no-cache");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("42 utterances, 2 folds by speaker; preset stats")
        .containsPattern("fold 1: accuracy [0-9.]+, macro-F1 [0-9.]+ on 21 test clips \\(21 train;.*validation:"
            + " validation held out of the training part, stratified by label.*test speakers (OAF|YAF)")
        .contains("fold 2: accuracy")
        .containsPattern("accuracy [0-9.]+ \\+- [0-9.]+ over 2 folds .*pooled accuracy [0-9.]+ on 42 clips");
    CliRun json = CliRun.of("cv", "--data", corpus.toString(), "--folds", "2", "--epochs", "1", "--no-cache",
        "--json");
    assertThat(json.out().strip()).startsWith("{\"folds\":[{\"accuracy\":")
        .contains("\"accuracy\":{\"count\":2,\"mean\":").contains("\"pooledAccuracy\":");
  }

  @Test
  void speakerNormalisationReportsTheFoldsWithAndWithoutProfiles() {
    CliRun run = CliRun.of("cv", "--data", corpus.toString(), "--folds", "2", "--epochs", "1", "--no-cache",
        "--normalize", "speaker");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("fold 1: accuracy .*; with each test speaker's profile \\(without a"
        + " profile: accuracy [0-9.]+\\)")
        .containsPattern("speaker normalisation: .* without a profile \\(global statistics\\) [0-9.]+ \\+- [0-9.]+");
  }

  @Test
  void moreFoldsThanSpeakersIsAClearError() {
    CliRun run = CliRun.of("cv", "--data", corpus.toString(), "--folds", "3", "--no-cache");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("at least k=3 groups, found 2");
    CliRun one = CliRun.of("cv", "--data", corpus.toString(), "--folds", "1");
    assertThat(one.exitCode()).isEqualTo(2);
    assertThat(one.err()).contains("--folds must be at least 2");
  }
}
