package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.Manifest;
import org.ser4j.data.Split;
import org.ser4j.data.SyntheticTess;

/** Never a stack trace, always a reason: each case a one-line error naming the file, with the right exit code. */
class ErrorMessagesTest {

  @TempDir Path dir;

  static void assertOneLineError(CliRun run, int exitCode, String... fragments) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(exitCode);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("picocli WARN");
    String first = run.err().strip().split("\\R")[0];
    assertThat(first).startsWith("error: ");
    for (String f : fragments) {
      assertThat(first).contains(f);
    }
  }

  @Test
  void dataThatDoesNotExistIsNamedNotACrash() {
    String absent = dir.resolve("absent").toString();
    assertOneLineError(CliRun.of("corpus", absent), 1, absent, "not found");
    assertOneLineError(CliRun.of("train", "--data", absent, "--out", dir.resolve("m.ser4j").toString()), 1, absent,
        "not found");
    assertOneLineError(CliRun.of("reproduce", "--data", absent, "--out", dir.resolve("r").toString()), 1, absent,
        "not found");
    assertOneLineError(CliRun.of("split", absent, "--by", "word", "--out", dir.resolve("m.csv").toString()), 1,
        absent, "not found");
  }

  @Test
  void aFileWhereAFolderIsExpectedIsNamed() throws IOException {
    Path wav = OutputSafetyTest.tone(dir.resolve("a.wav"), 8000, 0.1);
    assertOneLineError(CliRun.of("corpus", wav.toString()), 1, wav.toString(), "not a folder");
  }

  @Test
  void outOfRangeNumbersAreUsageErrors() throws IOException {
    Path wav = OutputSafetyTest.tone(dir.resolve("a.wav"), 8000, 0.1);
    String out = dir.resolve("o.wav").toString();
    for (String rate : List.of("1", "10000000")) {
      assertOneLineError(CliRun.of("convert", wav.toString(), out, "--sr", rate), 2, "--sr " + rate, "8000 Hz");
    }
    Path cd = OutputSafetyTest.tone(dir.resolve("b.wav"), 44100, 0.1);
    assertOneLineError(CliRun.of("convert", cd.toString(), out, "--sr", "15"), 2, "--sr 15", "44100 Hz");
    assertThat(dir.resolve("o.wav")).doesNotExist();
    assertOneLineError(CliRun.of("train", "--data", dir.toString(), "--test-fraction", "1.5", "--out",
        dir.resolve("m.ser4j").toString()), 2, "--test-fraction");
  }

  @Test
  void reproduceIntoAnExistingFileIsAUsageError() throws IOException {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    assertOneLineError(CliRun.of("reproduce", "--out", file.toString()), 2, file.toString(), "not a folder");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void malformedManifestsAreOneLineNamingTheFileAndLine() throws IOException {
    Path corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 1, 1);
    Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {(byte) 0xff, 0, 1, 2, (byte) 0xfe, 10});
    Path shortRow = Files.writeString(dir.resolve("short.csv"),
        "path,corpus,speaker,word,label,emotion,part,split\na.wav,tess,OAF\n");
    Path unknown = Files.writeString(dir.resolve("unknown.csv"),
        "path,corpus,speaker,word,label,emotion,part,split\na.wav,tess,OAF,back,angry,furious,train,s\n");
    String model = dir.resolve("m.ser4j").toString();
    assertOneLineError(CliRun.of("train", "--data", corpus.toString(), "--manifest", binary.toString(), "--out", model),
        1, "binary.csv", "not a ser4j manifest");
    assertOneLineError(CliRun.of("train", "--data", corpus.toString(), "--manifest", shortRow.toString(), "--out",
        model), 1, "short.csv:2", "expected 8 columns, found 3");
    assertOneLineError(CliRun.of("train", "--data", corpus.toString(), "--manifest", unknown.toString(), "--out",
        model), 1, "unknown.csv:2", "unknown emotion 'furious'");
  }

  @Test
  void aNewlineInANameRoundTripsThroughTheManifest() throws IOException {
    // split writes the path relative to the manifest: the corpus folder's odd name is in every row
    Path corpus = Files.createDirectories(dir.resolve("my\ncorpus, \"v2\""));
    OutputSafetyTest.tone(corpus.resolve("OAF_back_angry.wav"), 8000, 0.1);
    OutputSafetyTest.tone(corpus.resolve("OAF_bite_sad.wav"), 8000, 0.1);
    OutputSafetyTest.tone(corpus.resolve("YAF_back_angry.wav"), 8000, 0.1);
    OutputSafetyTest.tone(corpus.resolve("YAF_bite_sad.wav"), 8000, 0.1);
    Path manifest = dir.resolve("m.csv");

    CliRun run = CliRun.of("split", corpus.toString(), "--by", "speaker", "--out", manifest.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).as(run.out()).doesNotContain("problem");
    assertThat(Files.readString(manifest, StandardCharsets.UTF_8)).startsWith("path,corpus,speaker,word,label");
    Split split = Manifest.read(manifest);
    assertThat(split.size()).isEqualTo(4);
    assertThat(split.train()).extracting(u -> u.path().getParent().getFileName().toString())
        .containsOnly("my\ncorpus, \"v2\"");
    assertThat(split.train()).allSatisfy(u -> assertThat(u.path()).exists());
  }

  @Test
  void splitOfAFolderWithoutRecordingsIsAnErrorAndWritesNothing() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "no audio here");
    Path manifest = dir.resolve("m.csv");
    assertOneLineError(CliRun.of("split", empty.toString(), "--by", "random", "--out", manifest.toString()), 1,
        "no labelled recordings", empty.toString());
    assertThat(manifest).doesNotExist();
    CliRun corpus = CliRun.of("corpus", Files.createDirectories(dir.resolve("nothing")).toString());
    assertOneLineError(corpus, 1, "no labelled recordings");
  }

  @Test
  void trainChecksItsOutputBeforeTraining() throws IOException {
    Path corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 1, 1);
    Path folder = Files.createDirectories(dir.resolve("models"));
    CliRun intoFolder = CliRun.of("train", "--data", corpus.toString(), "--out", folder.toString(), "--no-cache");
    assertOneLineError(intoFolder, 2, folder.toString(), "is a directory");
    assertThat(intoFolder.out()).doesNotContain("epoch");

    Path file = Files.writeString(dir.resolve("file"), "x");
    Path under = file.resolve("model.ser4j");
    CliRun underAFile = CliRun.of("train", "--data", corpus.toString(), "--out", under.toString(), "--no-cache");
    assertOneLineError(underAFile, 1, under.toString(), "not a folder", "checked before training");
    assertThat(underAFile.out()).doesNotContain("epoch");
  }

  @Test
  void whenTheFinalWriteFailsTheModelIsKeptInATemporaryFileWhosePathIsPrinted() throws IOException {
    Path corpus = dir.resolve("tess");
    SyntheticTess.write(corpus, 1, 1);
    Path out = dir.resolve("model.ser4j");
    TrainCommand.FinalWrite real = TrainCommand.finalWrite;
    TrainCommand.finalWrite = (r, o, c) -> {
      throw new java.nio.file.FileSystemException(o.toString(), null, "No space left on device");
    };
    CliRun run;
    try {
      run = CliRun.of("train", "--data", corpus.toString(), "--preset", "notebook", "--epochs", "1", "--no-cache",
          "--out", out.toString());
    } finally {
      TrainCommand.finalWrite = real;
    }
    assertOneLineError(run, 1, out.toString(), "disk full", "the trained model is kept in ");
    String kept = run.err().strip().replaceAll("(?s).*the trained model is kept in ", "").strip();
    Path keptFile = Path.of(kept);
    try {
      assertThat(org.ser4j.runtime.EmotionRecognizer.load(keptFile).labels()).hasSize(7);
    } finally {
      Files.deleteIfExists(keptFile);
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void helpPrintsNoFormattingWarning() {
    // picocli's tracer writes its warnings to System.err, not to the command line's writers
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream traced = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(traced, true, StandardCharsets.UTF_8));
    try {
      for (String command : List.of("inspect", "convert", "features", "corpus", "split", "train", "evaluate",
          "predict", "reproduce")) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).as(command).doesNotContain("WARN").doesNotContain("Could not format");
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(traced.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
    assertThat(CliRun.of("train", "--help").out()).contains("98.8% on the TESS");
  }
}
