package org.ser4j.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 *   <li>{@link #stats()}: the framewise features pooled to their mean and standard deviation (240 values);</li>
 *   <li>{@link #voice()}: the framewise features pooled to mean, std and percentiles, plus prosodic and
 *       voice-quality {@link Descriptor}s (energy, spectral shape, F0 movement, voicing, duration; 703 values).</li>
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
    MEAN_STD,
    /**
     * The mean, the population standard deviation, then the 10th, 50th and 90th percentiles (numpy's linear
     * interpolation) over frames: five times the values per file, as {@code MEAN_STD} followed by the three
     * percentile blocks. Percentiles describe how a coefficient varies within a clip, which transfers between
     * voices better than its level.
     */
    MEAN_STD_PERCENTILES
  }

  /**
   * A prosodic or voice-quality descriptor computed from the waveform beside the MFCC, on the MFCC's frames
   * ({@code n_fft}, {@code hop_length}, centring) and appended, summarised per clip, after the pooled MFCC
   * statistics. Each framewise track is summarised by {@link #TRACK_STATISTICS} values: mean, std, p10, p50,
   * p90, p90 - p10 and the std of its frame-to-frame difference (how fast it moves). Frames where a track is
   * undefined (F0 of unvoiced frames) are left out; a track with no frame contributes zeros.
   */
  public enum Descriptor {
    /** {@link SpectralFeatures#rms(float[], int, int, boolean)} in dB relative to the clip's loudest frame (floor -80 dB). */
    RMS(1),
    /** {@link SpectralFeatures#zeroCrossingRate(float[], int, int, boolean)}. */
    ZCR(1),
    /** {@link SpectralFeatures#spectralCentroid(float[][])} in Hz. */
    CENTROID(1),
    /** {@link SpectralFeatures#spectralBandwidth(float[][])} in Hz. */
    BANDWIDTH(1),
    /** {@link SpectralFeatures#spectralRolloff(float[][])} in Hz. */
    ROLLOFF(1),
    /** {@link SpectralFeatures#spectralFlatness(float[][])}. */
    FLATNESS(1),
    /** {@link SpectralFeatures#spectralContrast(float[][])}: seven tracks (six octave bands and the rest), in dB. */
    CONTRAST(7),
    /**
     * F0 by {@link Pitch#yin(float[])} (search range {@link FeatureSpec#f0Range()}) on voiced frames, in semitones
     * relative to the clip's median voiced F0 ({@link FrameStatistics#semitones}): pitch movement, not register.
     */
    F0(1),
    /**
     * Four values: the fraction of voiced frames, voiced runs per second, the mean voiced run and the mean pause
     * between voiced runs in seconds. A frame is voiced when yin's aperiodicity is below
     * {@link FeatureSpec#VOICING_THRESHOLD} and its rms is within {@link FeatureSpec#SILENCE_DB} dB of the
     * loudest frame's.
     */
    VOICING(0),
    /** One value: the loaded clip's duration in seconds. */
    DURATION(0);

    private final int tracks;

    Descriptor(int tracks) {
      this.tracks = tracks;
    }

    /** {@return the values this descriptor adds to a feature vector} */
    public int dimension() {
      return switch (this) {
        case VOICING -> 4;
        case DURATION -> 1;
        default -> tracks * TRACK_STATISTICS;
      };
    }
  }

  /** Values summarising one framewise descriptor track: mean, std, p10, p50, p90, p90 - p10, std of the difference. */
  public static final int TRACK_STATISTICS = 7;
  /**
   * yin aperiodicity below which a frame counts as voiced (for {@link Descriptor#F0} and {@link Descriptor#VOICING});
   * with the silence gate it agrees with pyin's voiced flag on 87% of frames of 30 TESS and CREMA-D clips (0.2: 80%).
   */
  public static final double VOICING_THRESHOLD = 0.35;
  /** Frames more than this many dB below the clip's loudest frame are unvoiced (silence, breath). */
  public static final double SILENCE_DB = 40;
  /** Version of the descriptor computation, in the recipe and cache key of specs that have descriptors. */
  static final int DESCRIPTOR_VERSION = 1;
  private static final double[] DEFAULT_F0_RANGE = {60.0, 600.0};

  /** Bumped whenever the computation behind a spec changes, so old cache entries are not reused. */
  static final int VERSION = 1;

  private final String name;
  private final LoadOptions load;
  private final MfccConfig mfcc;
  private final boolean deltas;
  private final Summary pooling;
  private final Set<Descriptor> descriptors;
  private final double f0Min;
  private final double f0Max;
  /** {@link #minimumSamples()}, found once: it is checked for every clip. */
  private final int minimumSamples;
  /** Built on first use and shared (both are immutable and thread-safe). */
  private volatile SpectralFeatures spectral;
  private volatile Pitch pitch;

  private FeatureSpec(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Summary pooling) {
    this(name, load, mfcc, deltas, pooling, Set.of(), DEFAULT_F0_RANGE[0], DEFAULT_F0_RANGE[1]);
  }

  private FeatureSpec(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Summary pooling,
      Set<Descriptor> descriptors, double f0Min, double f0Max) {
    this.name = Objects.requireNonNull(name, "name");
    this.load = Objects.requireNonNull(load, "load");
    this.mfcc = Objects.requireNonNull(mfcc, "mfcc");
    this.deltas = deltas;
    this.pooling = Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(descriptors, "descriptors");
    this.descriptors = descriptors.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(descriptors));
    this.f0Min = f0Min;
    this.f0Max = f0Max;
    if (!this.descriptors.isEmpty() && pooling == Summary.NONE) {
      throw new IllegalArgumentException("descriptors " + this.descriptors + " are summarised per clip: they need a"
          + " pooled summary (MEAN, MEAN_STD or MEAN_STD_PERCENTILES), not NONE");
    }
    if (!(f0Min > 0) || !(f0Max > f0Min) || !(f0Max < mfcc.sampleRate() / 2.0)
        || Math.ceil(mfcc.sampleRate() / f0Min) >= mfcc.nFft()) {
      throw new IllegalArgumentException("F0 range [" + f0Min + ", " + f0Max + "] Hz is unusable at "
          + mfcc.sampleRate() + " Hz with n_fft " + mfcc.nFft() + " (need 0 < fmin < fmax < sr / 2 and a period of"
          + " fmin shorter than n_fft)");
    }
    if (load.sampleRate().isEmpty() || load.sampleRate().getAsInt() != mfcc.sampleRate()) {
      throw new IllegalArgumentException("load sampleRate (" + (load.sampleRate().isEmpty() ? "native"
          : load.sampleRate().getAsInt()) + ") must equal the MFCC sampleRate (" + mfcc.sampleRate() + ")");
    }
    if (!load.mono()) {
      throw new IllegalArgumentException("load options must be mono: MFCCs are computed on one channel");
    }
    this.minimumSamples = findMinimumSamples(mfcc, deltas);
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

  /**
   * A spec with prosodic and voice-quality descriptors appended to the pooled MFCC statistics.
   *
   * @param name a short name for reports
   * @param load how to load each file; must be mono at the MFCC's sample rate
   * @param mfcc the MFCC parameters (their {@code n_fft}, {@code hop_length} and centring also frame the descriptors)
   * @param deltas append first and second deltas to each MFCC frame
   * @param pooling how to pool MFCC frames; not {@link Summary#NONE} when there are descriptors
   * @param descriptors the descriptors to append, in {@link Descriptor} order whatever the set's order
   * @param f0Min lowest F0 searched by yin, Hz
   * @param f0Max highest F0 searched by yin, Hz
   * @return the spec
   * @throws IllegalArgumentException if descriptors come with {@link Summary#NONE} or the F0 range is unusable
   */
  public static FeatureSpec of(String name, LoadOptions load, MfccConfig mfcc, boolean deltas, Summary pooling,
      Set<Descriptor> descriptors, double f0Min, double f0Max) {
    return new FeatureSpec(name, load, mfcc, deltas, pooling, descriptors, f0Min, f0Max);
  }

  /**
   * Features that carry emotion across voices (issue 12): the whole file at 22050 Hz, 40 MFCCs + deltas +
   * delta-deltas pooled to mean, std, p10, p50 and p90 (600 values), then every {@link Descriptor}: rms
   * (dB re the loudest frame), zero-crossing rate, spectral centroid, bandwidth, roll-off, flatness and contrast,
   * F0 in semitones re the clip's median (yin, 60-600 Hz), each summarised by mean, std, percentiles, range and
   * the std of its frame-to-frame change, voicing statistics and duration (703 values in all).
   *
   * @return the voice spec
   */
  public static FeatureSpec voice() {
    return new FeatureSpec("voice", LoadOptions.defaults(), MfccConfig.notebook(22050), true,
        Summary.MEAN_STD_PERCENTILES, EnumSet.allOf(Descriptor.class), DEFAULT_F0_RANGE[0], DEFAULT_F0_RANGE[1]);
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
   * A preset by name: {@code notebook}, {@code framewise}, {@code stats} or {@code voice}.
   *
   * @param name a preset name, case-insensitive
   * @return the preset
   */
  public static FeatureSpec preset(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "notebook" -> notebook();
      case "framewise" -> framewise();
      case "stats" -> stats();
      case "voice" -> voice();
      default -> throw new IllegalArgumentException("unknown feature preset '" + name
          + "' (notebook, framewise, stats, voice)");
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
    float[][] pooled = pool(extractor.mfcc(loaded));
    if (descriptors.isEmpty()) {
      return pooled;
    }
    float[] d = descriptorVector(loaded.monoSamples(), loaded.frameCount());
    float[] both = Arrays.copyOf(pooled[0], pooled[0].length + d.length);
    System.arraycopy(d, 0, both, pooled[0].length, d.length);
    return new float[][] {both};
  }

  /**
   * The fewest samples (at the MFCC's rate, after the offset) this spec can featurise: enough for one frame,
   * or for nine with deltas (librosa's delta window is nine frames wide). 1 sample for the notebook recipe,
   * 8 hops (0.19 s at 22050 Hz) for the stats and framewise recipes.
   *
   * @return the minimum number of samples
   */
  public int minimumSamples() {
    return minimumSamples;
  }

  private static int findMinimumSamples(MfccConfig mfcc, boolean deltas) {
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
    int minimum = minimumSamples;
    if (loaded.frameCount() >= minimum) {
      return;
    }
    int rate = mfcc.sampleRate();
    double have = (double) loaded.frameCount() / rate;
    double need = (double) minimum / rate;
    String needed = String.format(Locale.ROOT, "; the features need at least %.3f s (%.3f s in all)", need,
        load.offset() + need);
    String problem = loaded.frameCount() == 0
        ? "too short: no audio after the offset of " + load.offset() + " s" + (minimum > 1 ? needed : "")
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
   * @throws IllegalStateException if the spec has {@link #descriptors()}: they need the waveform, use {@link #compute}
   */
  public float[][] fromMfcc(float[][] mfcc) {
    if (!descriptors.isEmpty()) {
      throw new IllegalStateException("feature recipe '" + name + "' has descriptors " + descriptors
          + " computed from the waveform: compute it from the audio, not from MFCC frames");
    }
    return pool(mfcc);
  }

  private float[][] pool(float[][] mfcc) {
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
      float[] both = Arrays.copyOf(mean, 2 * mean.length);
      System.arraycopy(std, 0, both, mean.length, std.length);
      m = new float[][] {both};
    } else if (pooling == Summary.MEAN_STD_PERCENTILES) {
      int c = m[0].length;
      float[] out = Arrays.copyOf(Pooling.mean(m), 5 * c);
      System.arraycopy(Pooling.std(m), 0, out, c, c);
      float[] col = new float[m.length];
      for (int j = 0; j < c; j++) {
        for (int t = 0; t < m.length; t++) {
          col[t] = m[t][j];
        }
        FrameStatistics.Summary st = FrameStatistics.summarize(col);
        out[2 * c + j] = (float) st.p10();
        out[3 * c + j] = (float) st.median();
        out[4 * c + j] = (float) st.p90();
      }
      m = new float[][] {out};
    }
    return m;
  }

  /** The descriptors' values of a mono clip at the spec's rate (what {@link #compute} appends). */
  float[] descriptorVector(float[] y, int n) {
    int nFft = mfcc.nFft();
    int hop = mfcc.hopLength();
    boolean center = mfcc.center();
    int sr = mfcc.sampleRate();
    float[] out = new float[descriptorDimension()];
    int at = 0;
    float[] rmsDb = rmsDb(SpectralFeatures.rms(y, nFft, hop, center));
    boolean needsSpectrum = descriptors.contains(Descriptor.CENTROID) || descriptors.contains(Descriptor.BANDWIDTH)
        || descriptors.contains(Descriptor.ROLLOFF) || descriptors.contains(Descriptor.FLATNESS)
        || descriptors.contains(Descriptor.CONTRAST);
    float[][] s = needsSpectrum ? spectral().magnitudeSpectrogram(y) : null;
    boolean[] voiced = null;
    float[] f0 = null;
    if (descriptors.contains(Descriptor.F0) || descriptors.contains(Descriptor.VOICING)) {
      float[] aperiodicity = new float[rmsDb.length];
      f0 = pitch().yin(y, aperiodicity);
      voiced = new boolean[f0.length];
      for (int t = 0; t < f0.length; t++) {
        voiced[t] = aperiodicity[t] < VOICING_THRESHOLD && rmsDb[t] > -SILENCE_DB;
      }
    }
    for (Descriptor d : descriptors) {
      switch (d) {
        case RMS -> at = track(rmsDb, out, at);
        case ZCR -> at = track(SpectralFeatures.zeroCrossingRate(y, nFft, hop, center), out, at);
        case CENTROID -> at = track(spectral().spectralCentroid(s), out, at);
        case BANDWIDTH -> at = track(spectral().spectralBandwidth(s), out, at);
        case ROLLOFF -> at = track(spectral().spectralRolloff(s), out, at);
        case FLATNESS -> at = track(spectral().spectralFlatness(s), out, at);
        case CONTRAST -> {
          float[][] c = spectral().spectralContrast(s);
          for (int b = 0; b < 7; b++) {
            float[] band = new float[c.length];
            for (int t = 0; t < c.length; t++) {
              band[t] = c[t][b];
            }
            at = track(band, out, at);
          }
        }
        case F0 -> {
          float[] voicedF0 = new float[f0.length];
          for (int t = 0; t < f0.length; t++) {
            voicedF0[t] = voiced[t] ? f0[t] : Float.NaN;
          }
          double median = FrameStatistics.median(voicedF0);
          at = Double.isNaN(median) ? at + TRACK_STATISTICS
              : track(FrameStatistics.semitones(voicedF0, median), out, at);
        }
        case VOICING -> {
          double frameSeconds = (double) hop / sr;
          int voicedFrames = 0;
          int runs = 0;
          int pauses = 0;
          int pauseFrames = 0;
          int gap = 0;
          for (int t = 0; t < voiced.length; t++) {
            if (voiced[t]) {
              voicedFrames++;
              if (t == 0 || !voiced[t - 1]) {
                runs++;
                if (runs > 1) {
                  pauses++;
                  pauseFrames += gap;
                }
              }
              gap = 0;
            } else {
              gap++;
            }
          }
          out[at++] = (float) voicedFrames / voiced.length;
          out[at++] = (float) (runs / (n / (double) sr));
          out[at++] = runs == 0 ? 0f : (float) (voicedFrames * frameSeconds / runs);
          out[at++] = pauses == 0 ? 0f : (float) (pauseFrames * frameSeconds / pauses);
        }
        case DURATION -> out[at++] = (float) (n / (double) sr);
        default -> throw new AssertionError(d);
      }
    }
    return out;
  }

  /** rms in dB relative to the loudest frame, floored at -80 dB (all zero for a silent clip). */
  private static float[] rmsDb(float[] rms) {
    float max = 0f;
    for (float v : rms) {
      max = Math.max(max, v);
    }
    float[] db = new float[rms.length];
    if (max > 0f) {
      for (int t = 0; t < rms.length; t++) {
        db[t] = (float) Math.max(-80.0, 20.0 * Math.log10(Math.max(rms[t], 1e-30) / max));
      }
    }
    return db;
  }

  /**
   * Writes the {@link #TRACK_STATISTICS} summary of a track (NaN frames left out) at {@code out[at..]}: mean,
   * std, p10, p50, p90, p90 - p10, std of the difference between consecutive defined frames; zeros where the
   * track has no defined frame.
   */
  static int track(float[] track, float[] out, int at) {
    FrameStatistics.Summary st = FrameStatistics.summarize(track);
    if (st.count() == 0) {
      return at + TRACK_STATISTICS;
    }
    out[at] = (float) st.mean();
    out[at + 1] = (float) st.std();
    out[at + 2] = (float) st.p10();
    out[at + 3] = (float) st.median();
    out[at + 4] = (float) st.p90();
    out[at + 5] = (float) st.interPercentileRange();
    float[] diff = new float[Math.max(0, track.length - 1)];
    for (int t = 1; t < track.length; t++) {
      diff[t - 1] = track[t] - track[t - 1]; // NaN where either frame is undefined
    }
    FrameStatistics.Summary ds = FrameStatistics.summarize(diff);
    out[at + 6] = ds.count() == 0 ? 0f : (float) ds.std();
    return at + TRACK_STATISTICS;
  }

  private SpectralFeatures spectral() {
    SpectralFeatures sf = spectral;
    if (sf == null) {
      sf = SpectralFeatures.builder(mfcc.sampleRate()).stft(mfcc.stft()).build();
      spectral = sf;
    }
    return sf;
  }

  private Pitch pitch() {
    Pitch p = pitch;
    if (p == null) {
      p = Pitch.builder(mfcc.sampleRate(), f0Min, f0Max).frameLength(mfcc.nFft()).hopLength(mfcc.hopLength())
          .center(mfcc.center()).build();
      pitch = p;
    }
    return p;
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
    if (!descriptors.isEmpty()) {
      m.put("descriptors.version", Integer.toString(DESCRIPTOR_VERSION));
      m.put("descriptors", descriptorList());
      m.put("f0.method", "yin");
      m.put("f0.fmin", Double.toString(f0Min));
      m.put("f0.fmax", Double.toString(f0Max));
      m.put("voicing.threshold", Double.toString(VOICING_THRESHOLD));
      m.put("voicing.silence_db", Double.toString(SILENCE_DB));
    }
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
      Set<Descriptor> descriptors = EnumSet.noneOf(Descriptor.class);
      double f0Min = DEFAULT_F0_RANGE[0];
      double f0Max = DEFAULT_F0_RANGE[1];
      if (m.containsKey("descriptors")) {
        int dv = Integer.parseInt(get(m, "descriptors.version"));
        if (dv != DESCRIPTOR_VERSION) {
          throw new IllegalArgumentException("descriptor version " + dv + " is not " + DESCRIPTOR_VERSION
              + " (made by another ser4j version)");
        }
        for (String d : get(m, "descriptors").split(",")) {
          try {
            descriptors.add(Descriptor.valueOf(d.trim().toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature spec names an unknown descriptor '" + d + "' (known: "
                + Arrays.toString(Descriptor.values()) + ")", e);
          }
        }
        requireEqual(m, "f0.method", "yin");
        requireEqual(m, "voicing.threshold", Double.toString(VOICING_THRESHOLD));
        requireEqual(m, "voicing.silence_db", Double.toString(SILENCE_DB));
        f0Min = Double.parseDouble(get(m, "f0.fmin"));
        f0Max = Double.parseDouble(get(m, "f0.fmax"));
      }
      Summary pooling;
      try {
        pooling = Summary.valueOf(get(m, "pooling").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("feature spec has an unknown pooling '" + m.get("pooling") + "' (known: "
            + Arrays.toString(Summary.values()) + ")", e);
      }
      return new FeatureSpec(get(m, "name"), lb.build(), cfg, Boolean.parseBoolean(get(m, "deltas")), pooling,
          descriptors, f0Min, f0Max);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed feature spec: " + e.getMessage(), e);
    }
  }

  private static void requireEqual(Map<String, String> m, String key, String expected) {
    if (!get(m, key).equals(expected)) {
      throw new IllegalArgumentException("feature spec has " + key + " = " + m.get(key) + "; this version computes "
          + expected + " only");
    }
  }

  private String descriptorList() {
    StringBuilder b = new StringBuilder();
    for (Descriptor d : descriptors) {
      b.append(b.length() == 0 ? "" : ",").append(d.name().toLowerCase(Locale.ROOT));
    }
    return b.toString();
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

  /** {@return the descriptors appended after the pooled MFCC statistics, in {@link Descriptor} order (empty for MFCC-only specs)} */
  public Set<Descriptor> descriptors() {
    return descriptors;
  }

  /** {@return yin's F0 search range {@code [fmin, fmax]} in Hz (used by {@link Descriptor#F0} and {@link Descriptor#VOICING})} */
  public double[] f0Range() {
    return new double[] {f0Min, f0Max};
  }

  /**
   * {@return values per frame (or per file when pooled): n_mfcc, times 3 with deltas, times 2 with
   * {@code MEAN_STD} or 5 with {@code MEAN_STD_PERCENTILES}, plus each descriptor's {@link Descriptor#dimension()}}
   */
  public int dimension() {
    int factor = switch (pooling) {
      case MEAN_STD -> 2;
      case MEAN_STD_PERCENTILES -> 5;
      default -> 1;
    };
    return mfcc.nMfcc() * (deltas ? 3 : 1) * factor + descriptorDimension();
  }

  private int descriptorDimension() {
    int d = 0;
    for (Descriptor x : descriptors) {
      d += x.dimension();
    }
    return d;
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
