package org.ser4j.data;

import org.ser4j.features.FeatureSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.testing.SharedData;

class CorpusFeaturesTest {

  @TempDir Path dir;

  private static final String[][] TESS_GOLDEN = {
    {"OAF_fear", "OAF_food_fear"},
    {"OAF_happy", "OAF_home_happy"},
    {"YAF_angry", "YAF_germ_angry"},
    {"YAF_pleasant_surprise", "YAF_youth_ps"},
    {"YAF_sad", "YAF_sail_sad"},
  };

  @Test
  void notebookPresetMatchesTheNotebookFeatureOfRealTessRecordings() throws IOException {
    Path tess = SharedData.requireTessSample();
    List<Utterance> utts = new ArrayList<>();
    for (String[] g : TESS_GOLDEN) {
      Path file = tess.resolve(g[0]).resolve(g[1] + ".wav");
      utts.add(Utterance.of(file, "tess", g[0].substring(0, 3), "w", Emotion.NEUTRAL));
    }

    FeatureSet set = CorpusFeatures.builder(FeatureSpec.notebook()).build().extract(utts);

    assertThat(set.problems()).isEmpty();
    for (int i = 0; i < TESS_GOLDEN.length; i++) {
      double[] expected = SharedData.goldenMatrix(
          "tess_notebook_mean40_" + TESS_GOLDEN[i][0] + "__" + TESS_GOLDEN[i][1] + ".csv")[0];
      float[] actual = set.vector(i);
      assertThat(actual).hasSize(40);
      for (int k = 0; k < 40; k++) {
        // MFCC tolerance of golden/README (2e-3 + 1e-4 |b|) widened to 0.02 + 2e-4 |b| for the mean: the
        // resampler is soxr-class (>= 48 dB against soxr_hq), not soxr itself, so the resampled signal differs
        assertThat((double) actual[k]).as("%s coefficient %d", TESS_GOLDEN[i][1], k)
            .isCloseTo(expected[k], org.assertj.core.api.Assertions.within(0.02 + 2e-4 * Math.abs(expected[k])));
      }
    }
  }

  private Path writeClip(String name, float seconds, double freq) throws IOException {
    int rate = 24414;
    float[] y = new float[(int) (rate * seconds)];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * freq * i / rate) * (1 + 0.5 * Math.sin(i * 0.001)));
    }
    Path p = dir.resolve(name);
    WavWriter.write(AudioClip.ofMono(rate, y), p, WavWriter.Encoding.PCM16);
    return p;
  }

  private List<Utterance> smallCorpus() throws IOException {
    List<Utterance> utts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      utts.add(Utterance.of(writeClip("c" + i + ".wav", 1.2f, 200 + 50 * i), "tess", "OAF", "w" + i, Emotion.SAD));
    }
    return utts;
  }

  @Test
  void unusableFilesAreReportedAndTheRestGoOn() throws IOException {
    List<Utterance> utts = new ArrayList<>(smallCorpus());
    Path garbage = Files.writeString(dir.resolve("garbage.wav"), "definitely not audio");
    Path tooShort = writeClip("short.wav", 0.3f, 300);
    utts.add(2, Utterance.of(garbage, "tess", "OAF", "g", Emotion.SAD));
    utts.add(Utterance.of(tooShort, "tess", "OAF", "s", Emotion.SAD));

    FeatureSet set = CorpusFeatures.builder(FeatureSpec.notebook()).build().extract(utts);

    assertThat(set.size()).isEqualTo(6);
    assertThat(set.utterances()).extracting(u -> u.path().getFileName().toString())
        .containsExactly("c0.wav", "c1.wav", "c2.wav", "c3.wav", "c4.wav", "c5.wav");
    assertThat(set.problems()).extracting(Problem::file).containsExactly(garbage, tooShort);
    assertThat(set.problems().get(0).reason()).contains("not a WAV or AIFF file");
    assertThat(set.problems().get(1).reason()).contains("no audio after the offset of 0.5 s");
  }

  @Test
  void framewisePresetGivesFramesOfMfccsAndDeltas() throws IOException {
    FeatureSet set = CorpusFeatures.builder(FeatureSpec.framewise()).build().extract(smallCorpus());
    float[][] m = set.features().get(0);
    // 1.2 s at 24414 Hz -> ceil(29296 * 22050 / 24414) = 26459 samples -> 1 + 26459 / 512 = 52 frames
    assertThat(m).hasNumberOfRows(52);
    assertThat(m[0]).hasSize(120);
    assertThat(FeatureSpec.framewise().dimension()).isEqualTo(120);
    // toString summarises, it does not print every matrix
    assertThat(set.toString()).startsWith("FeatureSet[framewise: " + set.size() + " utterances x 52 x 120 values")
        .hasSizeLessThan(120);
  }

  @Test
  void resultIsTheSameWhateverTheParallelismAndReportsProgressForEveryFile() throws IOException {
    List<Utterance> utts = smallCorpus();
    AtomicInteger last = new AtomicInteger();
    FeatureSet one = CorpusFeatures.builder(FeatureSpec.notebook()).parallelism(1).build().extract(utts);
    FeatureSet two = CorpusFeatures.builder(FeatureSpec.notebook()).parallelism(2)
        .progress((done, total) -> last.accumulateAndGet(done, Math::max)).build().extract(utts);
    assertThat(last.get()).isEqualTo(6);
    for (int i = 0; i < 6; i++) {
      assertThat(two.vector(i)).containsExactly(one.vector(i));
    }
  }

  @Test
  void runsOnTheApplicationsExecutorWhenGivenOneAndLeavesItRunning() throws Exception {
    List<Utterance> utts = smallCorpus();
    java.util.concurrent.ExecutorService shared = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "app-pool");
      t.setDaemon(true);
      return t;
    });
    try {
      java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
      FeatureSet viaShared = CorpusFeatures.builder(FeatureSpec.notebook()).executor(shared)
          .progress((done, total) -> threads.add(Thread.currentThread().getName())).build().extract(utts);
      FeatureSet own = CorpusFeatures.builder(FeatureSpec.notebook()).parallelism(1).build().extract(utts);
      assertThat(threads).containsOnly("app-pool");
      for (int i = 0; i < utts.size(); i++) {
        assertThat(viaShared.vector(i)).containsExactly(own.vector(i));
      }
      assertThat(shared.isShutdown()).isFalse();
      assertThat(shared.submit(() -> 42).get()).isEqualTo(42);
    } finally {
      shared.shutdownNow();
    }
  }

  @Test
  void warmCacheReturnsTheSameFeaturesWithoutRecomputing() throws IOException {
    List<Utterance> utts = smallCorpus();
    FeatureCache cache = new FeatureCache(dir.resolve("cache"));
    FeatureSet cold = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    assertThat(entries(cache)).hasSize(6);

    // replace every source with garbage but keep size and time: a METADATA-keyed cache must still answer
    for (Utterance u : utts) {
      FileTime t = Files.getLastModifiedTime(u.path());
      byte[] junk = new byte[(int) Files.size(u.path())];
      Files.write(u.path(), junk);
      Files.setLastModifiedTime(u.path(), t);
    }
    FeatureSet warm = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    assertThat(warm.problems()).isEmpty();
    for (int i = 0; i < 6; i++) {
      assertThat(warm.vector(i)).containsExactly(cold.vector(i));
    }
  }

  @Test
  void changedFileOrSpecNeverReturnsStaleFeatures() throws IOException {
    List<Utterance> utts = smallCorpus().subList(0, 2);
    FeatureCache cache = new FeatureCache(dir.resolve("cache"));
    FeatureSet before = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);

    Path changed = utts.get(0).path();
    Files.copy(writeClip("other.wav", 1.2f, 900), changed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(changed, FileTime.fromMillis(Files.getLastModifiedTime(changed).toMillis() + 5000));
    FeatureSet after = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    assertThat(after.vector(0)).isNotEqualTo(before.vector(0));
    assertThat(after.vector(1)).containsExactly(before.vector(1));

    FeatureSpec other = FeatureSpec.of("notebook20", FeatureSpec.notebook().load(),
        org.ser4j.features.MfccConfig.librosaDefaults(22050), false, FeatureSpec.Summary.MEAN);
    FeatureSet otherSpec = CorpusFeatures.builder(other).cache(cache).build().extract(utts);
    assertThat(otherSpec.vector(1)).hasSize(20);
  }

  @Test
  void contentKeyedCacheSeesChangesThatKeepSizeAndTime() throws IOException {
    List<Utterance> utts = smallCorpus().subList(0, 1);
    FeatureCache cache = new FeatureCache(dir.resolve("cache"), FeatureCache.KeyMode.CONTENT);
    FeatureSet before = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    Path p = utts.get(0).path();
    FileTime t = Files.getLastModifiedTime(p);
    Files.copy(writeClip("same-size.wav", 1.2f, 1300), p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(p, t);
    FeatureSet after = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    assertThat(after.vector(0)).isNotEqualTo(before.vector(0));
  }

  @Test
  void corruptOrHalfWrittenEntriesAreRecomputed() throws IOException {
    List<Utterance> utts = smallCorpus().subList(0, 3);
    FeatureCache cache = new FeatureCache(dir.resolve("cache"));
    FeatureSet good = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    List<Path> entries = entries(cache);
    byte[] e0 = Files.readAllBytes(entries.get(0));
    Files.write(entries.get(0), java.util.Arrays.copyOf(e0, e0.length / 2)); // half-written
    byte[] e1 = Files.readAllBytes(entries.get(1));
    e1[60] ^= 0x40; // a flipped bit in the data
    Files.write(entries.get(1), e1);
    Files.write(entries.get(2), new byte[0]); // empty

    FeatureSet again = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);

    for (int i = 0; i < 3; i++) {
      assertThat(again.vector(i)).containsExactly(good.vector(i));
    }
    assertThat(Files.readAllBytes(entries.get(1))).isNotEqualTo(e1); // rewritten
  }

  @Test
  void concurrentWritersSharingACacheFolderLeaveValidEntries() throws Exception {
    List<Utterance> utts = smallCorpus();
    Path cacheDir = dir.resolve("shared-cache");
    List<Thread> threads = new ArrayList<>();
    List<FeatureSet> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int k = 0; k < 4; k++) {
      // separate cache objects, as separate processes would have
      Thread t = new Thread(() -> results.add(CorpusFeatures.builder(FeatureSpec.notebook())
          .cache(new FeatureCache(cacheDir)).parallelism(2).build().extract(utts)));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).hasSize(4);
    FeatureCache cache = new FeatureCache(cacheDir);
    assertThat(entries(cache)).hasSize(6);
    try (Stream<Path> tmp = Files.walk(cacheDir)) {
      assertThat(tmp.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
    FeatureSet fromCache = CorpusFeatures.builder(FeatureSpec.notebook()).cache(cache).build().extract(utts);
    for (int i = 0; i < 6; i++) {
      assertThat(fromCache.vector(i)).containsExactly(results.get(0).vector(i));
    }
  }

  private static List<Path> entries(FeatureCache cache) throws IOException {
    try (Stream<Path> s = Files.walk(cache.dir())) {
      return s.filter(p -> p.toString().endsWith(".f32")).sorted().toList();
    }
  }

  @Test
  void aCacheThatCannotBeWrittenLosesNoFeature() throws IOException {
    List<Utterance> utts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      utts.add(Utterance.of(writeClip("OAF_w" + i + "_angry.wav", 1.2f, 200 + 50 * i), "tess", "OAF", "w" + i,
          Emotion.ANGRY));
    }
    // the cache "folder" is a regular file: nothing can ever be written under it (also as root)
    Path notAFolder = Files.writeString(dir.resolve("cache-is-a-file"), "x");

    FeatureSet set = CorpusFeatures.builder(FeatureSpec.notebook()).cache(new FeatureCache(notAFolder)).build()
        .extract(utts);

    assertThat(set.problems()).isEmpty();
    assertThat(set.size()).isEqualTo(4);
  }
}
