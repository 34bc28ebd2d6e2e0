package org.ser4j.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link FeatureSpec}'s features for many utterances: in parallel across cores, with progress
 * reports and an optional {@link FeatureCache}. A file that cannot be used (undecodable, no audio after the
 * offset, too short for deltas) is reported in {@link FeatureSet#problems()} and the rest go on.
 *
 * <pre>{@code
 * FeatureSet set = CorpusFeatures.builder(FeatureSpec.notebook())
 *     .cache(new FeatureCache(Paths.get(".ser4j-cache")))
 *     .progress((done, total) -> ...)
 *     .build()
 *     .extract(corpus.utterances());
 * }</pre>
 *
 * The result is the same whatever the parallelism and whether it came from the cache. Interrupting the
 * calling thread cancels the work ({@link CancellationException}).
 */
public final class CorpusFeatures {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusFeatures.class);

  private final FeatureSpec spec;
  private final MfccExtractor extractor;
  private final FeatureCache cache;
  private final int parallelism;
  private final Executor executor;
  private final ProgressListener progress;

  private CorpusFeatures(Builder b) {
    this.spec = b.spec;
    this.extractor = spec.newExtractor();
    this.cache = b.cache;
    this.parallelism = b.parallelism;
    this.executor = b.executor;
    this.progress = b.progress;
  }

  /** A builder for {@code spec}: no cache, all cores, no progress reports. */
  public static Builder builder(FeatureSpec spec) {
    return new Builder(spec);
  }

  /** {@return the recipe every file is featurised with} */
  public FeatureSpec spec() {
    return spec;
  }

  /** Features of every utterance, in input order; the unusable ones are reported, not thrown. */
  public FeatureSet extract(List<Utterance> utterances) {
    return run(utterances, (index, hits) -> compute(utterances.get(index), hits), null);
  }

  /**
   * Features of {@code augmentation.copies()} augmented copies of every utterance (the originals are not
   * included): copy {@code k} of utterance {@code i} is at index {@code i * copies + k} of the result (fewer
   * when some are unusable), its utterance the original's. Each copy's audio is loaded as the spec says, then
   * {@link Augmentation#apply augmented} with its {@link Augmentation#draw draw}. With a cache, entries are keyed
   * by the file, the spec and the draw (seed included), so another augmentation never returns these features.
   *
   * @param utterances the utterances to augment (training examples only)
   * @param augmentation what to apply; {@link Augmentation#none()} gives an empty set
   * @return the copies' features; a copy that cannot be featurised is a problem naming the file and the draw
   */
  public FeatureSet extractAugmented(List<Utterance> utterances, Augmentation augmentation) {
    Objects.requireNonNull(augmentation, "augmentation");
    int copies = augmentation.copies();
    List<Utterance> items = new ArrayList<>(utterances.size() * copies);
    for (Utterance u : utterances) {
      for (int k = 0; k < copies; k++) {
        items.add(u);
      }
    }
    return run(items, (index, hits) -> computeAugmented(items.get(index), augmentation,
        augmentation.draw(items.get(index), index % copies), hits),
        index -> "augmented copy (" + augmentation.draw(items.get(index), index % copies).key() + "): ");
  }

  interface Task {
    float[][] compute(int index, AtomicInteger hits) throws IOException;
  }

  private FeatureSet run(List<Utterance> utterances, Task task, java.util.function.IntFunction<String> prefix) {
    int n = utterances.size();
    float[][][] results = new float[n][][];
    Problem[] problems = new Problem[n];
    AtomicInteger done = new AtomicInteger();
    AtomicInteger hits = new AtomicInteger();
    ExecutorService ownPool = executor != null ? null : Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "ser4j-features");
      t.setDaemon(true);
      return t;
    });
    Executor pool = executor != null ? executor : ownPool;
    List<Future<?>> futures = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        final int index = i;
        futures.add(CompletableFuture.runAsync(() -> {
          Utterance u = utterances.get(index);
          String p = prefix == null ? "" : prefix.apply(index);
          try {
            results[index] = task.compute(index, hits);
          } catch (AudioFormatException e) {
            problems[index] = Problem.skipped(u.path(), p + e.problem());
          } catch (IOException e) {
            problems[index] = Problem.skipped(u.path(), p + "cannot read: "
                + (e instanceof java.nio.file.FileSystemException ? org.ser4j.audio.OutputFiles.reason(e)
                    : e.getMessage()));
          }
          progress.progress(done.incrementAndGet(), n);
        }, pool));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true)); // tasks not yet started on a shared executor never run
      throw new CancellationException("feature extraction interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("feature extraction failed: " + e.getCause(), e.getCause());
    } finally {
      if (ownPool != null) {
        ownPool.shutdownNow();
      }
    }
    List<Utterance> ok = new ArrayList<>(n);
    List<float[][]> features = new ArrayList<>(n);
    List<Problem> failed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (results[i] != null) {
        ok.add(utterances.get(i));
        features.add(results[i]);
      } else {
        failed.add(problems[i]);
      }
    }
    LOG.info("{} features: {} files, {} from cache, {} problems", spec.name(), n, hits.get(), failed.size());
    return new FeatureSet(spec, ok, features, failed);
  }

  private final java.util.concurrent.atomic.AtomicBoolean cacheWarned = new java.util.concurrent.atomic.AtomicBoolean();

  private float[][] computeAugmented(Utterance u, Augmentation augmentation, Augmentation.Draw draw,
      AtomicInteger hits) throws IOException {
    return cached(u, "augmented:" + draw.key(), hits, () -> spec.compute(
        augmentation.apply(org.ser4j.audio.AudioLoader.load(u.path(), spec.load()), draw), extractor));
  }

  private float[][] compute(Utterance u, AtomicInteger hits) throws IOException {
    return cached(u, null, hits, () -> spec.extract(u.path(), extractor));
  }

  private interface Computation {
    float[][] get() throws IOException;
  }

  private float[][] cached(Utterance u, String variant, AtomicInteger hits, Computation computation)
      throws IOException {
    byte[] key = null;
    if (cache != null) {
      key = cache.key(u.path(), spec, variant);
      Optional<float[][]> cached = cache.get(key);
      if (cached.isPresent()) {
        hits.incrementAndGet();
        return cached.get();
      }
    }
    float[][] m = computation.get();
    if (cache != null) {
      try {
        cache.put(key, m);
      } catch (IOException | RuntimeException e) {
        // a cache that cannot be written never costs a feature: it is computed anyway, and said once
        if (cacheWarned.compareAndSet(false, true)) {
          LOG.warn("feature cache {} cannot be written ({}); features are computed without caching",
              cache.dir(), e instanceof IOException io ? org.ser4j.audio.OutputFiles.reason(io) : e.toString());
        }
      }
    }
    return m;
  }

  /** Builds {@link CorpusFeatures}. */
  public static final class Builder {
    private final FeatureSpec spec;
    private FeatureCache cache;
    private int parallelism = Runtime.getRuntime().availableProcessors();
    private Executor executor;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(FeatureSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Reuse and store features in {@code cache} (default: none). */
    public Builder cache(FeatureCache cache) {
      this.cache = cache;
      return this;
    }

    /** Worker threads of the pool each {@code extract} call makes (default: available processors). */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Runs the work on {@code executor} (an application's shared pool, say) instead of a pool of
     * {@link #parallelism} threads made, and shut down, by each {@link CorpusFeatures#extract} call.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Called after each file (default: nothing). */
    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** {@return the extractor with these settings} */
    public CorpusFeatures build() {
      return new CorpusFeatures(this);
    }
  }
}
