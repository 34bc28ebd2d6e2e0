package org.ser4j.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of {@link Pitch#pyin(float[])}: per frame the fundamental frequency, whether the frame is voiced,
 * and the probability that it is ({@code librosa.pyin}'s three outputs). Immutable: the arrays are copied on the
 * way in and out.
 *
 * @param f0 fundamental frequency in Hz per frame, {@code NaN} where the frame is unvoiced (librosa's default
 *     {@code fill_na=np.nan})
 * @param voicedFlag whether each frame is voiced (the Viterbi path is in a voiced state)
 * @param voicedProbability the probability that each frame is voiced, in [0, 1]
 */
public record PitchTrack(float[] f0, boolean[] voicedFlag, float[] voicedProbability) {

  /**
   * Copies the arrays.
   *
   * @throws IllegalArgumentException unless the three arrays have the same length
   */
  public PitchTrack {
    Objects.requireNonNull(f0, "f0");
    Objects.requireNonNull(voicedFlag, "voicedFlag");
    Objects.requireNonNull(voicedProbability, "voicedProbability");
    if (f0.length != voicedFlag.length || f0.length != voicedProbability.length) {
      throw new IllegalArgumentException("f0, voicedFlag and voicedProbability must have one value per frame, got "
          + f0.length + ", " + voicedFlag.length + ", " + voicedProbability.length);
    }
    f0 = f0.clone();
    voicedFlag = voicedFlag.clone();
    voicedProbability = voicedProbability.clone();
  }

  /** F0 in Hz per frame, {@code NaN} where unvoiced (a copy). */
  @Override
  public float[] f0() {
    return f0.clone();
  }

  /** The voiced flag per frame (a copy). */
  @Override
  public boolean[] voicedFlag() {
    return voicedFlag.clone();
  }

  /** The voiced probability per frame (a copy). */
  @Override
  public float[] voicedProbability() {
    return voicedProbability.clone();
  }

  /** Number of frames. */
  public int frameCount() {
    return f0.length;
  }

  /** Number of voiced frames. */
  public int voicedCount() {
    int n = 0;
    for (boolean v : voicedFlag) {
      n += v ? 1 : 0;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PitchTrack other && Arrays.equals(f0, other.f0) && Arrays.equals(voicedFlag, other.voicedFlag)
        && Arrays.equals(voicedProbability, other.voicedProbability);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(f0) + Arrays.hashCode(voicedFlag)) + Arrays.hashCode(voicedProbability);
  }

  @Override
  public String toString() {
    return "PitchTrack{frames=" + f0.length + ", voiced=" + voicedCount() + "}";
  }
}
