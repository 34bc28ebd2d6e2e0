package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ser4j.audio.TestAudioFiles.RATE_24414;
import static org.ser4j.audio.TestAudioFiles.RATE_44100;
import static org.ser4j.audio.TestAudioFiles.RATE_8000;
import static org.ser4j.audio.TestAudioFiles.aiff;
import static org.ser4j.audio.TestAudioFiles.be;
import static org.ser4j.audio.TestAudioFiles.concat;
import static org.ser4j.audio.TestAudioFiles.doubles;
import static org.ser4j.audio.TestAudioFiles.floats;
import static org.ser4j.audio.TestAudioFiles.le;
import static org.ser4j.audio.TestAudioFiles.wav;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported encoding, built byte by byte, decodes to the values libsndfile gives. */
class AudioReaderEncodingTest {

  private static AudioClip decode(byte[] file) throws AudioFormatException {
    AudioClip clip = AudioReader.read(file, "test.wav");
    assertThat(clip.warnings()).isEmpty();
    return clip;
  }

  @Test
  void unsignedEightBitPcmIsCentredOn128AndScaledBy128() throws Exception {
    AudioClip clip = decode(wav(1, 1, 8000, 8).data(new byte[] {0, (byte) 64, (byte) 128, (byte) 255}).build());
    assertThat(clip.channel(0)).containsExactly(-1f, -0.5f, 0f, 127f / 128f);
    assertThat(clip.sampleRate()).isEqualTo(8000);
  }

  @Test
  void sixteenBitPcmIsScaledBy32768() throws Exception {
    AudioClip clip = decode(wav(1, 1, 16000, 16).data(le(2, -32768, -16384, 0, 1, 32767)).build());
    assertThat(clip.channel(0)).containsExactly(-1f, -0.5f, 0f, 1f / 32768, 32767f / 32768);
  }

  @Test
  void twentyFourBitPcmIsScaledBy2To23() throws Exception {
    AudioClip clip = decode(wav(1, 1, 48000, 24).data(le(3, -8388608, 4194304, -1, 8388607)).build());
    assertThat(clip.channel(0)).containsExactly(-1f, 0.5f, -1f / 8388608, 8388607f / 8388608);
  }

  @Test
  void thirtyTwoBitPcmIsScaledBy2To31() throws Exception {
    AudioClip clip = decode(wav(1, 1, 48000, 32).data(le(4, Integer.MIN_VALUE, 1 << 30, 0, -(1 << 29))).build());
    assertThat(clip.channel(0)).containsExactly(-1f, 0.5f, 0f, -0.25f);
  }

  @Test
  void float32IsKeptBitForBitIncludingValuesBeyondOne() throws Exception {
    AudioClip clip = decode(wav(3, 1, 22050, 32).chunkBeforeData("fact", le(4, 3))
        .data(floats(ByteOrder.LITTLE_ENDIAN, 0.1f, -1.5f, 3e-8f)).build());
    assertThat(clip.channel(0)).containsExactly(0.1f, -1.5f, 3e-8f);
  }

  @Test
  void float64IsRoundedToFloat() throws Exception {
    AudioClip clip = decode(wav(3, 1, 22050, 64).data(doubles(ByteOrder.LITTLE_ENDIAN, 0.1, -0.75, 1e-300)).build());
    assertThat(clip.channel(0)).containsExactly(0.1f, -0.75f, 0f);
  }

  @Test
  void aLawFollowsTheG711Table() throws Exception {
    // G.711 A-law reference values: 0xD5 -> +8, 0x55 -> -8, 0xAA -> +32256, 0x2A -> -32256, 0x00 -> -5504
    AudioClip clip = decode(wav(6, 1, 8000, 8)
        .data(new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A, 0x00}).build());
    assertThat(clip.channel(0)).containsExactly(8f / 32768, -8f / 32768, 32256f / 32768, -32256f / 32768,
        -5504f / 32768);
  }

  @Test
  void muLawFollowsTheG711Table() throws Exception {
    AudioClip clip = decode(wav(7, 1, 8000, 8)
        .data(new byte[] {(byte) 0xFF, 0x7F, 0x00, (byte) 0x80, (byte) 0xFE}).build());
    assertThat(clip.channel(0)).containsExactly(0f, 0f, -32124f / 32768, 32124f / 32768, 8f / 32768);
  }

  @Test
  void extensibleFormatsDecodeByTheirSubFormatGuid() throws Exception {
    AudioClip pcm = AudioReader.read(wav(0xFFFE, 2, 44100, 16).extensible(1).data(le(2, 16384, -16384)).build(), "x");
    assertThat(pcm.channelCount()).isEqualTo(2);
    assertThat(pcm.channel(0)).containsExactly(0.5f);
    assertThat(pcm.channel(1)).containsExactly(-0.5f);
    AudioClip flt = AudioReader.read(wav(0xFFFE, 1, 44100, 32).extensible(3)
        .data(floats(ByteOrder.LITTLE_ENDIAN, 0.25f)).build(), "x");
    assertThat(flt.channel(0)).containsExactly(0.25f);
    AudioClip ulaw = AudioReader.read(wav(0xFFFE, 1, 8000, 8).extensible(7).data(new byte[] {0x00}).build(), "x");
    assertThat(ulaw.channel(0)).containsExactly(-32124f / 32768);
  }

  @Test
  void extensibleIsReportedAsItsOwnContainer(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ext.wav");
    Files.write(f, wav(0xFFFE, 1, 96000, 24).extensible(1).data(le(3, 1, 2)).build());
    AudioInfo info = AudioReader.probe(f);
    assertThat(info.container()).isEqualTo(Container.WAV_EXTENSIBLE);
    assertThat(info.encoding()).isEqualTo(SampleEncoding.PCM_S24);
    assertThat(info.bitsPerSample()).isEqualTo(24);
    assertThat(info.frames()).isEqualTo(2);
    assertThat(info.source()).isEqualTo(f);
  }

  @Test
  void channelsAreDeinterleavedForAnyChannelCount() throws Exception {
    int channels = 6;
    long[] values = new long[channels * 3];
    for (int f = 0; f < 3; f++) {
      for (int c = 0; c < channels; c++) {
        values[f * channels + c] = (c + 1) * 1000L + f; // channel c, frame f
      }
    }
    AudioClip clip = decode(wav(1, channels, 48000, 16).data(le(2, values)).build());
    assertThat(clip.channelCount()).isEqualTo(6);
    for (int c = 0; c < channels; c++) {
      int base = (c + 1) * 1000;
      assertThat(clip.channel(c)).containsExactly(base / 32768f, (base + 1) / 32768f, (base + 2) / 32768f);
    }
  }

  @Test
  void unknownChunksAreSkippedAndOddSizedChunksArePadded() throws Exception {
    byte[] file = wav(1, 1, 8000, 16)
        .chunkBeforeData("LIST", TestAudioFiles.ascii("INFOISFT\u0005\u0000\u0000\u0000abcde")) // 17 bytes: odd
        .chunkBeforeData("cue ", le(4, 0))
        .chunkBeforeData("PEAK", new byte[3])
        .data(le(2, 100, -100, 7))
        .chunkAfterData("id3 ", new byte[5])
        .build();
    AudioClip clip = decode(file);
    assertThat(clip.channel(0)).containsExactly(100f / 32768, -100f / 32768, 7f / 32768);
  }

  @Test
  void dataBeforeFmtIsStillFound() throws Exception {
    byte[] fmt = concat(le(2, 1, 1), le(4, 8000, 16000), le(2, 2, 16));
    byte[] file = concat(TestAudioFiles.ascii("RIFF"), le(4, 4 + 8 + 4 + 8 + 16), TestAudioFiles.ascii("WAVE"),
        TestAudioFiles.riffChunk("data", le(2, 3, 4)), TestAudioFiles.riffChunk("fmt ", fmt));
    assertThat(decode(file).channel(0)).containsExactly(3f / 32768, 4f / 32768);
  }

  @Test
  void aiffIsBigEndianSignedPcmWithAnExtendedSampleRate() throws Exception {
    AudioClip clip = decode(aiff(1, 16, RATE_24414).data(be(2, 16384, -32768, 1)).build());
    assertThat(clip.sampleRate()).isEqualTo(24414);
    assertThat(clip.channel(0)).containsExactly(0.5f, -1f, 1f / 32768);
  }

  @Test
  void aiffEightBitIsSignedAndTwentyFourBitIsBigEndian() throws Exception {
    AudioClip s8 = decode(aiff(1, 8, RATE_8000).data(new byte[] {-128, 64, 0, 127}).build());
    assertThat(s8.sampleRate()).isEqualTo(8000);
    assertThat(s8.channel(0)).containsExactly(-1f, 0.5f, 0f, 127f / 128);
    AudioClip s24 = decode(aiff(2, 24, RATE_44100).data(be(3, 4194304, -8388608)).build());
    assertThat(s24.sampleRate()).isEqualTo(44100);
    assertThat(s24.channel(0)).containsExactly(0.5f);
    assertThat(s24.channel(1)).containsExactly(-1f);
  }

  @Test
  void aiffSsndOffsetFieldIsHonoured() throws Exception {
    AudioClip clip = decode(aiff(1, 16, RATE_8000).ssndOffset(6).data(be(2, 8192, -8192)).build());
    assertThat(clip.channel(0)).containsExactly(0.25f, -0.25f);
  }

  @Test
  void aiffCNoneAndTwosAreBigEndianAndSowtIsLittleEndian() throws Exception {
    assertThat(decode(aiff(1, 16, RATE_8000).aifc("NONE").data(be(2, 16384)).build()).channel(0)).containsExactly(0.5f);
    assertThat(decode(aiff(1, 16, RATE_8000).aifc("twos").data(be(2, -16384)).build()).channel(0)).containsExactly(-0.5f);
    AudioClip sowt = decode(aiff(2, 16, RATE_44100).aifc("sowt").data(le(2, 16384, -8192)).build());
    assertThat(sowt.channel(0)).containsExactly(0.5f);
    assertThat(sowt.channel(1)).containsExactly(-0.25f);
    AudioClip sowt24 = decode(aiff(1, 24, RATE_44100).aifc("sowt").data(le(3, -4194304)).build());
    assertThat(sowt24.channel(0)).containsExactly(-0.5f);
  }

  @Test
  void aiffCFloatTypesAreBigEndianIeee() throws Exception {
    AudioClip fl32 = decode(aiff(1, 32, RATE_8000).aifc("fl32").data(floats(ByteOrder.BIG_ENDIAN, 0.3f, -2f)).build());
    assertThat(fl32.channel(0)).containsExactly(0.3f, -2f);
    AudioClip upper = decode(aiff(1, 32, RATE_8000).aifc("FL32").data(floats(ByteOrder.BIG_ENDIAN, 0.125f)).build());
    assertThat(upper.channel(0)).containsExactly(0.125f);
    AudioClip fl64 = decode(aiff(1, 64, RATE_8000).aifc("fl64").data(doubles(ByteOrder.BIG_ENDIAN, 0.1, -0.5)).build());
    assertThat(fl64.channel(0)).containsExactly(0.1f, -0.5f);
  }

  @Test
  void aiffCG711TypesUseTheG711Tables() throws Exception {
    assertThat(decode(aiff(1, 8, RATE_8000).aifc("ulaw").data(new byte[] {0x00}).build()).channel(0))
        .containsExactly(-32124f / 32768);
    assertThat(decode(aiff(1, 8, RATE_8000).aifc("alaw").data(new byte[] {(byte) 0xD5}).build()).channel(0))
        .containsExactly(8f / 32768);
  }

  @Test
  void aiffContainersAreReportedByProbe(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("named-like-a.wav");
    Files.write(plain, aiff(1, 16, RATE_24414).data(be(2, 1, 2, 3)).build());
    AudioInfo info = AudioReader.probe(plain);
    assertThat(info.container()).isEqualTo(Container.AIFF);
    assertThat(info.encoding()).isEqualTo(SampleEncoding.PCM_S16);
    assertThat(info.sampleRate()).isEqualTo(24414);
    assertThat(info.frames()).isEqualTo(3);
    assertThat(info.durationSeconds()).isEqualTo(3.0 / 24414);
    Path c = dir.resolve("c.aifc");
    Files.write(c, aiff(1, 32, RATE_8000).aifc("fl32").data(floats(ByteOrder.BIG_ENDIAN, 1f)).build());
    assertThat(AudioReader.probe(c).container()).isEqualTo(Container.AIFF_C);
    assertThat(AudioReader.probe(c).encoding()).isEqualTo(SampleEncoding.FLOAT32);
  }

  @Test
  void encodingsAndContainersHaveShortLabels() {
    assertThat(SampleEncoding.PCM_S16.label()).isEqualTo("PCM 16-bit");
    assertThat(SampleEncoding.FLOAT32.label()).isEqualTo("float 32-bit");
    assertThat(SampleEncoding.ALAW.label()).isEqualTo("A-law");
    assertThat(SampleEncoding.FLOAT64.bitsPerSample()).isEqualTo(64);
    assertThat(Container.AIFF_C.label()).isEqualTo("AIFF-C");
  }
}
