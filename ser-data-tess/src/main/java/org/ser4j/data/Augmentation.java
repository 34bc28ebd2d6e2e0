package org.ser4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.Resampler;

/**
 * Seeded audio augmentation of training clips: speed perturbation, gain, additive noise at a chosen
 * signal-to-noise ratio. Immutable; what a bundle's provenance records ({@link #description()}).
 *
 * <pre>{@code
 * Augmentation aug = Augmentation.builder()
 *     .speeds(0.9, 1.1)            // each copy at one of these speeds (drawn), duration / factor
 *     .noiseSnrDb(10, 30)          // white noise at an SNR drawn from 10..30 dB
 *     .gainDb(-6, 6)               // gain drawn from -6..6 dB
 *     .copies(2)                   // augmented copies per training clip (the original is kept too)
 *     .seed(42)
 *     .build();
 * }</pre>
 *
 * <p>Each augmented copy of a clip applies every configured transform, in this order: speed (the clip is
 * read as if recorded at {@code rate * factor} and resampled to {@code rate} with {@link Resampler}, so it
 * lasts {@code 1 / factor} as long and its pitch moves by {@code factor}, as Kaldi's speed perturbation), gain,
 * then noise scaled so that the ratio of the clip's mean power to the noise's is exactly the drawn SNR. What
 * a copy gets is drawn from the seed, the utterance's corpus, speaker and file name, and the copy's index
 * ({@link #draw}): the same on every run and thread order, and independent of where the corpus lies.
 *
 * <p>Augmentation is for training examples only: {@code Experiment} never applies it to validation or test
 * utterances.
 */
public final class Augmentation {

  /** The colour of the added noise. */
  public enum Noise {
    /** Flat spectrum: independent Gaussian samples. */
    WHITE,
    /** Power falling 3 dB per octave (Paul Kellet's filter over white noise). */
    PINK
  }

  private static final Augmentation NONE = new Augmentation(List.of(), Double.NaN, Double.NaN, Noise.WHITE,
      Double.NaN, Double.NaN, 0, 0);

  private final List<Double> speeds;
  private final double snrMinDb;
  private final double snrMaxDb;
  private final Noise noise;
  private final double gainMinDb;
  private final double gainMaxDb;
  private final int copies;
  private final long seed;

  private Augmentation(List<Double> speeds, double snrMinDb, double snrMaxDb, Noise noise, double gainMinDb,
      double gainMaxDb, int copies, long seed) {
    this.speeds = List.copyOf(speeds);
    this.snrMinDb = snrMinDb;
    this.snrMaxDb = snrMaxDb;
    this.noise = noise;
    this.gainMinDb = gainMinDb;
    this.gainMaxDb = gainMaxDb;
    this.copies = copies;
    this.seed = seed;
  }

  /** {@return no augmentation: no copies} */
  public static Augmentation none() {
    return NONE;
  }

  /** {@return a builder: nothing configured, one copy per clip, seed 42} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return whether this adds no copies} */
  public boolean isNone() {
    return copies == 0;
  }

  /** {@return augmented copies per training clip (0 for none); the original clip is always kept} */
  public int copies() {
    return copies;
  }

  /** {@return the speed factors a copy draws from (empty: speed unchanged)} */
  public List<Double> speeds() {
    return speeds;
  }

  /** {@return the seed of every draw} */
  public long seed() {
    return seed;
  }

  /**
   * What one augmented copy gets.
   *
   * @param speed the speed factor (1 for unchanged)
   * @param gainDb the gain in dB (0 for unchanged)
   * @param snrDb the SNR of the added noise in dB, or positive infinity for no noise
   * @param noiseSeed the seed of the noise samples
   */
  public record Draw(double speed, double gainDb, double snrDb, long noiseSeed) {
    /** {@return a stable text of this draw, part of the feature cache's key} */
    public String key() {
      return String.format(Locale.ROOT, "speed=%s;gain=%s;snr=%s;noise=%d", Double.toString(speed),
          Double.toString(gainDb), Double.toString(snrDb), noiseSeed);
    }
  }

  /**
   * The draw of copy {@code copy} of utterance {@code u}: a function of the seed, {@code u}'s corpus, speaker
   * and file name, and {@code copy}.
   *
   * @param u the utterance
   * @param copy the copy's index, in {@code [0, copies())}
   * @return what the copy gets
   * @throws IllegalArgumentException if {@code copy} is out of range
   */
  public Draw draw(Utterance u, int copy) {
    Objects.requireNonNull(u, "u");
    if (copy < 0 || copy >= copies) {
      throw new IllegalArgumentException("copy " + copy + " outside [0, " + copies + ")");
    }
    String id = u.corpus() + "\u0000" + u.speaker() + "\u0000" + u.path().getFileName() + "\u0000" + copy;
    long h = seed;
    for (int i = 0; i < id.length(); i++) {
      h = h * 31 + id.charAt(i);
    }
    SplittableRandom r = new SplittableRandom(mix(h));
    double speed = speeds.isEmpty() ? 1.0 : speeds.get(r.nextInt(speeds.size()));
    double gain = Double.isNaN(gainMinDb) ? 0.0 : uniform(r, gainMinDb, gainMaxDb);
    double snr = Double.isNaN(snrMinDb) ? Double.POSITIVE_INFINITY : uniform(r, snrMinDb, snrMaxDb);
    return new Draw(speed, gain, snr, r.nextLong());
  }

  private static double uniform(SplittableRandom r, double lo, double hi) {
    return lo == hi ? lo : lo + (hi - lo) * r.nextDouble();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /**
   * Applies {@code draw} to a mono clip: speed, gain, noise (in that order).
   *
   * @param clip a mono clip
   * @param draw what to apply (see {@link #draw})
   * @return a new mono clip at the same rate
   * @throws IllegalArgumentException if the clip is not mono
   */
  public AudioClip apply(AudioClip clip, Draw draw) {
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(draw, "draw");
    if (clip.channelCount() != 1) {
      throw new IllegalArgumentException("augmentation needs a mono clip, got " + clip.channelCount() + " channels");
    }
    float[] x = speed(clip.channel(0), clip.sampleRate(), draw.speed());
    x = gain(x, draw.gainDb());
    if (!Double.isInfinite(draw.snrDb())) {
      x = addNoise(x, draw.snrDb(), noise, new SplittableRandom(draw.noiseSeed()));
    }
    return AudioClip.ofMono(clip.sampleRate(), x);
  }

  /**
   * Speed perturbation: {@code x} read as if recorded at {@code rate * factor}, resampled to {@code rate}.
   *
   * @param x samples (not modified)
   * @param rate their rate, Hz
   * @param factor speed factor, e.g. 0.9 (slower, longer, lower) or 1.1
   * @return about {@code x.length / factor} samples (a copy when the factor is 1)
   * @throws IllegalArgumentException if the factor is not positive
   */
  public static float[] speed(float[] x, int rate, double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed factor must be positive, got " + factor);
    }
    int source = (int) Math.round(rate * factor);
    if (source == rate) {
      return x.clone();
    }
    return Resampler.resample(x, source, rate);
  }

  /**
   * Multiplies {@code x} by {@code 10^(db/20)}.
   *
   * @param x samples (not modified)
   * @param db gain in dB
   * @return the scaled samples, a new array
   */
  public static float[] gain(float[] x, double db) {
    float g = (float) Math.pow(10, db / 20);
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] * g;
    }
    return y;
  }

  /**
   * Adds noise whose power is the signal's mean power divided by {@code 10^(snrDb/10)}, exactly (the noise is
   * scaled after it is drawn). A silent signal gets no noise.
   *
   * @param x samples (not modified)
   * @param snrDb the signal-to-noise ratio in dB
   * @param colour white or pink
   * @param random the noise's source
   * @return the noisy samples, a new array
   */
  public static float[] addNoise(float[] x, double snrDb, Noise colour, SplittableRandom random) {
    double signal = 0;
    for (float v : x) {
      signal += (double) v * v;
    }
    float[] y = x.clone();
    if (signal == 0 || x.length == 0) {
      return y;
    }
    double[] n = new double[x.length];
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    for (int i = 0; i < n.length; i++) {
      double w = gaussian(random);
      if (colour == Noise.PINK) {
        b0 = 0.99886 * b0 + w * 0.0555179;
        b1 = 0.99332 * b1 + w * 0.0750759;
        b2 = 0.96900 * b2 + w * 0.1538520;
        b3 = 0.86650 * b3 + w * 0.3104856;
        b4 = 0.55000 * b4 + w * 0.5329522;
        b5 = -0.7616 * b5 - w * 0.0168980;
        n[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
        b6 = w * 0.115926;
      } else {
        n[i] = w;
      }
    }
    double noisePower = 0;
    for (double v : n) {
      noisePower += v * v;
    }
    double scale = Math.sqrt(signal / noisePower / Math.pow(10, snrDb / 10));
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (x[i] + n[i] * scale);
    }
    return y;
  }

  private static double gaussian(SplittableRandom r) {
    double u1;
    do {
      u1 = r.nextDouble();
    } while (u1 == 0);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /**
   * What this augmentation does, in one line, e.g. {@code "2 copies per training clip: speed 0.9|1.1, gain
   * -6..6 dB, white noise at 10..30 dB SNR; seed 42"}, or {@code "none"}.
   *
   * @return the description a bundle's provenance records
   */
  public String description() {
    if (isNone()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    if (!speeds.isEmpty()) {
      parts.add("speed " + String.join("|", speeds.stream().map(Augmentation::num).toList()));
    }
    if (!Double.isNaN(gainMinDb)) {
      parts.add("gain " + range(gainMinDb, gainMaxDb) + " dB");
    }
    if (!Double.isNaN(snrMinDb)) {
      parts.add(noise.name().toLowerCase(Locale.ROOT) + " noise at " + range(snrMinDb, snrMaxDb) + " dB SNR");
    }
    return copies + (copies == 1 ? " copy" : " copies") + " per training clip: " + String.join(", ", parts)
        + "; seed " + seed;
  }

  private static String range(double lo, double hi) {
    return lo == hi ? num(lo) : num(lo) + ".." + num(hi);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Augmentation a && speeds.equals(a.speeds) && Double.compare(snrMinDb, a.snrMinDb) == 0
        && Double.compare(snrMaxDb, a.snrMaxDb) == 0 && noise == a.noise
        && Double.compare(gainMinDb, a.gainMinDb) == 0 && Double.compare(gainMaxDb, a.gainMaxDb) == 0
        && copies == a.copies && seed == a.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(speeds, snrMinDb, snrMaxDb, noise, gainMinDb, gainMaxDb, copies, seed);
  }

  @Override
  public String toString() {
    return "Augmentation[" + description() + "]";
  }

  /** Builds an {@link Augmentation}; with no transform configured it builds {@link #none()}. */
  public static final class Builder {
    private final List<Double> speeds = new ArrayList<>();
    private double snrMinDb = Double.NaN;
    private double snrMaxDb = Double.NaN;
    private Noise noise = Noise.WHITE;
    private double gainMinDb = Double.NaN;
    private double gainMaxDb = Double.NaN;
    private int copies = 1;
    private long seed = 42;

    private Builder() {}

    /**
     * Speed factors a copy draws from, uniformly (e.g. {@code 0.9, 1.1}; include 1 to keep some copies at
     * the original speed).
     *
     * @param factors each in {@code [0.5, 2]}
     * @return this builder
     * @throws IllegalArgumentException if a factor is out of range or none is given
     */
    public Builder speeds(double... factors) {
      if (factors.length == 0) {
        throw new IllegalArgumentException("speeds: give at least one factor");
      }
      speeds.clear();
      for (double f : factors) {
        if (!(f >= 0.5 && f <= 2)) {
          throw new IllegalArgumentException("speed factor must be between 0.5 and 2, got " + f);
        }
        speeds.add(f);
      }
      return this;
    }

    /**
     * White noise at an SNR drawn uniformly from {@code [minDb, maxDb]} (equal bounds: a fixed SNR).
     *
     * @param minDb lower bound, dB, in {@code [-20, 100]}
     * @param maxDb upper bound, dB, at least {@code minDb}, at most 100
     * @return this builder
     * @throws IllegalArgumentException if the bounds are out of range or reversed
     */
    public Builder noiseSnrDb(double minDb, double maxDb) {
      checkRange("noise SNR", minDb, maxDb, -20, 100);
      this.snrMinDb = minDb;
      this.snrMaxDb = maxDb;
      return this;
    }

    /**
     * The noise's colour (default white).
     *
     * @param colour white or pink
     * @return this builder
     */
    public Builder noise(Noise colour) {
      this.noise = Objects.requireNonNull(colour, "colour");
      return this;
    }

    /**
     * A gain drawn uniformly from {@code [minDb, maxDb]} (equal bounds: a fixed gain).
     *
     * @param minDb lower bound, dB, in {@code [-40, 40]}
     * @param maxDb upper bound, dB, at least {@code minDb}, at most 40
     * @return this builder
     * @throws IllegalArgumentException if the bounds are out of range or reversed
     */
    public Builder gainDb(double minDb, double maxDb) {
      checkRange("gain", minDb, maxDb, -40, 40);
      this.gainMinDb = minDb;
      this.gainMaxDb = maxDb;
      return this;
    }

    /**
     * Augmented copies of each training clip (default 1); the original is kept beside them.
     *
     * @param n in {@code [1, 20]}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder copies(int n) {
      if (n < 1 || n > 20) {
        throw new IllegalArgumentException("copies must be between 1 and 20, got " + n);
      }
      this.copies = n;
      return this;
    }

    /**
     * The seed of every draw (default 42).
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** {@return the augmentation, or {@link #none()} when no transform was configured} */
    public Augmentation build() {
      if (speeds.isEmpty() && Double.isNaN(snrMinDb) && Double.isNaN(gainMinDb)) {
        return NONE;
      }
      return new Augmentation(speeds, snrMinDb, snrMaxDb, noise, gainMinDb, gainMaxDb, copies, seed);
    }

    private static void checkRange(String what, double lo, double hi, double min, double max) {
      if (!(lo >= min && lo <= max && hi >= min && hi <= max)) {
        throw new IllegalArgumentException(what + " must be within " + min + ".." + max + " dB, got " + lo
            + ".." + hi);
      }
      if (lo > hi) {
        throw new IllegalArgumentException(what + " range is reversed: " + lo + ".." + hi);
      }
    }
  }
}
