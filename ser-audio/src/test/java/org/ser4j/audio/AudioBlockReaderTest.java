package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

/** Block-wise decoding and seeking give exactly the samples of a whole read. */
class AudioBlockReaderTest {

  private static final Path STEREO = SharedData.golden("voice_24414_stereo_pcm24.wav");

  @Test
  void readingInSmallOddBlocksEqualsReadingWhole() throws IOException {
    AudioClip whole = AudioReader.read(STEREO);
    int n = whole.frameCount();
    float[][] blocks = new float[2][n];
    try (AudioBlockReader reader = AudioReader.open(STEREO)) {
      assertThat(reader.info().frames()).isEqualTo(n);
      int done = 0;
      int size = 1;
      int got;
      while ((got = reader.read(blocks, done, Math.min(size, n - done))) > 0) {
        done += got;
        size = size * 3 + 1; // 1, 4, 13, 40, ... up to blocks larger than the 64 KiB buffer
      }
      assertThat(done).isEqualTo(n);
      assertThat(reader.read(new float[2][10], 0, 10)).isEqualTo(-1);
    }
    assertThat(blocks[0]).containsExactly(whole.channel(0));
    assertThat(blocks[1]).containsExactly(whole.channel(1));
  }

  @Test
  void seekMovesToAFrameWithoutDecodingWhatIsSkipped() throws IOException {
    AudioClip whole = AudioReader.read(STEREO);
    try (AudioBlockReader reader = AudioReader.open(STEREO)) {
      float[][] dest = new float[2][100];
      reader.seek(30_000);
      assertThat(reader.read(dest, 0, 100)).isEqualTo(100);
      assertThat(reader.position()).isEqualTo(30_100);
      assertThat(dest[0]).containsExactly(Arrays.copyOfRange(whole.channel(0), 30_000, 30_100));
      assertThat(dest[1]).containsExactly(Arrays.copyOfRange(whole.channel(1), 30_000, 30_100));
      reader.seek(5); // backwards
      assertThat(reader.read(dest, 10, 3)).isEqualTo(3);
      assertThat(Arrays.copyOfRange(dest[1], 10, 13)).containsExactly(Arrays.copyOfRange(whole.channel(1), 5, 8));
      reader.seek(whole.frameCount());
      assertThat(reader.read(dest, 0, 1)).isEqualTo(-1);
      assertThatThrownBy(() -> reader.seek(whole.frameCount() + 1L)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> reader.seek(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readRangeIsClippedToTheFile() throws IOException {
    Path file = SharedData.golden("voice_24414.wav");
    AudioClip whole = AudioReader.read(file);
    AudioClip middle = AudioReader.read(file, 12_207, 24_414);
    assertThat(middle.frameCount()).isEqualTo(24_414);
    assertThat(middle.channel(0)).containsExactly(Arrays.copyOfRange(whole.channel(0), 12_207, 36_621));
    AudioClip tail = AudioReader.read(file, 48_000, 10_000);
    assertThat(tail.frameCount()).isEqualTo(828);
    assertThat(AudioReader.read(file, 40_000, -1).frameCount()).isEqualTo(8_828);
    assertThat(AudioReader.read(file, 60_000, 10).frameCount()).isZero();
    assertThatThrownBy(() -> AudioReader.read(file, -1, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readRejectsTooFewOrTooSmallDestinationArrays() throws IOException {
    try (AudioBlockReader reader = AudioReader.open(STEREO)) {
      assertThatThrownBy(() -> reader.read(new float[1][10], 0, 10)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> reader.read(new float[2][10], 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> reader.read(new float[2][10], 0, -1)).isInstanceOf(IllegalArgumentException.class);
      assertThat(reader.read(new float[2][10], 0, 0)).isZero();
    }
  }

  @Test
  void closedReaderRefusesToReadAndCloseIsIdempotent() throws IOException {
    AudioBlockReader reader = AudioReader.open(STEREO);
    reader.close();
    reader.close();
    assertThatThrownBy(() -> reader.read(new float[2][1], 0, 1)).isInstanceOf(IOException.class);
  }

  @Test
  void fileShrunkWhileOpenIsAnIoErrorNotSilence(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("shrinks.wav");
    Files.write(f, TestAudioFiles.wav(1, 1, 8000, 16).data(new byte[20_000]).build());
    try (AudioBlockReader reader = AudioReader.open(f)) {
      try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(1000);
      }
      assertThatThrownBy(() -> reader.read(new float[1][10_000], 0, 10_000))
          .isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }
  }

  @Test
  void probeAndRangedReadTouchOnlyHeadersAndTheRequestedFramesOfAHugeFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("huge.wav");
    long dataBytes = 3_000_000_000L; // sparse: allocated on disk only where written
    Files.write(f, TestAudioFiles.wav(1, 1, 8000, 16).dataSize(dataBytes).riffSize(dataBytes + 36).build());
    try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(44 + dataBytes);
      raf.seek(44 + 2L * 1_400_000_000L);
      raf.write(new byte[] {0, 0x40}); // frame 1.4e9 = 0.5
    }
    long start = System.nanoTime();
    AudioInfo info = AudioReader.probe(f);
    AudioClip clip = AudioReader.read(f, 1_400_000_000L, 3);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(info.frames()).isEqualTo(1_500_000_000L);
    assertThat(info.warnings()).isEmpty();
    assertThat(clip.channel(0)).containsExactly(0.5f, 0f, 0f);
    assertThat(millis).as("milliseconds for probe + ranged read of a 3 GB file").isLessThan(5_000);
  }
}
