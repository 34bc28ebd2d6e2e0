package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ser4j.testing.SharedData;

/** Decoding parity with librosa 0.11.0 / soundfile on the golden WAVs and the real TESS sample. */
class AudioReaderGoldenTest {

  /** {@code "name": {"channels": c, "samples": n, "sr": r}} from golden.json. */
  private static long[] goldenShape(String name) throws IOException {
    String json = Files.readString(SharedData.golden("golden.json"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\"" + Pattern.quote(name)
        + "\":\\s*\\{\\s*\"channels\":\\s*(\\d+),\\s*\"samples\":\\s*(\\d+),\\s*\"sr\":\\s*(\\d+)").matcher(json);
    assertThat(m.find()).as("golden.json entry for " + name).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
  }

  @ParameterizedTest(name = "{0} ({1}) matches librosa within one LSB")
  @CsvSource({
    "sine440_22050, PCM_S16, 3.0517578125e-5",
    "chirp_22050, PCM_S16, 3.0517578125e-5",
    "noise_16000, PCM_S16, 3.0517578125e-5",
    "voice_24414, PCM_S16, 3.0517578125e-5",
    "voice_24414_float32, FLOAT32, 0",
    "voice_24414_pcm8, PCM_U8, 0.0078125",
    "voice_24414_stereo_pcm24, PCM_S24, 1.1920928955078125e-7",
  })
  void goldenWavsDecodeAsLibrosaDecodesThem(String name, SampleEncoding encoding, double lsb) throws IOException {
    Path file = SharedData.golden(name + ".wav");
    long[] shape = goldenShape(name + ".wav");
    double[] expected = SharedData.goldenVector("decoded_" + name + ".csv");

    AudioInfo info = AudioReader.probe(file);
    assertThat(info.encoding()).isEqualTo(encoding);
    assertThat(info.container()).isEqualTo(Container.WAV);
    assertThat(info.channels()).isEqualTo((int) shape[0]);
    assertThat(info.frames()).isEqualTo(shape[1]);
    assertThat(info.sampleRate()).isEqualTo((int) shape[2]);
    assertThat(info.warnings()).isEmpty();

    AudioClip clip = AudioReader.read(file);
    assertThat(clip.channelCount()).isEqualTo((int) shape[0]);
    assertThat(clip.sampleRate()).isEqualTo((int) shape[2]);
    assertThat(clip.warnings()).isEmpty();
    float[] mono = clip.monoSamples();
    assertThat(mono).hasSize(expected.length);
    double worst = 0;
    for (int i = 0; i < mono.length; i++) {
      // the CSV holds float32 values printed with 9 significant digits: parse back to float first
      worst = Math.max(worst, Math.abs(mono[i] - (float) expected[i]));
    }
    assertThat(worst).as("largest difference from librosa").isLessThanOrEqualTo(lsb);
  }

  @Test
  void everyTessSampleFileDecodesWithTheFormatSoundfileReports() throws IOException {
    Path tess = SharedData.requireTessSample();
    List<String> rows = Files.readAllLines(SharedData.golden("tess_sample_formats.csv"), StandardCharsets.US_ASCII);
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    int aiff = 0;
    for (String row : rows.subList(1, rows.size())) {
      if (row.isBlank()) {
        continue;
      }
      String[] cell = row.split(",");
      Path file = tess.resolve(cell[0]);
      AudioInfo info = AudioReader.probe(file);
      AudioClip clip = AudioReader.read(file);
      String got = clip.sampleRate() + "," + clip.channelCount() + "," + clip.frameCount();
      String want = cell[1] + "," + cell[2] + "," + cell[3];
      if (!got.equals(want) || info.frames() != clip.frameCount() || !clip.warnings().isEmpty()) {
        mismatches.add(cell[0] + ": got " + got + " " + clip.warnings() + ", want " + want);
      }
      if (info.container() == Container.AIFF) {
        aiff++;
      }
      checked++;
    }
    assertThat(mismatches).isEmpty();
    assertThat(checked).isEqualTo(840);
    assertThat(aiff).as("files holding AIFF under a .wav name").isEqualTo(2);
  }

  @Test
  void tessAiffFilesUnderWavNamesAreDecodedAsAiff() throws IOException {
    Path tess = SharedData.requireTessSample();
    for (String name : List.of("YAF_angry/YAF_germ_angry.wav", "YAF_fear/YAF_neat_fear.wav")) {
      AudioInfo info = AudioReader.probe(tess.resolve(name));
      assertThat(info.container()).as(name).isEqualTo(Container.AIFF);
      assertThat(info.encoding()).isEqualTo(SampleEncoding.PCM_S16);
      assertThat(info.sampleRate()).isEqualTo(24414);
    }
    assertThat(AudioReader.probe(tess.resolve("YAF_angry/YAF_germ_angry.wav")).frames()).isEqualTo(53847);
  }
}
