package org.ser4j.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.TooShortAudioException;
import org.ser4j.features.FeatureSpec;

/**
 * Classifies a live stream (a microphone, call audio, a WebSocket) in sliding windows: push mono samples in
 * blocks of any size, and a {@link WindowPrediction} arrives for every window as soon as its last sample
 * has been pushed, one per hop.
 *
 * <pre>{@code
 * StreamingRecognizer stream = StreamingRecognizer.builder(recognizer, 16000)   // the stream's rate
 *     .window(Duration.ofSeconds(3)).hop(Duration.ofMillis(500)).smoothing(4)
 *     .listener(w -> System.out.println(w.startSeconds() + " s: " + w.smoothed().topLabel()))
 *     .build();
 * stream.push(block);       // any block size, as often as audio arrives
 * stream.finish();          // end of stream: classify the tail that no full window covered
 * }</pre>
 *
 * <p>Each window's prediction is exactly {@link EmotionRecognizer#predict(AudioClip)} of that window's
 * samples (the model's recipe is applied to every window: its offset, duration, resampling and features).
 * Windows start at 0 and every hop after; each carries its sample range and times, the raw prediction and,
 * with {@link Builder#smoothing(int) smoothing}, the mean of the last {@code k} windows' probabilities.
 *
 * <p>Memory is constant in the stream's length: a ring of one window of samples, plus {@code k}
 * probability vectors. The listener runs on the thread that calls {@link #push}; an instance is not
 * thread-safe (one per stream; the {@link EmotionRecognizer} itself may be shared by many).
 */
public final class StreamingRecognizer {

  /** The default window when the model's recipe reads the whole audio: 3 s. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(3);
  /** The default hop: 0.5 s. */
  public static final Duration DEFAULT_HOP = Duration.ofMillis(500);

  /**
   * One window's result.
   *
   * @param index window number, from 0
   * @param startSample first sample of the window, counted from the start of the stream
   * @param endSample one past its last sample
   * @param sampleRate the stream's rate
   * @param prediction the window's own prediction (with its quality notes)
   * @param smoothed the mean probabilities of the last {@code k} windows (this one included); the same as
   *     {@code prediction} without smoothing
   */
  public record WindowPrediction(long index, long startSample, long endSample, int sampleRate,
      Prediction prediction, Prediction smoothed) {

    /**
     * Start time from the beginning of the stream.
     *
     * @return seconds
     */
    public double startSeconds() {
      return (double) startSample / sampleRate;
    }

    /**
     * End time from the beginning of the stream.
     *
     * @return seconds
     */
    public double endSeconds() {
      return (double) endSample / sampleRate;
    }
  }

  private final EmotionRecognizer recognizer;
  private final int rate;
  private final int window;
  private final int hop;
  private final Consumer<WindowPrediction> listener;
  private final float[] ring;
  private final double[][] recent;
  private final double[] sum;
  private final String name;
  private final SpeakerProfile profile; // null: the bundle's global statistics
  private int ringPos;
  private long total;
  private long nextEnd;
  private long lastEnd;
  private long index;
  private int recentCount;
  private boolean finished;

  private StreamingRecognizer(Builder b) {
    this.recognizer = b.recognizer;
    this.rate = b.sampleRate;
    this.profile = b.profile;
    FeatureSpec spec = recognizer.featureSpec();
    Duration w = b.window != null ? b.window : defaultWindow(recognizer);
    this.window = samples(w, "window");
    this.hop = samples(b.hop, "hop");
    if (hop > window) {
      throw new IllegalArgumentException("hop (" + b.hop + ") must not exceed the window (" + w + ")");
    }
    if ((double) window / rate < recognizer.minimumDuration().toNanos() * 1e-9) {
      throw new IllegalArgumentException("a window of " + w + " is shorter than the model needs ("
          + recognizer.minimumDuration() + ")");
    }
    this.listener = Objects.requireNonNull(b.listener, "listener (set one with Builder.listener)");
    this.ring = new float[window];
    this.recent = new double[b.smoothing][];
    this.sum = new double[recognizer.labels().size()];
    this.name = b.name;
    this.nextEnd = window;
  }

  /**
   * The window used unless one is set: 3 s, or the recipe's offset plus duration when it reads a
   * fixed-length part (the notebook recipe: 0.5 s + 3 s), so that each window gives the model all it reads.
   *
   * @param recognizer the model
   * @return the default window
   * @throws IllegalStateException if the bundle carries no feature recipe
   */
  public static Duration defaultWindow(EmotionRecognizer recognizer) {
    FeatureSpec spec = recognizer.featureSpec();
    if (spec.load().duration().isPresent()) {
      double s = spec.load().offset() + spec.load().duration().getAsDouble();
      return Duration.ofNanos(Math.round(s * 1e9));
    }
    return DEFAULT_WINDOW;
  }

  private int samples(Duration d, String what) {
    Objects.requireNonNull(d, what);
    double n = d.toNanos() * 1e-9 * rate;
    if (!(n >= 1) || n > 1 << 28) {
      throw new IllegalArgumentException(what + " of " + d + " is not between one sample and 2^28 samples at "
          + rate + " Hz");
    }
    return (int) Math.round(n);
  }

  /**
   * A builder for a stream at {@code sampleRate}.
   *
   * @param recognizer the model (must carry a feature recipe)
   * @param sampleRate the rate of the samples that will be pushed, in Hz
   * @return a builder with the defaults: window 3 s (or the recipe's offset + duration), hop 0.5 s, no
   *     smoothing
   * @throws IllegalArgumentException if the rate is not positive
   */
  public static Builder builder(EmotionRecognizer recognizer, int sampleRate) {
    return new Builder(recognizer, sampleRate);
  }

  /**
   * Window length in samples at the stream's rate.
   *
   * @return samples per window
   */
  public int windowSamples() {
    return window;
  }

  /**
   * Hop in samples at the stream's rate.
   *
   * @return samples between window starts
   */
  public int hopSamples() {
    return hop;
  }

  /**
   * Samples pushed so far.
   *
   * @return the count
   */
  public long samplesPushed() {
    return total;
  }

  /**
   * Pushes a block of mono samples.
   *
   * @param samples the block; all of it is pushed
   * @throws IllegalArgumentException if a sample is not finite
   * @throws IllegalStateException after {@link #finish()}
   */
  public void push(float[] samples) {
    push(samples, 0, samples.length);
  }

  /**
   * Pushes {@code length} mono samples from {@code samples[offset]}; every window completed by them is
   * classified and delivered to the listener before this returns.
   *
   * @param samples the samples
   * @param offset first sample to push
   * @param length how many
   * @throws IllegalArgumentException if a sample is not finite (nothing of the block is pushed then)
   * @throws IllegalStateException after {@link #finish()}
   */
  public void push(float[] samples, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, samples.length);
    if (finished) {
      throw new IllegalStateException("the stream was finished");
    }
    for (int i = offset; i < offset + length; i++) {
      if (!Float.isFinite(samples[i])) {
        throw new IllegalArgumentException("non-finite sample " + samples[i] + " at stream position "
            + (total + i - offset));
      }
    }
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int n = (int) Math.min(end - i, nextEnd - total);
      n = Math.min(n, window - ringPos);
      System.arraycopy(samples, i, ring, ringPos, n);
      ringPos = (ringPos + n) % window;
      total += n;
      i += n;
      if (total == nextEnd) {
        nextEnd += hop; // first: a listener that throws does not get this window again on the next push
        emit(window);
      }
    }
  }

  /**
   * Ends the stream: when samples arrived after the last full window (or no window was ever full), the last
   * {@code min(window, pushed)} samples are classified as one more window, if they reach the model's
   * {@link EmotionRecognizer#minimumDuration() minimum}. Pushing afterwards fails.
   *
   * @return whether a final window was delivered
   */
  public boolean finish() {
    if (finished) {
      return false;
    }
    finished = true;
    if (total == lastEnd || total == 0) {
      return false;
    }
    int n = (int) Math.min(window, total);
    if ((double) n / rate < recognizer.minimumDuration().toNanos() * 1e-9) {
      return false;
    }
    emit(n);
    return true;
  }

  /** Classifies the last {@code n} samples of the ring, which end at {@code total}. */
  private void emit(int n) {
    float[] w = new float[n];
    int start = Math.floorMod(ringPos - n, window);
    int first = Math.min(n, window - start);
    System.arraycopy(ring, start, w, 0, first);
    System.arraycopy(ring, 0, w, first, n - first);
    Prediction p;
    try {
      p = profile == null ? recognizer.predict(AudioClip.ofMono(rate, w), name + "@" + total)
          : recognizer.predict(AudioClip.ofMono(rate, w), profile);
    } catch (TooShortAudioException e) {
      throw new IllegalStateException("window shorter than the model's minimum: " + e.getMessage(), e);
    }
    Prediction smoothed = p;
    if (recent.length > 1) {
      double[] probs = p.toArray();
      int slot = (int) (index % recent.length);
      if (recent[slot] != null) {
        for (int k = 0; k < sum.length; k++) {
          sum[k] -= recent[slot][k];
        }
      } else {
        recentCount++;
      }
      recent[slot] = probs;
      double[] mean = new double[sum.length];
      double s = 0;
      for (int k = 0; k < sum.length; k++) {
        sum[k] += probs[k];
        mean[k] = Math.max(0, sum[k] / recentCount);
        s += mean[k];
      }
      for (int k = 0; k < mean.length; k++) {
        mean[k] /= s;
      }
      smoothed = Prediction.of(p.labels(), mean);
    }
    lastEnd = total;
    listener.accept(new WindowPrediction(index++, total - n, total, rate, p, smoothed));
  }

  /** Options of a {@link StreamingRecognizer}. */
  public static final class Builder {
    private final EmotionRecognizer recognizer;
    private final int sampleRate;
    private Duration window;
    private Duration hop = DEFAULT_HOP;
    private int smoothing = 1;
    private Consumer<WindowPrediction> listener;
    private String name = "<stream>";
    private SpeakerProfile profile;

    private Builder(EmotionRecognizer recognizer, int sampleRate) {
      this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
      if (sampleRate <= 0) {
        throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
      }
      this.sampleRate = sampleRate;
    }

    /**
     * Window length (default: 3 s, or the recipe's offset + duration when it reads a fixed-length part).
     *
     * @param length at least the model's {@link EmotionRecognizer#minimumDuration()}
     * @return this builder
     */
    public Builder window(Duration length) {
      this.window = Objects.requireNonNull(length, "window");
      return this;
    }

    /**
     * Time between window starts (default 0.5 s).
     *
     * @param step at most the window
     * @return this builder
     */
    public Builder hop(Duration step) {
      this.hop = Objects.requireNonNull(step, "hop");
      return this;
    }

    /**
     * Smooths over the last {@code windows} windows: {@link WindowPrediction#smoothed()} is the mean of their
     * probabilities. 1 (the default) means no smoothing.
     *
     * @param windows from 1 to 1000
     * @return this builder
     */
    public Builder smoothing(int windows) {
      if (windows < 1 || windows > 1000) {
        throw new IllegalArgumentException("smoothing must be between 1 and 1000 windows, got " + windows);
      }
      this.smoothing = windows;
      return this;
    }

    /**
     * Receives every window's result, on the pushing thread.
     *
     * @param consumer the listener
     * @return this builder
     */
    public Builder listener(Consumer<WindowPrediction> consumer) {
      this.listener = Objects.requireNonNull(consumer, "listener");
      return this;
    }

    /**
     * Classifies every window with this speaker's profile ({@link EmotionRecognizer#predict(AudioClip,
     * SpeakerProfile)}) instead of the bundle's global statistics: the stream of one known (enrolled) speaker.
     *
     * @param speaker the speaker's profile, built for this model
     * @return this builder
     */
    public Builder profile(SpeakerProfile speaker) {
      this.profile = Objects.requireNonNull(speaker, "profile");
      return this;
    }

    /**
     * How to name the stream in messages (default {@code <stream>}).
     *
     * @param sourceName a name
     * @return this builder
     */
    public Builder name(String sourceName) {
      this.name = Objects.requireNonNull(sourceName, "name");
      return this;
    }

    /**
     * Builds the stream.
     *
     * @return a new stream, empty
     * @throws IllegalArgumentException if the window is shorter than the model needs, the hop longer than
     *     the window, or either is below one sample
     * @throws IllegalStateException if the recognizer's bundle carries no feature recipe
     * @throws NullPointerException if no listener was set
     */
    public StreamingRecognizer build() {
      return new StreamingRecognizer(this);
    }
  }

  @Override
  public String toString() {
    return "StreamingRecognizer[" + rate + " Hz, window " + window + ", hop " + hop + ", smoothing "
        + recent.length + ", " + total + " samples pushed]";
  }
}
