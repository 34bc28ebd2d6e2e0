package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RF64/BW64 and Sony Wave64: the WAVE layouts for recordings over 4 GiB, decoded like plain WAVE. */
class LongWaveFormatsTest {

  @TempDir Path dir;

  private static final short[] SAMPLES = {100, -200, 300, -400, 500, -600}; // 3 stereo frames

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static void fmt(ByteBuffer b) {
    b.putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000).putShort((short) 4).putShort((short) 16);
  }

  private static void data(ByteBuffer b) {
    for (short s : SAMPLES) {
      b.putShort(s);
    }
  }

  static byte[] rf64(String magic) {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 28 + 8 + 16 + 8 + 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii(magic)).putInt(-1).put(ascii("WAVE"));
    b.put(ascii("ds64")).putInt(28).putLong(4 + 36 + 24 + 20).putLong(12).putLong(3).putInt(0);
    b.put(ascii("fmt ")).putInt(16);
    fmt(b);
    b.put(ascii("data")).putInt(-1); // the real size is in ds64
    data(b);
    return b.array();
  }

  static byte[] w64() {
    byte[] tail = HexFormat.of().parseHex("f3acd3118cd100c04f8edb8a");
    ByteBuffer b = ByteBuffer.allocate(40 + 24 + 16 + 24 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("riff")).put(HexFormat.of().parseHex("2e91cf11a5d628db04c10000")).putLong(b.capacity() - 4);
    b.put(ascii("wave")).put(tail);
    b.put(ascii("fmt ")).put(tail).putLong(24 + 16);
    fmt(b);
    b.put(ascii("data")).put(tail).putLong(24 + 12);
    data(b);
    return b.array(); // 4 bytes of alignment padding at the end
  }

  private static void assertDecoded(AudioClip clip) {
    assertThat(clip.sampleRate()).isEqualTo(8000);
    assertThat(clip.channelCount()).isEqualTo(2);
    assertThat(clip.channel(0)).containsExactly(100f / 32768, 300f / 32768, 500f / 32768);
    assertThat(clip.channel(1)).containsExactly(-200f / 32768, -400f / 32768, -600f / 32768);
  }

  @Test
  void rf64AndBw64DecodeWithTheSizesOfTheirDs64Chunk() throws IOException {
    for (String magic : new String[] {"RF64", "BW64"}) {
      Path f = Files.write(dir.resolve(magic + ".wav"), rf64(magic));
      AudioInfo info = AudioReader.probe(f);
      assertThat(info.container()).isEqualTo(Container.RF64);
      assertThat(info.frames()).isEqualTo(3);
      assertThat(info.nameMismatch()).isEmpty();
      AudioClip clip = AudioReader.read(f);
      assertDecoded(clip);
      assertThat(clip.warnings()).isEmpty();
    }
  }

  @Test
  void rf64WithoutDs64IsMalformed() {
    byte[] b = rf64("RF64");
    b[12] = 'x'; // ds64 -> xs64
    assertThatThrownBy(() -> AudioReader.read(b, "no-ds64.wav")).isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("ds64");
  }

  @Test
  void wave64DecodesWithItsGuidChunks() throws IOException {
    Path f = Files.write(dir.resolve("a.w64"), w64());
    AudioInfo info = AudioReader.probe(f);
    assertThat(info.container()).isEqualTo(Container.W64);
    AudioClip clip = AudioReader.read(f);
    assertDecoded(clip);
    assertThat(clip.warnings()).isEmpty();
  }

  @Test
  void wave64ChunkSmallerThanItsHeaderIsMalformed() {
    byte[] b = w64();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(40 + 16, 3); // fmt chunk size 3
    assertThatThrownBy(() -> AudioReader.read(b, "bad.w64")).isInstanceOf(MalformedAudioException.class)
        .hasMessageContaining("fewer than its own 24-byte header");
  }
}
