package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ser4j.features.MfccConfig.PadMode;

class MfccStreamTest {

  private static List<float[]> streamInRandomBlocks(MfccExtractor ex, float[] y, long seed) {
    List<float[]> frames = new ArrayList<>();
    List<Long> indices = new ArrayList<>();
    MfccStream s = ex.stream((i, c) -> {
      indices.add(i);
      frames.add(c.clone());
    });
    Random r = new Random(seed);
    int pos = 0;
    while (pos < y.length) {
      int n = Math.min(y.length - pos, r.nextInt(5) == 0 ? r.nextInt(5000) : r.nextInt(700));
      s.push(y, pos, n);
      pos += n;
    }
    s.flush();
    for (int i = 0; i < indices.size(); i++) {
      assertThat(indices.get(i)).isEqualTo((long) i);
    }
    assertThat(s.framesEmitted()).isEqualTo(frames.size());
    assertThat(s.samplesPushed()).isEqualTo(y.length);
    return frames;
  }

  @ParameterizedTest
  @ValueSource(strings = {"chirp_22050", "voice_24414", "sine440_22050"})
  void streamedFramesEqualBatchExactlyWithTopDbOff(String name) {
    MfccExtractor ex = MfccExtractor.create(
        MfccConfig.builder(Golden.sampleRate(name)).nMfcc(40).topDb(null).build());
    float[] y = Golden.signal(name);
    float[][] batch = ex.mfcc(y);
    for (long seed = 1; seed <= 3; seed++) {
      assertThat(streamInRandomBlocks(ex, y, seed).toArray(new float[0][])).isEqualTo(batch);
    }
  }

  @Test
  void streamedFramesEqualBatchWithDefaultTopDbWhenTheClampDoesNotBite() {
    // white noise: every mel band stays within 80 dB of the loudest, so the running and global clamps agree
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(16000));
    float[] y = Golden.signal("noise_16000");
    float[][] streamed = streamInRandomBlocks(ex, y, 42).toArray(new float[0][]);
    assertThat(streamed).isEqualTo(ex.mfcc(y));
    Golden.assertClose("mfcc_noise_16000 (streamed)", streamed, Golden.matrix("mfcc_noise_16000.csv"),
        MfccParityTest.ABS, MfccParityTest.REL);
  }

  @Test
  void streamingWithTopDbDiffersFromBatchOnlyInClampedFrames() {
    // chirp: the loudest frame comes late, so early frames are clamped at a lower running floor
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    MfccExtractor off = MfccExtractor.create(MfccConfig.notebook(22050).toBuilder().topDb(null).build());
    float[] y = Golden.signal("chirp_22050");
    float[][] batch = ex.mfcc(y);
    float[][] unclamped = off.mfcc(y);
    float[][] streamed = streamInRandomBlocks(ex, y, 5).toArray(new float[0][]);
    assertThat(streamed).hasSameDimensionsAs(batch);
    int compared = 0;
    for (int t = 0; t < batch.length; t++) {
      if (java.util.Arrays.equals(batch[t], unclamped[t])) {
        // the global clamp did not touch this frame, so neither did the (lower) running one
        assertThat(streamed[t]).as("frame %d", t).isEqualTo(batch[t]);
        compared++;
      }
    }
    assertThat(compared).as("frames untouched by the clamp").isPositive();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 1023, 1024, 1025, 2047, 3000})
  void shortSignalsStreamLikeBatch(int n) {
    Random r = new Random(n);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) r.nextGaussian() * 0.1f;
    }
    for (PadMode mode : PadMode.values()) {
      MfccExtractor ex = MfccExtractor.create(MfccConfig.builder().nMfcc(40).padMode(mode).topDb(null).build());
      assertThat(streamInRandomBlocks(ex, y, n).toArray(new float[0][])).as("%s", mode).isEqualTo(ex.mfcc(y));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {9728, 10000, 10240, 10751, 44100, 44611})
  void batchFramesThatReachIntoThePaddingEqualStreamedOnes(int n) {
    // long enough for the batch lane path, which reads edge frames from small padded buffers and the rest from
    // the signal itself; the stream pads the signal whole
    Random r = new Random(n);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (Math.sin(i * 0.05) * 0.3 + r.nextGaussian() * 0.05);
    }
    MfccConfig base = MfccConfig.builder().nMfcc(40).topDb(null).build();
    for (MfccConfig cfg : List.of(base, base.toBuilder().padMode(PadMode.REFLECT).build(),
        base.toBuilder().center(false).build())) {
      MfccExtractor ex = MfccExtractor.create(cfg);
      assertThat(ex.frameCount(n)).isGreaterThanOrEqualTo(LaneFft.MIN_LANES);
      assertThat(streamInRandomBlocks(ex, y, n).toArray(new float[0][])).as("%s", cfg).isEqualTo(ex.mfcc(y));
    }
  }

  @Test
  void reflectPaddedAndUncentredStreamsEqualBatch() {
    float[] y = Golden.signal("voice_24414");
    MfccConfig base = MfccConfig.builder(24414).nMfcc(40).topDb(null).build();
    for (MfccConfig cfg : List.of(base.toBuilder().padMode(PadMode.REFLECT).build(),
        base.toBuilder().center(false).build(),
        base.toBuilder().nFft(512).winLength(400).hopLength(160).nMels(40).build(),
        base.toBuilder().hopLength(3000).build(),
        base.toBuilder().nFft(4096).build(),
        base.toBuilder().nFft(256).winLength(null).hopLength(100).nMels(40).build(),
        base.toBuilder().nFft(1024).winLength(null).hopLength(null).power(1.0).window(MfccConfig.Window.HAMMING).build())) {
      MfccExtractor ex = MfccExtractor.create(cfg);
      assertThat(streamInRandomBlocks(ex, y, 9).toArray(new float[0][])).as("%s", cfg).isEqualTo(ex.mfcc(y));
    }
  }

  @Test
  void framesArriveAsSoonAsTheirSamplesHaveArrived() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    List<Long> got = new ArrayList<>();
    MfccStream s = ex.stream((i, c) -> got.add(i));
    // centred: frame 0 covers padded [0, 2048) = 1024 zeros + samples [0, 1024)
    s.push(new float[1023]);
    assertThat(got).isEmpty();
    s.push(new float[1]);
    assertThat(got).containsExactly(0L);
    s.push(new float[512]);
    assertThat(got).containsExactly(0L, 1L);
    s.flush();
    // 1536 samples: 1 + 1536 / 512 = 4 frames
    assertThat(got).containsExactly(0L, 1L, 2L, 3L);
    assertThatThrownBy(() -> s.push(new float[1])).isInstanceOf(IllegalStateException.class);
    s.reset();
    s.push(new float[2048]);
    s.flush();
    assertThat(s.framesEmitted()).isEqualTo(5);
  }

  @Test
  void emptyStreamDeliversNothing() {
    MfccStream s = MfccExtractor.create(MfccConfig.notebook(22050)).stream((i, c) -> {
      throw new AssertionError("no frame expected");
    });
    s.flush();
    assertThat(s.framesEmitted()).isZero();
  }
}
