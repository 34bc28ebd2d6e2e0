package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ser4j.audio.TestAudioFiles.RATE_8000;
import static org.ser4j.audio.TestAudioFiles.aiff;
import static org.ser4j.audio.TestAudioFiles.ascii;
import static org.ser4j.audio.TestAudioFiles.be;
import static org.ser4j.audio.TestAudioFiles.concat;
import static org.ser4j.audio.TestAudioFiles.hex;
import static org.ser4j.audio.TestAudioFiles.le;
import static org.ser4j.audio.TestAudioFiles.wav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files: typed exceptions naming the file where audio is missing; repairs with warnings where it is there. */
class AudioReaderCorruptionTest {

  @TempDir
  Path dir;

  private Path file(String name, byte[] content) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, content);
    return f;
  }

  private void assertFails(byte[] content, Class<? extends AudioFormatException> type, String... fragments)
      throws IOException {
    Path f = file("broken-" + type.getSimpleName() + ".wav", content);
    for (ThrowingRead read : new ThrowingRead[] {() -> AudioReader.read(f), () -> AudioReader.probe(f)}) {
      assertThatThrownBy(read::run).isExactlyInstanceOf(type)
          .hasMessageStartingWith(f.toString() + ": ")
          .hasMessageContainingAll(fragments);
    }
    assertThatThrownBy(() -> AudioReader.read(content, "mem:clip")).isExactlyInstanceOf(type)
        .hasMessageStartingWith("mem:clip: ");
  }

  private interface ThrowingRead {
    Object run() throws Exception;
  }

  // ---- not audio at all ----

  @Test
  void emptyFileIsUnrecognized() throws IOException {
    assertFails(new byte[0], UnrecognizedAudioException.class, "empty");
  }

  @Test
  void randomBytesAreUnrecognized() throws IOException {
    byte[] noise = new byte[1000];
    new java.util.Random(7).nextBytes(noise);
    noise[0] = 'x';
    assertFails(noise, UnrecognizedAudioException.class, "not a WAV or AIFF file");
  }

  @Test
  void otherContainersAreUnrecognized() throws IOException {
    assertFails(concat(ascii("RIFF"), le(4, 4), ascii("AVI LIST")), UnrecognizedAudioException.class, "'AVI '");
    assertFails(concat(ascii("fLaC"), new byte[40]), UnrecognizedAudioException.class, "FLAC");
    assertFails(concat(ascii("ID3"), new byte[40]), UnrecognizedAudioException.class, "MP3");
    assertFails(ascii("RIFF"), UnrecognizedAudioException.class, "too short");
  }

  // ---- a container without usable audio ----

  @Test
  void missingFmtChunkIsMalformed() throws IOException {
    assertFails(wav(1, 1, 8000, 16).withoutFmt().data(le(2, 1, 2)).build(), MalformedAudioException.class,
        "no fmt chunk");
  }

  @Test
  void missingDataChunkIsMalformed() throws IOException {
    assertFails(wav(1, 1, 8000, 16).withoutData().chunkAfterData("LIST", new byte[4]).build(),
        MalformedAudioException.class, "no data chunk");
  }

  @Test
  void missingCommOrSsndChunkIsMalformed() throws IOException {
    assertFails(aiff(1, 16, RATE_8000).withoutComm().data(be(2, 1)).build(), MalformedAudioException.class,
        "no COMM chunk");
    assertFails(aiff(1, 16, RATE_8000).withoutSsnd().build(), MalformedAudioException.class, "no SSND chunk");
  }

  @Test
  void zeroOrAbsurdChannelCountsAreMalformed() throws IOException {
    assertFails(wav(1, 0, 8000, 16).blockAlign(2).data(le(2, 1)).build(), MalformedAudioException.class,
        "0 channels");
    assertFails(wav(1, 65535, 8000, 16).blockAlign(2).data(le(2, 1)).build(), MalformedAudioException.class,
        "65535 channels", "1024");
    assertFails(aiff(-3, 16, RATE_8000).data(be(2, 1)).build(), MalformedAudioException.class, "-3 channels");
  }

  @Test
  void zeroOrAbsurdSampleRatesAreMalformed() throws IOException {
    assertFails(wav(1, 1, 0, 16).data(le(2, 1)).build(), MalformedAudioException.class, "sample rate of 0");
    assertFails(wav(1, 1, 0x7FFFFFFF, 16).data(le(2, 1)).build(), MalformedAudioException.class,
        "2147483647 Hz", "10000000");
    assertFails(aiff(1, 16, hex("7FFF8000000000000000")).data(be(2, 1)).build(), MalformedAudioException.class,
        "sample rate");
    assertFails(aiff(1, 16, hex("00000000000000000000")).data(be(2, 1)).build(), MalformedAudioException.class,
        "sample rate");
  }

  @Test
  void zeroOrAbsurdBitDepthsAreMalformed() throws IOException {
    assertFails(wav(1, 1, 8000, 0).blockAlign(1).data(le(1, 1)).build(), MalformedAudioException.class,
        "0 bits");
    assertFails(wav(1, 1, 8000, 48).data(new byte[12]).build(), MalformedAudioException.class, "48 bits");
    assertFails(wav(3, 1, 8000, 16).data(new byte[4]).build(), MalformedAudioException.class, "IEEE float with 16 bits");
    assertFails(aiff(1, 0, RATE_8000).data(new byte[4]).build(), MalformedAudioException.class, "0 bits");
  }

  @Test
  void inconsistentBlockAlignIsIgnoredAsLibsndfileDoesWithAWarning() throws IOException {
    for (int align : new int[] {0, 1, 4}) {
      AudioClip clip = AudioReader.read(wav(1, 1, 8000, 16).blockAlign(align).data(le(2, 100, 200, 300)).build(),
          "align.wav");
      assertThat(clip.channel(0)).as("block align " + align).containsExactly(100f / 32768, 200f / 32768, 300f / 32768);
      assertThat(clip.warnings()).singleElement().asString().contains("block align of " + align, "need 2");
    }
    AudioClip stereo = AudioReader.read(wav(1, 2, 8000, 16).blockAlign(3).data(new byte[12]).build(), "s.wav");
    assertThat(stereo.frameCount()).isEqualTo(3);
  }

  @Test
  void extensibleWithANonStandardGuidTailIsUnsupported() throws IOException {
    byte[] good = wav(0xFFFE, 1, 8000, 16).extensible(1).data(le(2, 1, 2)).build();
    assertThat(AudioReader.read(good, "ok.wav").frameCount()).isEqualTo(2);
    byte[] bad = good.clone();
    int guid = indexOf(bad, new byte[] {0x01, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA});
    bad[guid + 15] ^= 0x01; // the last byte of the GUID
    assertFails(bad, UnsupportedAudioEncodingException.class, "sub-format GUID", "not a standard");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("GUID not found");
  }

  @Test
  void dataChunkOfSizeZeroHoldsNoAudioAsInLibsndfileWithAWarning() throws IOException {
    byte[] file = wav(1, 1, 8000, 16).data(le(2, 100, 200, 300)).dataSize(0).build();
    AudioClip clip = AudioReader.read(file, "zero.wav");
    assertThat(clip.frameCount()).isZero();
    assertThat(clip.warnings()).singleElement().asString().contains("declares 0 bytes", "6 bytes after it");
  }

  @Test
  void aWalkThroughMillionsOfEmptyChunksGivesUp() throws IOException {
    int n = 200_000; // enough to pass the bound; 8 bytes each
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + 8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4 + 8 * n)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < n; i++) {
      b.put("junk".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
    }
    assertFails(b.array(), MalformedAudioException.class, "more than 10000 chunks");
  }

  @Test
  void aiffRatesOfInfinityAndHugeValuesAreReportedAsRead() throws IOException {
    byte[] inf = hex("7FFF8000000000000000");
    byte[] huge = hex("43E3BF21E44003ACDD2C"); // 1e300 as an 80-bit extended float
    assertFails(aiff(1, 16, inf).data(be(2, 1)).build(), MalformedAudioException.class, "Infinity Hz");
    assertFails(aiff(1, 16, huge).data(be(2, 1)).build(), MalformedAudioException.class, "E300 Hz");
  }

  @Test
  void shortFmtChunksAreMalformed() throws IOException {
    assertFails(wav(1, 1, 8000, 16).rawFmt(le(2, 1, 1, 0, 0)).data(new byte[4]).build(),
        MalformedAudioException.class, "fmt chunk is 8 bytes");
    assertFails(wav(0xFFFE, 1, 8000, 16).rawFmt(concat(le(2, 0xFFFE, 1), le(4, 8000, 16000), le(2, 2, 16)))
        .data(new byte[4]).build(), MalformedAudioException.class, "EXTENSIBLE", "40");
  }

  // ---- codecs we do not decode ----

  @Test
  void compressedWaveFormatsAreUnsupportedAndNamed() throws IOException {
    assertFails(wav(0x0055, 1, 44100, 0).blockAlign(1).data(new byte[100]).build(),
        UnsupportedAudioEncodingException.class, "WAVE format 0x0055 (MPEG Layer 3) is not supported");
    assertFails(wav(0x0002, 1, 8000, 4).blockAlign(256).data(new byte[256]).build(),
        UnsupportedAudioEncodingException.class, "0x0002 (Microsoft ADPCM)");
    assertFails(wav(0x0011, 1, 8000, 4).blockAlign(256).data(new byte[256]).build(),
        UnsupportedAudioEncodingException.class, "0x0011 (IMA ADPCM)");
    assertFails(wav(0x0050, 1, 8000, 0).blockAlign(1).data(new byte[10]).build(),
        UnsupportedAudioEncodingException.class, "0x0050 (MPEG)");
    assertFails(wav(0x0031, 1, 8000, 0).blockAlign(65).data(new byte[65]).build(),
        UnsupportedAudioEncodingException.class, "GSM 6.10");
    assertFails(wav(0xFFFE, 1, 8000, 16).extensible(0x0002).data(new byte[4]).build(),
        UnsupportedAudioEncodingException.class, "sub-format 0x0002 (Microsoft ADPCM)");
  }

  @Test
  void compressedAiffCTypesAreUnsupportedAndNamed() throws IOException {
    assertFails(aiff(1, 16, RATE_8000).aifc("ima4").data(new byte[34]).build(),
        UnsupportedAudioEncodingException.class, "AIFF-C compression type 'ima4' (IMA 4:1 ADPCM) is not supported");
    assertFails(aiff(1, 16, RATE_8000).aifc("MAC3").data(new byte[34]).build(),
        UnsupportedAudioEncodingException.class, "'MAC3'");
  }

  // ---- repairs: the audio is there, the header is wrong ----

  @Test
  void truncatedDataChunkDecodesTheBytesPresentWithAWarning() throws IOException {
    byte[] full = wav(1, 1, 8000, 16).data(le(2, 1, 2, 3, 4, 5, 6)).dataSize(1_000_000).riffSize(1_000_036).build();
    Path f = file("truncated.wav", full);
    AudioInfo info = AudioReader.probe(f);
    assertThat(info.frames()).isEqualTo(6);
    AudioClip clip = AudioReader.read(f);
    assertThat(clip.channel(0)).containsExactly(1f / 32768, 2f / 32768, 3f / 32768, 4f / 32768, 5f / 32768, 6f / 32768);
    assertThat(clip.warnings()).containsExactly(
        "data chunk declares 1000000 bytes but only 12 are present; decoded 6 frames");
    assertThat(info.warnings()).isEqualTo(clip.warnings());
  }

  @Test
  void truncationInsideAFrameDropsThePartialFrame() throws IOException {
    byte[] full = wav(1, 2, 8000, 16).data(le(2, 10, 20, 30, 40)).build();
    byte[] cut = Arrays.copyOf(full, full.length - 3); // 1 frame and 1 byte of the second remain
    AudioClip clip = AudioReader.read(cut, "cut.wav");
    assertThat(clip.frameCount()).isEqualTo(1);
    assertThat(clip.channel(0)).containsExactly(10f / 32768);
    assertThat(clip.channel(1)).containsExactly(20f / 32768);
    assertThat(clip.warnings()).singleElement().asString()
        .contains("declares 8 bytes but only 5 are present; decoded 1 frames", "partial frame of 1 bytes");
  }

  @Test
  void dataSizeNotAMultipleOfTheFrameSizeDropsTheTrailingPartialFrame() throws IOException {
    byte[] file = wav(1, 1, 8000, 16).data(concat(le(2, 5, 6), new byte[] {9})).chunkAfterData("LIST", new byte[4]).build();
    AudioClip clip = AudioReader.read(file, "odd.wav");
    assertThat(clip.channel(0)).containsExactly(5f / 32768, 6f / 32768);
    assertThat(clip.warnings()).singleElement().asString().contains("partial frame of 1 bytes", "decoded 2 frames");
  }

  @Test
  void unknownLengthStreamsDecodeToTheEndOfTheFile() throws IOException {
    for (long marker : new long[] {0xFFFFFFFFL}) {
      byte[] file = wav(1, 1, 8000, 16).data(le(2, 100, 200, 300)).dataSize(marker).riffSize(marker).build();
      AudioClip clip = AudioReader.read(file, "stream.wav");
      assertThat(clip.channel(0)).containsExactly(100f / 32768, 200f / 32768, 300f / 32768);
      assertThat(clip.warnings()).singleElement().asString()
          .contains("data chunk size is unknown", "decoded 3 frames");
    }
  }

  @Test
  void emptyDataChunkIsAValidEmptyClip() throws IOException {
    AudioClip clip = AudioReader.read(wav(1, 2, 8000, 16).build(), "empty-data.wav");
    assertThat(clip.frameCount()).isZero();
    assertThat(clip.channelCount()).isEqualTo(2);
    assertThat(clip.warnings()).isEmpty();
  }

  @Test
  void riffSizeBeyondTheFileIsReportedWhenTheDataIsComplete() throws IOException {
    AudioClip clip = AudioReader.read(wav(1, 1, 8000, 16).data(le(2, 1)).riffSize(5000).build(), "riff.wav");
    assertThat(clip.frameCount()).isEqualTo(1);
    assertThat(clip.warnings()).singleElement().asString().contains("RIFF header declares 5008 bytes");
  }

  @Test
  void truncatedAiffDecodesTheBytesPresentWithAWarning() throws IOException {
    byte[] full = aiff(1, 16, RATE_8000).data(be(2, 1, 2, 3, 4)).build();
    byte[] cut = Arrays.copyOf(full, full.length - 4);
    AudioClip clip = AudioReader.read(cut, "cut.aiff");
    assertThat(clip.channel(0)).containsExactly(1f / 32768, 2f / 32768);
    assertThat(clip.warnings()).singleElement().asString()
        .contains("SSND chunk declares 8 bytes but only 4 are present; decoded 2 frames");
  }

  @Test
  void aiffWithUnknownSsndSizeDecodesToTheEnd() throws IOException {
    AudioClip clip = AudioReader.read(aiff(1, 16, RATE_8000).data(be(2, 7, 8)).ssndSize(0xFFFFFFFFL).build(), "s.aiff");
    assertThat(clip.channel(0)).containsExactly(7f / 32768, 8f / 32768);
    assertThat(clip.warnings()).singleElement().asString().contains("SSND chunk size is unknown");
  }

  @Test
  void aiffFrameCountDisagreeingWithSsndIsReported() throws IOException {
    AudioClip clip = AudioReader.read(aiff(1, 16, RATE_8000).data(be(2, 7, 8)).numFrames(5).build(), "n.aiff");
    assertThat(clip.frameCount()).isEqualTo(2);
    assertThat(clip.warnings()).singleElement().asString().contains("COMM chunk declares 5 frames");
  }

  @Test
  void ssndOffsetPastItsChunkIsMalformed() throws IOException {
    byte[] file = aiff(1, 16, RATE_8000).data(be(2, 7, 8)).ssndSize(8).ssndOffset(4).build();
    assertFails(file, MalformedAudioException.class, "data offset of 4");
  }
}
