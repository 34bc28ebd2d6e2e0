package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.SampleEncoding;
import org.ser4j.testing.SharedData;

class ConvertCommandTest {

  @TempDir Path dir;

  @Test
  void resamplesDownmixesAndWritesTheRequestedEncoding() throws IOException {
    Path out = dir.resolve("out.wav");

    CliRun run = CliRun.of("convert", SharedData.golden("voice_24414_stereo_pcm24.wav").toString(),
        out.toString(), "--sr", "16000", "--mono", "--format", "float32");

    assertThat(run.exitCode()).as(run.err()).isZero();
    AudioInfo info = AudioReader.probe(out);
    assertThat(info.sampleRate()).isEqualTo(16000);
    assertThat(info.channels()).isEqualTo(1);
    assertThat(info.encoding()).isEqualTo(SampleEncoding.FLOAT32);
    // librosa's length: ceil(48828 * 16000 / 24414) = 32000
    assertThat(info.frames()).isEqualTo(32000);
  }

  @Test
  void cutsOffsetAndDurationAtTheNativeRateAndKeepsTheSourcePrecisionByDefault() throws IOException {
    Path out = dir.resolve("cut.wav");

    CliRun run = CliRun.of("convert", SharedData.golden("voice_24414_stereo_pcm24.wav").toString(),
        out.toString(), "--offset", "0.5", "--duration", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    AudioClip clip = AudioReader.read(out);
    assertThat(clip.sampleRate()).isEqualTo(24414);
    assertThat(clip.channelCount()).isEqualTo(2);
    assertThat(clip.frameCount()).isEqualTo(24414); // int(1 * 24414)
    assertThat(AudioReader.probe(out).encoding()).isEqualTo(SampleEncoding.PCM_S24);
    // the cut starts int(0.5 * 24414) = 12207 frames in: same samples as the source, bit for bit at 24 bits
    AudioClip source = AudioReader.read(SharedData.golden("voice_24414_stereo_pcm24.wav"));
    for (int i = 0; i < 100; i++) {
      assertThat(clip.sample(1, i)).isEqualTo(source.sample(1, 12207 + i));
    }
  }

  @Test
  void undecodableInputIsReportedWithItsNameAndExitCodeOne() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.wav"), "RIFF but not really");
    CliRun run = CliRun.of("convert", bad.toString(), dir.resolve("o.wav").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("bad.wav");
    assertThat(dir.resolve("o.wav")).doesNotExist();
  }

  @Test
  void invalidNumbersAreUsageErrors() {
    String in = SharedData.golden("sine440_22050.wav").toString();
    assertThat(CliRun.of("convert", in, dir.resolve("x.wav").toString(), "--sr", "0").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("convert", in, dir.resolve("x.wav").toString(), "--offset", "-1").exitCode())
        .isEqualTo(2);
    assertThat(CliRun.of("convert", in, dir.resolve("x.wav").toString(), "--format", "mp3").exitCode())
        .isEqualTo(2);
  }
}
