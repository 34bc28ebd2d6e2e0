package org.ser4j.data;

import java.util.Objects;
import org.ser4j.audio.LoadOptions;
import org.ser4j.features.MfccConfig;

/**
 * What feature to compute for each recording of a corpus: how to load it ({@link LoadOptions}), the MFCC
 * ({@link MfccConfig}), whether to append deltas, and whether to pool the frames. Immutable; its
 * {@link #cacheKey()} names every parameter, so a changed spec never reads another spec's cached features.
 *
 * <p>Presets:
 * <ul>
 *   <li>{@link #notebook()}: the seed notebook's feature, {@code np.mean(librosa.feature.mfcc(y=librosa.load(f,
 *       duration=3, offset=0.5)[0], sr=22050, n_mfcc=40).T, axis=0)}: one 40-vector per file;</li>
 *   <li>{@link #framewise()}: the whole file at 22050 Hz, 40 MFCCs per frame plus first and second deltas (120
 *       values per frame), one matrix per file, as many rows as frames.</li>
 * </ul>
 */
public final class FeatureSpec {

  /** How frames are pooled into one vector per file. */
  public enum Pooling {
    /** Keep every frame. */
    NONE,
    /** The mean over frames ({@code np.mean(mfcc.T, axis=0)}). */
    MEAN
  }

  /** Bumped whenever the computation behind a spec changes, so old cache entries are not reused. */
  static final int VERSION = 1;

  private final String name;
  private final LoadOptions load;
  private final MfccConfig mfcc;
  private final boolean deltas;
  private final Pooling pooling;

  private FeatureSpec(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Pooling pooling) {
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
   */
  public static FeatureSpec of(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Pooling pooling) {
    return new FeatureSpec(name, load, mfcc, deltas, pooling);
  }

  /** The seed notebook's feature: 22050 Hz, offset 0.5 s, duration 3 s, mean of 40 MFCCs. */
  public static FeatureSpec notebook() {
    return new FeatureSpec("notebook", LoadOptions.notebook(), MfccConfig.notebook(22050), false, Pooling.MEAN);
  }

  /** Framewise: whole file at 22050 Hz, 40 MFCCs + deltas + delta-deltas per frame, no pooling. */
  public static FeatureSpec framewise() {
    return new FeatureSpec("framewise", LoadOptions.defaults(), MfccConfig.notebook(22050), true, Pooling.NONE);
  }

  /** A preset by name: {@code notebook} or {@code framewise}. */
  public static FeatureSpec preset(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "notebook" -> notebook();
      case "framewise" -> framewise();
      default -> throw new IllegalArgumentException("unknown feature preset '" + name + "' (notebook, framewise)");
    };
  }

  public String name() {
    return name;
  }

  public LoadOptions load() {
    return load;
  }

  public MfccConfig mfcc() {
    return mfcc;
  }

  public boolean deltas() {
    return deltas;
  }

  public Pooling pooling() {
    return pooling;
  }

  /** Values per frame (or per file when pooled): n_mfcc, times 3 with deltas. */
  public int dimension() {
    return mfcc.nMfcc() * (deltas ? 3 : 1);
  }

  /** Every parameter as text: equal keys mean equal features for the same audio. */
  public String cacheKey() {
    return "v" + VERSION + ";" + load + ";" + mfcc + ";deltas=" + deltas + ";pooling=" + pooling;
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
