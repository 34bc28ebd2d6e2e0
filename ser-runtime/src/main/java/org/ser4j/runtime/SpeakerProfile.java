package org.ser4j.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One speaker's feature statistics, built from that speaker's unlabelled clips, for
 * {@link EmotionRecognizer#predict(Path, SpeakerProfile)}: the network input becomes
 * {@code (x - mean) / max(std, STD_FLOOR * globalStd)} per value, where {@code mean} and {@code std} (population)
 * are the profile's, and {@code globalStd} is the bundle's normalisation (the training data's spread). This is
 * the standardisation a model trained with speaker normalisation ({@code ser train --normalize speaker},
 * {@link Provenance#normalization()} {@code "speaker"}) saw for every training speaker; without a profile the
 * recognizer falls back to the bundle's global statistics. Labels are never needed: a profile describes how a
 * voice sounds, not what it felt.
 *
 * <pre>{@code
 * SpeakerProfile alice = SpeakerProfile.of(recognizer, aliceClips);        // unlabelled clips of one speaker
 * Prediction p = recognizer.predict(Path.of("alice-today.wav"), alice);
 *
 * SpeakerProfile.Accumulator acc = new SpeakerProfile.Accumulator();       // or online, clip by clip
 * acc.add(recognizer.featureVector(clip));
 * if (acc.clipCount() >= SpeakerProfile.MIN_CLIPS) { recognizer.predict(clip, acc.profile()); }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Only models with pooled features (one vector per clip: {@code stats},
 * {@code voice}, {@code notebook}) and an input normalisation take profiles.
 */
public final class SpeakerProfile {

  /** Fewest clips a profile is built from: a spread needs two. */
  public static final int MIN_CLIPS = 2;
  /**
   * A profile's standard deviation is floored at this fraction of the global one, so that a value nearly constant
   * within a speaker's clips is not blown up (the same floor is applied to training speakers).
   */
  public static final double STD_FLOOR = 0.1;

  private final float[] mean;
  private final float[] std;
  private final int clipCount;

  private SpeakerProfile(float[] mean, float[] std, int clipCount) {
    this.mean = mean;
    this.std = std;
    this.clipCount = clipCount;
  }

  /**
   * The profile of a speaker's clips, featurised as {@code recognizer} featurises them.
   *
   * @param recognizer the recognizer whose features the profile describes
   * @param clips at least {@link #MIN_CLIPS} audio files of one speaker (unlabelled)
   * @return the profile
   * @throws IllegalArgumentException if there are fewer than {@link #MIN_CLIPS} clips
   * @throws org.ser4j.audio.AudioFormatException naming the clip that is not usable audio (or too short)
   * @throws IOException if a clip cannot be read
   */
  public static SpeakerProfile of(EmotionRecognizer recognizer, List<Path> clips) throws IOException {
    Objects.requireNonNull(recognizer, "recognizer");
    Objects.requireNonNull(clips, "clips");
    requireEnough(clips.size());
    Accumulator acc = new Accumulator();
    for (Path clip : clips) {
      acc.add(recognizer.featureVector(clip));
    }
    return acc.profile();
  }

  /**
   * The profile of feature vectors computed elsewhere (e.g. {@link EmotionRecognizer#featureVector(Path)}).
   *
   * @param vectors at least {@link #MIN_CLIPS} vectors of equal length, finite
   * @return the profile
   * @throws IllegalArgumentException if there are too few vectors, or they differ in length or are not finite
   */
  public static SpeakerProfile ofVectors(List<float[]> vectors) {
    Objects.requireNonNull(vectors, "vectors");
    requireEnough(vectors.size());
    Accumulator acc = new Accumulator();
    vectors.forEach(acc::add);
    return acc.profile();
  }

  /**
   * One profile per speaker, each from that speaker's own vectors; a speaker with fewer than {@link #MIN_CLIPS}
   * vectors gets none (use the global statistics for them).
   *
   * @param vectorsBySpeaker each speaker's feature vectors (unlabelled)
   * @return the profiles, in the map's speaker order
   * @throws IllegalArgumentException if a speaker's vectors differ in length or are not finite
   */
  public static Map<String, SpeakerProfile> perSpeaker(Map<String, List<float[]>> vectorsBySpeaker) {
    Objects.requireNonNull(vectorsBySpeaker, "vectorsBySpeaker");
    Map<String, SpeakerProfile> profiles = new LinkedHashMap<>();
    vectorsBySpeaker.forEach((speaker, vectors) -> {
      if (vectors.size() >= MIN_CLIPS) {
        profiles.put(speaker, ofVectors(vectors));
      }
    });
    return profiles;
  }

  private static void requireEnough(int n) {
    if (n < MIN_CLIPS) {
      throw new IllegalArgumentException("a speaker profile needs at least " + MIN_CLIPS + " clips of the speaker,"
          + " got " + n + " (without a profile the recognizer uses the training data's global statistics)");
    }
  }

  /** {@return the number of clips the profile was built from} */
  public int clipCount() {
    return clipCount;
  }

  /** {@return the per-value mean over the speaker's clips (a copy)} */
  public float[] mean() {
    return mean.clone();
  }

  /** {@return the per-value population standard deviation over the speaker's clips (a copy)} */
  public float[] std() {
    return std.clone();
  }

  /** {@return the number of values per clip} */
  public int size() {
    return mean.length;
  }

  /**
   * Standardises a vector with this profile: {@code (x[i] - mean[i]) / max(std[i], STD_FLOOR * globalStd[i])}.
   *
   * @param x a feature vector of {@link #size()} values
   * @param globalStd the global standard deviations the floor is relative to (the bundle's normalisation)
   * @return the standardised vector (new array)
   * @throws IllegalArgumentException if the lengths differ
   */
  public float[] standardize(float[] x, float[] globalStd) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(globalStd, "globalStd");
    if (x.length != mean.length || globalStd.length != mean.length) {
      throw new IllegalArgumentException("the profile has " + mean.length + " values, the vector " + x.length
          + " and the global statistics " + globalStd.length + " (a profile built for another model?)");
    }
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = Math.max(std[i], STD_FLOOR * globalStd[i]);
      out[i] = (float) ((x[i] - (double) mean[i]) / s);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SpeakerProfile[" + mean.length + " values, " + clipCount + " clips]";
  }

  /**
   * Builds a profile online, one clip's feature vector at a time (say, each utterance of a user as it comes);
   * {@link #profile()} gives an immutable snapshot. Mutable and not thread-safe: one per speaker, guarded by the
   * caller if shared. Statistics are accumulated in double (Welford), so order matters only in rounding.
   */
  public static final class Accumulator {
    private int n;
    private double[] mean;
    private double[] m2;

    /** An empty accumulator. */
    public Accumulator() {
    }

    /**
     * Adds one clip's feature vector.
     *
     * @param vector the clip's pooled features ({@link EmotionRecognizer#featureVector(Path)}), finite
     * @return this accumulator
     * @throws IllegalArgumentException if the vector's length differs from earlier ones or a value is not finite
     */
    public Accumulator add(float[] vector) {
      Objects.requireNonNull(vector, "vector");
      if (mean == null) {
        if (vector.length == 0) {
          throw new IllegalArgumentException("an empty feature vector");
        }
        mean = new double[vector.length];
        m2 = new double[vector.length];
      } else if (vector.length != mean.length) {
        throw new IllegalArgumentException("feature vector of " + vector.length + " values, earlier ones had "
            + mean.length);
      }
      for (int i = 0; i < vector.length; i++) {
        if (!Float.isFinite(vector[i])) {
          throw new IllegalArgumentException("feature value " + i + " is " + vector[i]);
        }
      }
      n++;
      for (int i = 0; i < vector.length; i++) {
        double d = vector[i] - mean[i];
        mean[i] += d / n;
        m2[i] += d * (vector[i] - mean[i]);
      }
      return this;
    }

    /** {@return how many clips were added} */
    public int clipCount() {
      return n;
    }

    /**
     * The profile of the clips added so far.
     *
     * @throws IllegalStateException if fewer than {@link #MIN_CLIPS} clips were added
     */
    public SpeakerProfile profile() {
      if (n < MIN_CLIPS) {
        throw new IllegalStateException("a speaker profile needs at least " + MIN_CLIPS + " clips of the speaker,"
            + " " + n + " added so far");
      }
      float[] m = new float[mean.length];
      float[] s = new float[mean.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = (float) mean[i];
        s[i] = (float) Math.sqrt(m2[i] / n);
      }
      return new SpeakerProfile(m, s, n);
    }
  }
}
