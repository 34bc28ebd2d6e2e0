package org.ser4j.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.LoadOptions;
import org.ser4j.audio.TooShortAudioException;

/**
 * A whole feature recipe, from file to matrix: how to load the audio ({@link LoadOptions}), the MFCC
 * ({@link MfccConfig}), whether to append deltas, and whether to pool the frames. Immutable. Its
 * {@link #cacheKey()} names every parameter, so a changed spec never reads another spec's cached features;
 * {@link #toMap()} / {@link #fromMap(Map)} store it in a model bundle, so a recognizer computes exactly the
 * features its network was trained on.
 *
 * <p>Presets:
 * <ul>
 *   <li>{@link #notebook()}: the seed notebook's feature, {@code np.mean(librosa.feature.mfcc(y=librosa.load(f,
 *       duration=3, offset=0.5)[0], sr=22050, n_mfcc=40).T, axis=0)}: one 40-vector per file;</li>
 *   <li>{@link #framewise()}: the whole file at 22050 Hz, 40 MFCCs per frame plus first and second deltas (120
 *       values per frame), one matrix per file, as many rows as frames;</li>
 *   <li>{@link #stats()}: the framewise features pooled to their mean and standard deviation (240 values).</li>
 * </ul>
 */
public final class FeatureSpec {

  /** How frames are pooled into one vector per file. */
  public enum Summary {
    /** Keep every frame. */
    NONE,
    /** The mean over frames ({@code np.mean(mfcc.T, axis=0)}). */
    MEAN,
    /** The mean and then the population standard deviation over frames: twice the values per file. */
    MEAN_STD
  }

  /** Bumped whenever the computation behind a spec changes, so old cache entries are not reused. */
  static final int VERSION = 1;

  private final String name;
  private final LoadOptions load;
  private final MfccConfig mfcc;
  private final boolean deltas;
  private final Summary pooling;

  private FeatureSpec(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Summary pooling) {
    this.name = Objects.requireNonNull(name, "name");
    this.load = Objects.requireNonNull(load, "load");
    this.mfcc = Objects.requireNonNull(mfcc, "mfcc");
    this.deltas = deltas;
    this.pooling = Objects.requireNonNull(pooling, "pooling");
    if (load.sampleRate().isEmpty() || load.sampleRate().getAsInt() != mfcc.sampleRate()) {
      throw new IllegalArgumentException("load sampleRate (" + (load.sampleRate().isEmpty() ? "native"
          : load.sampleRate().getAsInt()) + ") must equal the MFCC sampleRate (" + mfcc.sampleRate() + ")");
    }
    if (!load.mono()) {
      throw new IllegalArgumentException("load options must be mono: MFCCs are computed on one channel");
    }
  }

  /**
   * A spec from parts.
   *
   * @param name a short name for reports ("notebook", "framewise", or your own)
   * @param load how to load each file; must be mono at the MFCC's sample rate
   * @param mfcc the MFCC parameters
   * @param deltas append first and second deltas ({@code librosa.feature.delta}, width 9) to each frame
   * @param pooling how to pool frames
   * @return the spec
   */
  public static FeatureSpec of(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Summary pooling) {
    return new FeatureSpec(name, load, mfcc, deltas, pooling);
  }

  /** {@return the seed notebook's feature: 22050 Hz, offset 0.5 s, duration 3 s, mean of 40 MFCCs} */
  public static FeatureSpec notebook() {
    return new FeatureSpec("notebook", LoadOptions.notebook(), MfccConfig.notebook(22050), false, Summary.MEAN);
  }

  /** {@return framewise: whole file at 22050 Hz, 40 MFCCs + deltas + delta-deltas per frame, no pooling} */
  public static FeatureSpec framewise() {
    return new FeatureSpec("framewise", LoadOptions.defaults(), MfccConfig.notebook(22050), true, Summary.NONE);
  }

  /**
   * Utterance statistics: the whole file at 22050 Hz, 40 MFCCs + deltas + delta-deltas per frame, pooled to
   * their mean and standard deviation over frames (240 values per file).
   *
   * @return the stats spec
   */
  public static FeatureSpec stats() {
    return new FeatureSpec("stats", LoadOptions.defaults(), MfccConfig.notebook(22050), true, Summary.MEAN_STD);
  }

  /**
   * A preset by name: {@code notebook}, {@code framewise} or {@code stats}.
   *
   * @param name a preset name, case-insensitive
   * @return the preset
   */
  public static FeatureSpec preset(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "notebook" -> notebook();
      case "framewise" -> framewise();
      case "stats" -> stats();
      default -> throw new IllegalArgumentException("unknown feature preset '" + name
          + "' (notebook, framewise, stats)");
    };
  }

  /** {@return an extractor for this spec's MFCC (build once, share between threads)} */
  public MfccExtractor newExtractor() {
    return MfccExtractor.create(mfcc);
  }

  /**
   * This spec's features of a file: load (as {@link #load()} says), MFCC, deltas, pooling.
   *
   * @param file an audio file
   * @param extractor an extractor for {@link #mfcc()} (see {@link #newExtractor()})
   * @return frames x values (one row when pooled)
   * @throws org.ser4j.audio.AudioFormatException if the file is not decodable audio
   * @throws TooShortAudioException naming the file, if it holds fewer than {@link #minimumSamples()} samples
   *     after the offset
   * @throws IllegalArgumentException if {@code extractor} is for another MFCC configuration
   */
  public float[][] extract(Path file, MfccExtractor extractor) throws IOException {
    return compute(AudioLoader.load(file, load), extractor, file.toString());
  }

  /**
   * This spec's features of a clip already loaded as {@link #load()} says (mono, at the MFCC's rate): MFCC,
   * then deltas, then pooling. Rows = frames (one row when pooled), columns = {@link #dimension()} values.
   *
   * @param loaded audio loaded as {@link #load()} says
   * @param extractor an extractor for {@link #mfcc()}
   * @return frames x values (one row when pooled)
   * @throws TooShortAudioException if the clip holds fewer than {@link #minimumSamples()} samples (data, not a
   *     caller mistake: the message says what it holds and what is needed)
   * @throws IllegalArgumentException if {@code extractor} is for another MFCC configuration
   */
  public float[][] compute(AudioClip loaded, MfccExtractor extractor) throws TooShortAudioException {
    return compute(loaded, extractor, "<clip>");
  }

  /**
   * {@link #compute(AudioClip, MfccExtractor)} naming the clip's source in its exceptions.
   *
   * @param loaded audio loaded as {@link #load()} says
   * @param extractor an extractor for {@link #mfcc()}
   * @param source the file path or a description such as {@code "<upload>"}, for messages
   * @return frames x values (one row when pooled)
   * @throws TooShortAudioException naming {@code source}, if the clip holds fewer than {@link #minimumSamples()}
   *     samples
   * @throws IllegalArgumentException if {@code extractor} is for another MFCC configuration
   */
  public float[][] compute(AudioClip loaded, MfccExtractor extractor, String source) throws TooShortAudioException {
    if (!extractor.config().equals(mfcc)) {
      throw new IllegalArgumentException("extractor is for " + extractor.config() + ", this spec needs " + mfcc);
    }
    checkLongEnough(loaded, source);
    return fromMfcc(extractor.mfcc(loaded));
  }

  /**
   * The fewest samples (at the MFCC's rate, after the offset) this spec can featurise: enough for one frame,
   * or for nine with deltas (librosa's delta window is nine frames wide). 1 sample for the notebook recipe,
   * 8 hops (0.19 s at 22050 Hz) for the stats and framewise recipes.
   *
   * @return the minimum number of samples
   */
  public int minimumSamples() {
    int need = deltas ? 9 : 1;
    int lo = 1;
    int hi = 1 << 26;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int frames;
      try {
        frames = mfcc.frameCount(mid);
      } catch (IllegalArgumentException e) {
        frames = 0; // shorter than one frame without centring
      }
      if (frames >= need) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Throws unless {@code loaded} holds at least {@link #minimumSamples()} samples.
   *
   * @param loaded audio loaded as {@link #load()} says
   * @param source the file path or a description, for the message
   * @throws TooShortAudioException naming {@code source}, what it holds and what is needed
   */
  public void checkLongEnough(AudioClip loaded, String source) throws TooShortAudioException {
    int minimum = minimumSamples();
    if (loaded.frameCount() >= minimum) {
      return;
    }
    int rate = mfcc.sampleRate();
    double have = (double) loaded.frameCount() / rate;
    double need = (double) minimum / rate;
    String needed = String.format(Locale.ROOT, "; the features need at least %.3f s (%.3f s in all)", need,
        load.offset() + need);
    String problem = loaded.frameCount() == 0
        ? "no audio after the offset of " + load.offset() + " s" + (minimum > 1 ? needed : "")
        : String.format(Locale.ROOT, "too short: %.3f s of audio after the offset of %s s", have, load.offset())
            + needed;
    throw new TooShortAudioException(source, have, need + load.offset(), problem);
  }

  /**
   * The spec's features from MFCC frames computed elsewhere (streamed with {@link MfccStream}, say): deltas
   * when the spec asks for them, then pooling; what {@link #compute} does after the MFCC.
   *
   * @param mfcc frames x {@code mfcc().nMfcc()} coefficients, at least one frame
   * @return frames x values (one row when pooled)
   * @throws IllegalArgumentException if there are no frames, or too few for deltas
   */
  public float[][] fromMfcc(float[][] mfcc) {
    if (mfcc.length == 0) {
      throw new IllegalArgumentException("no MFCC frames");
    }
    float[][] m = mfcc;
    if (deltas) {
      float[][] d1 = Deltas.delta(m, 9, 1);
      float[][] d2 = Deltas.delta(m, 9, 2);
      int c = m[0].length;
      float[][] out = new float[m.length][3 * c];
      for (int t = 0; t < m.length; t++) {
        System.arraycopy(m[t], 0, out[t], 0, c);
        System.arraycopy(d1[t], 0, out[t], c, c);
        System.arraycopy(d2[t], 0, out[t], 2 * c, c);
      }
      m = out;
    }
    if (pooling == Summary.MEAN) {
      m = new float[][] {Pooling.mean(m)};
    } else if (pooling == Summary.MEAN_STD) {
      float[] mean = Pooling.mean(m);
      float[] std = Pooling.std(m);
      float[] both = java.util.Arrays.copyOf(mean, 2 * mean.length);
      System.arraycopy(std, 0, both, mean.length, std.length);
      m = new float[][] {both};
    }
    return m;
  }

  /** {@return every parameter as text, for storing (e.g. in a model bundle); {@link #fromMap(Map)} reads it back} */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("version", Integer.toString(VERSION));
    m.put("load.sr", Integer.toString(load.sampleRate().orElse(0)));
    m.put("load.mono", Boolean.toString(load.mono()));
    m.put("load.offset", Double.toString(load.offset()));
    m.put("load.duration", load.duration().isPresent() ? Double.toString(load.duration().getAsDouble()) : "None");
    m.put("mfcc.sr", Integer.toString(mfcc.sampleRate()));
    m.put("mfcc.n_mfcc", Integer.toString(mfcc.nMfcc()));
    m.put("mfcc.n_fft", Integer.toString(mfcc.nFft()));
    m.put("mfcc.hop_length", Integer.toString(mfcc.hopLength()));
    m.put("mfcc.win_length", Integer.toString(mfcc.winLength()));
    m.put("mfcc.window", mfcc.window().name());
    m.put("mfcc.center", Boolean.toString(mfcc.center()));
    m.put("mfcc.pad_mode", mfcc.padMode().name());
    m.put("mfcc.power", Double.toString(mfcc.power()));
    m.put("mfcc.n_mels", Integer.toString(mfcc.nMels()));
    m.put("mfcc.fmin", Double.toString(mfcc.fmin()));
    m.put("mfcc.fmax", Double.toString(mfcc.fmax()));
    m.put("mfcc.mel_scale", mfcc.melScale().name());
    m.put("mfcc.mel_norm", mfcc.melNorm().name());
    m.put("mfcc.ref", Double.toString(mfcc.ref()));
    m.put("mfcc.amin", Double.toString(mfcc.amin()));
    m.put("mfcc.top_db", mfcc.hasTopDb() ? Double.toString(mfcc.topDb()) : "None");
    m.put("mfcc.lifter", Double.toString(mfcc.lifter()));
    m.put("deltas", Boolean.toString(deltas));
    m.put("pooling", pooling.name());
    return m;
  }

  /**
   * Reads a spec written by {@link #toMap()}.
   *
   * @param m the map
   * @return the spec
   * @throws IllegalArgumentException naming the key that is missing or malformed
   */
  public static FeatureSpec fromMap(Map<String, String> m) {
    int version = Integer.parseInt(get(m, "version"));
    if (version != VERSION) {
      throw new IllegalArgumentException("feature spec version " + version + " is not " + VERSION
          + " (made by another ser4j version)");
    }
    try {
      LoadOptions.Builder lb = LoadOptions.builder().mono(Boolean.parseBoolean(get(m, "load.mono")))
          .offset(Double.parseDouble(get(m, "load.offset")));
      int sr = Integer.parseInt(get(m, "load.sr"));
      if (sr == 0) {
        lb.nativeSampleRate();
      } else {
        lb.sampleRate(sr);
      }
      String duration = get(m, "load.duration");
      if (!duration.equals("None")) {
        lb.duration(Double.parseDouble(duration));
      }
      String topDb = get(m, "mfcc.top_db");
      MfccConfig cfg = MfccConfig.builder(Integer.parseInt(get(m, "mfcc.sr")))
          .nMfcc(Integer.parseInt(get(m, "mfcc.n_mfcc")))
          .nFft(Integer.parseInt(get(m, "mfcc.n_fft")))
          .hopLength(Integer.parseInt(get(m, "mfcc.hop_length")))
          .winLength(Integer.parseInt(get(m, "mfcc.win_length")))
          .window(MfccConfig.Window.valueOf(get(m, "mfcc.window")))
          .center(Boolean.parseBoolean(get(m, "mfcc.center")))
          .padMode(MfccConfig.PadMode.valueOf(get(m, "mfcc.pad_mode")))
          .power(Double.parseDouble(get(m, "mfcc.power")))
          .nMels(Integer.parseInt(get(m, "mfcc.n_mels")))
          .fmin(Double.parseDouble(get(m, "mfcc.fmin")))
          .fmax(Double.parseDouble(get(m, "mfcc.fmax")))
          .melScale(MfccConfig.MelScale.valueOf(get(m, "mfcc.mel_scale")))
          .melNorm(MfccConfig.MelNorm.valueOf(get(m, "mfcc.mel_norm")))
          .ref(Double.parseDouble(get(m, "mfcc.ref")))
          .amin(Double.parseDouble(get(m, "mfcc.amin")))
          .topDb(topDb.equals("None") ? null : Double.parseDouble(topDb))
          .lifter(Double.parseDouble(get(m, "mfcc.lifter")))
          .build();
      return new FeatureSpec(get(m, "name"), lb.build(), cfg, Boolean.parseBoolean(get(m, "deltas")),
          Summary.valueOf(get(m, "pooling").toUpperCase(Locale.ROOT)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed feature spec: " + e.getMessage(), e);
    }
  }

  private static String get(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("feature spec has no '" + key + "'");
    }
    return v;
  }

  /** {@return the short name for reports} */
  public String name() {
    return name;
  }

  /** {@return how each file is loaded} */
  public LoadOptions load() {
    return load;
  }

  /** {@return the MFCC parameters} */
  public MfccConfig mfcc() {
    return mfcc;
  }

  /** {@return whether first and second deltas are appended to each frame} */
  public boolean deltas() {
    return deltas;
  }

  /** {@return how frames are pooled} */
  public Summary pooling() {
    return pooling;
  }

  /** {@return values per frame (or per file when pooled): n_mfcc, times 3 with deltas, times 2 with {@code MEAN_STD}} */
  public int dimension() {
    return mfcc.nMfcc() * (deltas ? 3 : 1) * (pooling == Summary.MEAN_STD ? 2 : 1);
  }

  /**
   * Every parameter as text, from the one canonical serialisation ({@link #toMap()}, without the name):
   * equal keys mean equal features for the same audio.
   *
   * @return {@code key=value;} pairs in {@link #toMap()}'s order
   */
  public String cacheKey() {
    StringBuilder b = new StringBuilder();
    toMap().forEach((k, v) -> {
      if (!k.equals("name")) {
        b.append(k).append('=').append(v).append(';');
      }
    });
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSpec s && name.equals(s.name) && cacheKey().equals(s.cacheKey());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, cacheKey());
  }

  @Override
  public String toString() {
    return "FeatureSpec[" + name + ": " + cacheKey() + "]";
  }
}
