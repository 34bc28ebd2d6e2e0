package org.ser4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.LoadOptions;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;

/**
 * Features of many audio files that are not a labelled corpus (the {@code ser features} command): each file
 * loaded with one {@link LoadOptions} (possibly at its native rate) and computed with the {@link FeatureSpec}
 * for the rate it was loaded at, in parallel across cores. One spec and extractor is built per rate and shared
 * by the workers. Results come back in input order and do not depend on the parallelism; a file that cannot be
 * used is reported in its {@link Outcome}, not thrown.
 *
 * <pre>{@code
 * List<FileFeatures.Outcome> all = FileFeatures.compute(files, LoadOptions.builder().nativeSampleRate().build(),
 *     rate -> FeatureSpec.of("mfcc", LoadOptions.builder().sampleRate(rate).build(),
 *         MfccConfig.builder(rate).build(), false, FeatureSpec.Summary.MEAN),
 *     Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
 * }</pre>
 */
public final class FileFeatures {

  private FileFeatures() {
  }

  /**
   * What became of one file.
   *
   * @param file the file, as given
   * @param features its features (rows as the spec gives them), or null when it could not be used
   * @param problem why it could not be used (the decoder's diagnosis or the I/O error), or null
   */
  public record Outcome(Path file, float[][] features, String problem) {

    /**
     * Whether the features were computed.
     *
     * @return {@code features() != null}
     */
    public boolean ok() {
      return features != null;
    }
  }

  /**
   * Loads and computes every file.
   *
   * @param files the audio files, in the order wanted back
   * @param load how to load each file (its rate decides the spec)
   * @param specForRate the spec for clips loaded at a rate; called once per distinct rate, from any thread. An
   *     exception it throws ends the call and propagates unchanged.
   * @param threads worker threads, at least 1
   * @param progress told of every finished file (from worker threads)
   * @return one outcome per file, in the order of {@code files}
   * @throws IllegalArgumentException if {@code threads} is below 1
   * @throws CancellationException if the calling thread is interrupted
   */
  public static List<Outcome> compute(List<Path> files, LoadOptions load, IntFunction<FeatureSpec> specForRate,
      int threads, ProgressListener progress) {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(specForRate, "specForRate");
    Objects.requireNonNull(progress, "progress");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int n = files.size();
    Outcome[] outcomes = new Outcome[n];
    if (n == 0) {
      return List.of();
    }
    Map<Integer, Recipe> recipes = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        Path file = files.get(i);
        outcomes[i] = one(file, load, specForRate, recipes);
        progress.progress(done.incrementAndGet(), n);
      }
    };
    int workers = Math.min(threads, n);
    if (workers == 1) {
      worker.run();
      return List.of(outcomes);
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "ser4j-file-features");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("feature extraction interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("feature extraction failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    return List.of(outcomes);
  }

  private record Recipe(FeatureSpec spec, MfccExtractor extractor) {}

  private static Outcome one(Path file, LoadOptions load, IntFunction<FeatureSpec> specForRate,
      Map<Integer, Recipe> recipes) {
    AudioClip clip;
    try {
      clip = AudioLoader.load(file, load);
    } catch (AudioFormatException e) {
      return new Outcome(file, null, e.problem());
    } catch (IOException e) {
      return new Outcome(file, null, e.getMessage());
    } catch (IllegalArgumentException e) {
      return new Outcome(file, null, e.getMessage());
    }
    Recipe recipe = recipes.computeIfAbsent(clip.sampleRate(), rate -> {
      FeatureSpec spec = specForRate.apply(rate);
      return new Recipe(spec, spec.newExtractor());
    });
    try {
      return new Outcome(file, recipe.spec().compute(clip, recipe.extractor()), null);
    } catch (IllegalArgumentException e) {
      return new Outcome(file, null, e.getMessage());
    }
  }
}
