package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioStreamTest {

  @TempDir Path dir;

  private Path stereo(int rate, double seconds) throws IOException {
    int n = (int) (rate * seconds);
    float[] l = new float[n];
    float[] r = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (0.4 * Math.sin(2 * Math.PI * 330 * i / rate));
      r[i] = (float) (0.2 * Math.sin(2 * Math.PI * 1700 * i / rate + 1));
    }
    Path f = dir.resolve("s" + rate + ".wav");
    WavWriter.write(AudioClip.of(rate, l, r), f, WavWriter.Encoding.FLOAT32);
    return f;
  }

  private static float[][] readAll(AudioStream s, int block) throws IOException {
    float[][] out = new float[s.channels()][0];
    float[][] buf = new float[s.channels()][block];
    for (int n; (n = s.read(buf, block)) >= 0; ) {
      for (int c = 0; c < out.length; c++) {
        float[] grown = Arrays.copyOf(out[c], out[c].length + n);
        System.arraycopy(buf[c], 0, grown, out[c].length, n);
        out[c] = grown;
      }
    }
    return out;
  }

  @Test
  void streamingEqualsLoadingSampleForSample() throws IOException {
    Path f = stereo(24414, 2.3);
    LoadOptions[] cases = {
      LoadOptions.builder().sampleRate(16000).build(),
      LoadOptions.builder().sampleRate(22050).offset(0.3).duration(1.1).build(),
      LoadOptions.builder().nativeSampleRate().mono(false).build(),
      LoadOptions.builder().sampleRate(8000).mono(false).build(),
    };
    for (LoadOptions o : cases) {
      AudioClip expected = AudioLoader.load(f, o);
      try (AudioStream s = AudioLoader.open(f, o)) {
        assertThat(s.sampleRate()).isEqualTo(expected.sampleRate());
        float[][] got = readAll(s, 1000);
        assertThat(got.length).isEqualTo(expected.channelCount());
        for (int c = 0; c < got.length; c++) {
          assertThat(got[c]).as("%s channel %d", o, c).containsExactly(expected.channel(c));
        }
      }
    }
  }

  @Test
  void streamedWavWriteEqualsTheWholeClipWritten() throws IOException {
    Path f = stereo(8000, 1.0);
    LoadOptions o = LoadOptions.builder().sampleRate(16000).mono(true).build();
    Path whole = dir.resolve("whole.wav");
    Path streamed = dir.resolve("streamed.wav");
    WavWriter.write(AudioLoader.load(f, o), whole, WavWriter.Encoding.PCM24);
    try (AudioStream s = AudioLoader.open(f, o)) {
      WavWriter.write(s.sampleRate(), s.channels(), streamed, WavWriter.Encoding.PCM24, s::read);
    }
    assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(whole));
  }

  @Test
  void onlyFloatingPointEncodingsAreScannedForNonFiniteSamples() {
    // integer PCM and G.711 decode to at most 1.0 in magnitude by construction; the scan is skipped for them
    for (SampleEncoding e : SampleEncoding.values()) {
      assertThat(e.canHoldNonFinite()).as(e.name()).isEqualTo(e == SampleEncoding.FLOAT32 || e == SampleEncoding.FLOAT64);
    }
  }

  @Test
  void nonFiniteAudioIsRejectedNamingTheFile() throws IOException {
    float[] x = new float[800];
    x[123] = Float.NaN;
    Path f = dir.resolve("nan.wav");
    WavWriter.write(AudioClip.ofMono(8000, x), f, WavWriter.Encoding.FLOAT32);
    assertThatThrownBy(() -> AudioLoader.load(f, LoadOptions.defaults()))
        .isInstanceOf(MalformedAudioException.class).hasMessageStartingWith(f + ": ")
        .hasMessageContaining("not finite").hasMessageContaining("frame 123");
    assertThatThrownBy(() -> {
      try (AudioStream s = AudioLoader.open(f, LoadOptions.defaults())) {
        readAll(s, 100);
      }
    }).isInstanceOf(MalformedAudioException.class).hasMessageContaining("frame 123");
  }

  @Test
  void aSparseFileClaimingGigabytesIsRefusedByReadNotAnOutOfMemoryError() throws IOException {
    Path f = dir.resolve("sparse.wav");
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(-1).put("WAVE".getBytes(StandardCharsets.US_ASCII));
    h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
    h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1);
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.write(h.array());
      raf.setLength(3L << 30); // 3 GiB, sparse: no disk used
    }
    assertThat(AudioReader.probe(f).frames()).isGreaterThan(1_000_000_000L);
    assertThatThrownBy(() -> AudioReader.read(f)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(f + ": ").hasMessageContaining("decode it in blocks");
  }
}
