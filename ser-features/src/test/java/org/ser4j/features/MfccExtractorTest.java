package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioClip;

class MfccExtractorTest {

  private static final String[] NAMES = {"chirp_22050", "sine440_22050", "voice_24414"};

  @Test
  void oneExtractorSharedByManyThreadsGivesTheSameResults() throws Exception {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    List<float[]> signals = new ArrayList<>();
    List<float[][]> expected = new ArrayList<>();
    for (String name : NAMES) {
      float[] y = Golden.signal(name);
      signals.add(y);
      expected.add(ex.mfcc(y));
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          for (int rep = 0; rep < 20; rep++) {
            int i = (rep + offset) % signals.size();
            if (!java.util.Arrays.deepEquals(ex.mfcc(signals.get(i)), expected.get(i))) {
              return false;
            }
          }
          return true;
        }));
      }
      start.countDown();
      for (Future<Boolean> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sharedJTransformsExtractorForANonPowerOfTwoFftIsThreadSafeToo() throws Exception {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.builder(16000).nFft(400).nMels(40).nMfcc(13).build());
    assertThat(ex.backend()).isEqualTo(PowerSpectrum.Backend.JTRANSFORMS);
    float[] y = Golden.signal("noise_16000");
    float[][] expected = ex.mfcc(y);
    List<float[]> many = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      many.add(y);
    }
    for (float[][] r : ex.mfccAll(many, 4)) {
      assertThat(r).isEqualTo(expected);
    }
  }

  @Test
  void batchHelperKeepsInputOrderAndEqualsSequentialResults() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    List<float[]> signals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      signals.add(Golden.signal(NAMES[i % NAMES.length]));
    }
    List<float[][]> parallel = ex.mfccAll(signals, 3);
    List<float[][]> sequential = ex.mfccAll(signals, 1);
    assertThat(parallel).hasSize(12);
    for (int i = 0; i < 12; i++) {
      assertThat(parallel.get(i)).isEqualTo(sequential.get(i)).isEqualTo(ex.mfcc(signals.get(i)));
    }
  }

  @Test
  void batchHelperRethrowsTheFailureOfOneSignal() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    List<float[]> signals = List.of(new float[5000], new float[0], new float[3000]);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertThatThrownBy(() -> ex.mfccAll(signals, pool)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    } finally {
      pool.shutdownNow();
    }
    assertThatThrownBy(() -> ex.mfccAll(signals, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clipAtAnotherSampleRateIsRejectedNamingBothRates() {
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(22050));
    AudioClip clip = AudioClip.ofMono(24414, new float[4000]);
    assertThatThrownBy(() -> ex.mfcc(clip)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24414").hasMessageContaining("22050");
  }

  @Test
  void stereoClipIsDownmixedToTheChannelMean() {
    float[] y = Golden.signal("voice_24414");
    float[] half = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      half[i] = y[i] * 0.5f;
    }
    MfccExtractor ex = MfccExtractor.create(MfccConfig.notebook(24414));
    // mean of (y, y/2) is 0.75 y; compare with the mono clip of the same mean
    float[] mean = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      mean[i] = (float) ((y[i] + (double) half[i]) / 2);
    }
    assertThat(ex.mfcc(AudioClip.of(24414, y, half))).isEqualTo(ex.mfcc(AudioClip.ofMono(24414, mean)));
    assertThat(ex.mfcc(AudioClip.ofMono(24414, y))).isEqualTo(ex.mfcc(y));
  }

  @Test
  void dctAndLifterBuildingBlocksReproduceTheExtractor() {
    MfccConfig cfg = MfccConfig.builder(22050).nMfcc(20).lifter(22).build();
    float[] y = Golden.signal("chirp_22050");
    float[][] db = Spectrograms.powerToDb(Spectrograms.melSpectrogram(y, cfg), cfg.ref(), cfg.amin(), cfg.topDb());
    float[][] viaBlocks = Dct.apply(db, 20, 22);
    Golden.assertClose("building blocks vs golden mfcc20_lifter22", viaBlocks,
        Golden.matrix("mfcc20_lifter22_chirp_22050.csv"), MfccParityTest.ABS, MfccParityTest.REL);
  }
}
