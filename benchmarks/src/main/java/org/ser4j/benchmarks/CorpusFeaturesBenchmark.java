package org.ser4j.benchmarks;

import org.ser4j.features.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFeatures;
import org.ser4j.data.FeatureCache;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Utterance;

/**
 * The notebook feature pass over {@code ../shared/tess-sample} (840 real TESS files): decode, resample 24414
 * -> 22050 Hz, 40 MFCCs, mean. One operation = the whole corpus; files/s = 840 / (seconds per operation).
 *
 * <ul>
 *   <li>{@code cold}: an empty cache folder each time (features computed and written);</li>
 *   <li>{@code warm}: every feature already cached (key = path, size, mtime; entry read and CRC-checked);</li>
 *   <li>{@code noCache}: computed, nothing written.</li>
 * </ul>
 * Run from the repository root (or pass {@code -Dser4j.shared.dir=/path/to/shared} via {@code -jvmArgs}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CorpusFeaturesBenchmark {

  @Param({"2"})
  public int threads;

  private List<Utterance> utterances;
  private Path warmDir;
  private Path coldDir;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path shared = Paths.get(System.getProperty("ser4j.shared.dir", "../shared"));
    Path tess = shared.resolve("tess-sample");
    if (!Files.isDirectory(tess)) {
      throw new IllegalStateException(tess.toAbsolutePath() + " not found: run from the repository root, next to"
          + " ../shared, or pass -jvmArgs -Dser4j.shared.dir=...");
    }
    utterances = Corpus.scan(tess).utterances();
    warmDir = Files.createTempDirectory("ser4j-warm");
    FeatureSet set = pass(new FeatureCache(warmDir));
    if (set.size() != utterances.size()) {
      throw new IllegalStateException(set.problems().toString());
    }
  }

  @Setup(Level.Invocation)
  public void freshColdDir() throws IOException {
    coldDir = Files.createTempDirectory("ser4j-cold");
  }

  @TearDown(Level.Invocation)
  public void dropColdDir() throws IOException {
    delete(coldDir);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    delete(warmDir);
  }

  private FeatureSet pass(FeatureCache cache) {
    CorpusFeatures.Builder b = CorpusFeatures.builder(FeatureSpec.notebook()).parallelism(threads);
    if (cache != null) {
      b.cache(cache);
    }
    return b.build().extract(utterances);
  }

  @Benchmark
  public FeatureSet cold() {
    return pass(new FeatureCache(coldDir));
  }

  @Benchmark
  public FeatureSet warm() {
    return pass(new FeatureCache(warmDir));
  }

  @Benchmark
  public FeatureSet noCache() {
    return pass(null);
  }

  private static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
