package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ser4j.audio.AudioClip;

/**
 * yin and pyin against librosa 0.11 ({@code NAME__yin.csv}, {@code NAME__pyin.csv}; fmin C2, fmax C7) at the
 * golden README's tolerances: yin within 0.1% on at least 98% of frames; pyin's voiced flag agrees on at least
 * 97% of frames and its F0 is within 1% on at least 97% of the frames both call voiced (and, beyond the README,
 * the voiced probability is within 1e-3 on at least 97% of frames).
 */
class PitchParityTest {

  static String[] names() {
    return ProsodyGolden.NAMES;
  }

  @ParameterizedTest
  @MethodSource("names")
  void yinMatchesLibrosaOnAtLeast98PercentOfFrames(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    Pitch pitch = Pitch.create(clip.sampleRate(), ProsodyGolden.FMIN, ProsodyGolden.FMAX);
    float[] f0 = pitch.yin(clip.monoSamples());
    double[] expected = ProsodyGolden.vector(name, "yin");
    assertThat(f0).as("frame count").hasSize(expected.length);
    int within = 0;
    for (int t = 0; t < f0.length; t++) {
      if (Math.abs(f0[t] - expected[t]) <= 1e-3 * Math.abs(expected[t])) {
        within++;
      }
    }
    double share = (double) within / f0.length;
    record(String.format(Locale.ROOT, "%-45s yin: %.1f%% of %d frames within 0.1%%", name, 100 * share,
        f0.length));
    assertThat(share).as("%s: share of frames within 0.1%% of librosa's yin", name).isGreaterThanOrEqualTo(0.98);
  }

  @ParameterizedTest
  @MethodSource("names")
  void pyinMatchesLibrosaVoicingAndF0(String name) {
    AudioClip clip = ProsodyGolden.clip(name);
    Pitch pitch = Pitch.create(clip.sampleRate(), ProsodyGolden.FMIN, ProsodyGolden.FMAX);
    PitchTrack track = pitch.pyin(clip.monoSamples());
    double[][] expected = ProsodyGolden.matrix(name, "pyin");
    assertThat(track.frameCount()).as("frame count").isEqualTo(expected.length);
    float[] f0 = track.f0();
    boolean[] voiced = track.voicedFlag();
    float[] prob = track.voicedProbability();
    int flagAgree = 0;
    int bothVoiced = 0;
    int f0Within = 0;
    double maxProbErr = 0;
    int probWithin = 0;
    for (int t = 0; t < expected.length; t++) {
      boolean v = expected[t][1] != 0;
      if (v == voiced[t]) {
        flagAgree++;
      }
      if (v && voiced[t]) {
        bothVoiced++;
        if (Math.abs(f0[t] - expected[t][0]) <= 0.01 * expected[t][0]) {
          f0Within++;
        }
      }
      assertThat(Float.isNaN(f0[t])).as("frame %d: f0 is NaN exactly where unvoiced", t).isEqualTo(!voiced[t]);
      maxProbErr = Math.max(maxProbErr, Math.abs(prob[t] - expected[t][2]));
      probWithin += Math.abs(prob[t] - expected[t][2]) <= 1e-3 ? 1 : 0;
    }
    double flagShare = (double) flagAgree / expected.length;
    double f0Share = bothVoiced == 0 ? 1 : (double) f0Within / bothVoiced;
    record(String.format(Locale.ROOT, "%-45s pyin: flag agrees on %.1f%% of %d frames, f0 within 1%% on %.1f%% of"
        + " %d both-voiced frames, max |voiced prob error| %.3g", name, 100 * flagShare, expected.length,
        100 * f0Share, bothVoiced, maxProbErr));
    assertThat(flagShare).as("%s: voiced-flag agreement", name).isGreaterThanOrEqualTo(0.97);
    assertThat(f0Share).as("%s: f0 within 1%% where both voiced", name).isGreaterThanOrEqualTo(0.97);
    // not in the golden README: the voiced probability, held to 1e-3 on the same share of frames
    assertThat((double) probWithin / expected.length).as("%s: voiced probability within 1e-3", name)
        .isGreaterThanOrEqualTo(0.97);
  }

  private static synchronized void record(String line) {
    try {
      Path out = Paths.get("target", "parity-figures.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
