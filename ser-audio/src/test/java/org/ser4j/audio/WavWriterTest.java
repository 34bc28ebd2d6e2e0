package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

/** WAV output reads back within one LSB (exactly for float 32 and for audio that came from that format). */
class WavWriterTest {

  @TempDir
  Path dir;

  private static AudioClip testClip() {
    int n = 5000;
    float[] left = new float[n];
    float[] right = new float[n];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < n; i++) {
      left[i] = (float) (0.8 * Math.sin(i * 0.01));
      right[i] = (float) (r.nextGaussian() * 0.2);
    }
    return AudioClip.of(44100, left, right);
  }

  @Test
  void float32RoundTripIsExact() throws IOException {
    AudioClip clip = testClip();
    Path f = dir.resolve("f32.wav");
    WavWriter.write(clip, f, WavWriter.Encoding.FLOAT32);
    AudioClip back = AudioReader.read(f);
    assertThat(AudioReader.probe(f).encoding()).isEqualTo(SampleEncoding.FLOAT32);
    assertThat(back.sampleRate()).isEqualTo(44100);
    assertThat(back.warnings()).isEmpty();
    assertThat(back.channel(0)).containsExactly(clip.channel(0));
    assertThat(back.channel(1)).containsExactly(clip.channel(1));
  }

  @Test
  void pcmRoundTripIsWithinOneLsb() throws IOException {
    AudioClip clip = testClip();
    for (WavWriter.Encoding enc : new WavWriter.Encoding[] {WavWriter.Encoding.PCM16, WavWriter.Encoding.PCM24}) {
      Path f = dir.resolve(enc + ".wav");
      WavWriter.write(clip, f, enc);
      AudioClip back = AudioReader.read(f);
      double lsb = enc == WavWriter.Encoding.PCM16 ? 1.0 / 32768 : 1.0 / 8388608;
      assertThat(back.warnings()).isEmpty();
      for (int c = 0; c < 2; c++) {
        float[] a = clip.channel(c);
        float[] b = back.channel(c);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
          assertThat((double) Math.abs(a[i] - b[i])).isLessThanOrEqualTo(lsb / 2 + 1e-12);
        }
      }
    }
  }

  @Test
  void decodedPcm16ReadsBackBitForBit() throws IOException {
    Path golden = SharedData.golden("voice_24414.wav");
    AudioClip clip = AudioReader.read(golden);
    Path f = dir.resolve("copy.wav");
    WavWriter.write(clip, f, WavWriter.Encoding.PCM16);
    assertThat(Files.readAllBytes(f)).isEqualTo(Files.readAllBytes(golden));
  }

  @Test
  void outOfRangeValuesAreClippedAndHalvesRoundToEven() throws IOException {
    float[] v = {1f, -1f, 2f, -2f, 0.5f / 32768, 1.5f / 32768, -0.5f / 32768, Float.NaN};
    Path f = dir.resolve("clip.wav");
    WavWriter.write(AudioClip.ofMono(8000, v), f, WavWriter.Encoding.PCM16);
    assertThat(AudioReader.read(f).channel(0))
        .containsExactly(32767f / 32768, -1f, 32767f / 32768, -1f, 0f, 2f / 32768, 0f, 0f);
    WavWriter.write(AudioClip.ofMono(8000, new float[] {1f, -1.5f}), f, WavWriter.Encoding.PCM24);
    assertThat(AudioReader.read(f).channel(0)).containsExactly(8388607f / 8388608, -1f);
  }

  @Test
  void writingReplacesTheTargetAndLeavesNoTemporaryFiles() throws IOException {
    Path f = dir.resolve("out.wav");
    Files.writeString(f, "old content");
    WavWriter.write(AudioClip.ofMono(16000, new float[] {0.25f, -0.25f, 0f}), f, WavWriter.Encoding.PCM24);
    assertThat(AudioReader.read(f).channel(0)).containsExactly(0.25f, -0.25f, 0f);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(f);
    }
  }

  @Test
  void oddSizedDataIsPaddedAndEmptyClipsAreValid() throws IOException {
    Path f = dir.resolve("odd.wav");
    WavWriter.write(AudioClip.ofMono(8000, new float[] {0.5f}), f, WavWriter.Encoding.PCM24);
    assertThat(Files.size(f) % 2).isZero();
    assertThat(AudioReader.read(f).warnings()).isEmpty();
    WavWriter.write(AudioClip.of(8000, new float[0], new float[0]), f, WavWriter.Encoding.FLOAT32);
    AudioClip empty = AudioReader.read(f);
    assertThat(empty.frameCount()).isZero();
    assertThat(empty.channelCount()).isEqualTo(2);
  }
}
