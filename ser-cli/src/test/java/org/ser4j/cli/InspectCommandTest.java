package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

class InspectCommandTest {

  @TempDir Path dir;

  @Test
  void reportsFormatOfEveryFileAndExitsZeroWhenAllDecode() throws IOException {
    Files.copy(SharedData.golden("voice_24414_stereo_pcm24.wav"), dir.resolve("stereo.wav"));
    Files.copy(SharedData.golden("sine440_22050.wav"), dir.resolve("sine.wav"));

    CliRun run = CliRun.of("inspect", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("sine\\.wav  WAV  PCM_S16  22050 Hz  1 ch  16 bit  1\\.000 s");
    assertThat(run.out()).containsPattern("stereo\\.wav  WAV  PCM_S24  24414 Hz  2 ch  24 bit  2\\.000 s");
    assertThat(run.outLines()[run.outLines().length - 1]).isEqualTo("2 files: 2 decoded, 0 failed");
  }

  @Test
  void givesOneReasonPerUndecodableFileAWarningPerRepairedOneAndExitCodeOne() throws IOException {
    byte[] good = Files.readAllBytes(SharedData.golden("sine440_22050.wav"));
    Files.write(dir.resolve("a_truncated.wav"), Arrays.copyOf(good, good.length / 2));
    Files.write(dir.resolve("b_empty.wav"), new byte[0]);
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    Files.write(dir.resolve("c_random.wav"), noise);
    Files.writeString(dir.resolve("notes.txt"), "not audio");

    CliRun run = CliRun.of("inspect", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    String[] lines = run.outLines();
    assertThat(lines[0]).contains("a_truncated.wav  WAV  PCM_S16  22050 Hz");
    assertThat(lines[1]).startsWith("    warning: ").contains("data");
    assertThat(run.out()).containsPattern("b_empty\\.wav  FAILED: .+\\(UnrecognizedAudioException\\)");
    assertThat(run.out()).containsPattern("c_random\\.wav  FAILED: .+\\(UnrecognizedAudioException\\)");
    assertThat(lines[lines.length - 1])
        .startsWith("3 files: 1 decoded (1 with warnings), 2 failed; 1 non-audio file(s) skipped by name: ")
        .endsWith("notes.txt");
  }

  @Test
  void namedFileThatIsNotThereIsAnInputFailure() {
    CliRun run = CliRun.of("inspect", dir.resolve("nope.wav").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("nope.wav: no such file or folder");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(CliRun.of("inspect").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("inspect", "--bogus", "x").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("no-such-command").exitCode()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : new String[] {"inspect", "convert"}) {
      CliRun run = CliRun.of(cmd, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: ser " + cmd).contains("Exit codes:");
    }
    assertThat(CliRun.of("--help").out()).contains("inspect").contains("convert");
  }

  @Test
  void decodesTheWholeTessSampleAndNotesAiffUnderWavNames() {
    Path tess = SharedData.requireTessSample();

    CliRun run = CliRun.of("inspect", tess.toString());

    assertThat(run.exitCode()).isZero();
    String[] lines = run.outLines();
    assertThat(lines[lines.length - 1]).startsWith("840 files: 840 decoded").contains("0 failed");
    assertThat(run.out()).containsPattern("YAF_germ_angry\\.wav  AIFF  PCM_S16  24414 Hz  1 ch  16 bit");
    assertThat(run.out()).contains("AIFF content under a .wav name");
    assertThat(run.out()).containsPattern("OAF_food_fear\\.wav  WAV  PCM_S16  96000 Hz");
  }
}
