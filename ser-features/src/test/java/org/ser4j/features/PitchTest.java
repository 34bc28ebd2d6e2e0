package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour and input checks of {@link Pitch} beyond the librosa parity tests. */
class PitchTest {

  private static float[] sine(double hz, int sr, int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sr));
    }
    return y;
  }

  @Test
  void yinAndPyinFindThePitchOfATone() {
    Pitch pitch = Pitch.create(16000, 65.406, 2093.0);
    float[] y = sine(220, 16000, 16000);
    float[] f0 = pitch.yin(y);
    assertThat((double) f0[f0.length / 2]).isCloseTo(220, within(1.0));
    PitchTrack track = pitch.pyin(y);
    assertThat(track.voicedFlag()[track.frameCount() / 2]).isTrue();
    assertThat((double) track.f0()[track.frameCount() / 2]).isCloseTo(220, within(220 * 0.006));
  }

  @Test
  void silenceIsUnvoicedWithNanF0() {
    PitchTrack track = Pitch.create(16000, 65.406, 2093.0).pyin(new float[8000]);
    assertThat(track.voicedCount()).isZero();
    for (float f : track.f0()) {
      assertThat(f).isNaN();
    }
  }

  @Test
  void bandedViterbiFindsTheSamePathAsTheDenseMatrix() {
    Pitch pitch = Pitch.builder(16000, 100, 1000).resolution(0.5).build();
    Pitch.Transitions tr = pitch.transitions();
    double[][] dense = tr.denseTransposed();
    int states = dense.length;
    Random rnd = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      double[][] logObs = new double[30][states];
      for (double[] row : logObs) {
        for (int s = 0; s < states; s++) {
          // mostly impossible states (log tiny), a few likely ones, as pyin's observations look
          row[s] = rnd.nextDouble() < 0.9 ? Math.log(Double.MIN_NORMAL) : Math.log(rnd.nextDouble());
        }
      }
      assertThat(Pitch.viterbi(logObs, tr)).as("trial %d", trial).containsExactly(Pitch.viterbiDense(logObs, dense));
    }
  }

  @Test
  void oneInstanceSharedByThreadsGivesTheSameResultsAsSequentialCalls() throws Exception {
    Pitch pitch = Pitch.create(16000, 65.406, 2093.0);
    SpectralFeatures sf = SpectralFeatures.create(16000);
    List<float[]> signals = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      signals.add(sine(150 + 40 * i, 16000, 6000));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PitchTrack>> tracks = new ArrayList<>();
      List<Future<float[][]>> contrasts = new ArrayList<>();
      for (float[] y : signals) {
        tracks.add(pool.submit(() -> pitch.pyin(y)));
        contrasts.add(pool.submit(() -> sf.spectralContrast(y)));
      }
      for (int i = 0; i < signals.size(); i++) {
        assertThat(tracks.get(i).get()).isEqualTo(pitch.pyin(signals.get(i)));
        assertThat(contrasts.get(i).get()).isDeepEqualTo(sf.spectralContrast(signals.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pitchTrackIsACopyNotAView() {
    float[] f0 = {100f, Float.NaN};
    PitchTrack track = new PitchTrack(f0, new boolean[] {true, false}, new float[] {0.9f, 0.1f});
    f0[0] = 1f;
    track.f0()[0] = 2f;
    assertThat(track.f0()[0]).isEqualTo(100f);
    assertThatThrownBy(() -> new PitchTrack(new float[2], new boolean[1], new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one value per frame");
  }

  @Test
  void invalidSearchRangesAreRejectedWithLibrosasReasons() {
    assertThatThrownBy(() -> Pitch.create(16000, 65, 9000)).hasMessageContaining("Nyquist");
    assertThatThrownBy(() -> Pitch.create(16000, 500, 400)).hasMessageContaining("less than fmax");
    assertThatThrownBy(() -> Pitch.create(16000, 0, 400)).hasMessageContaining("strictly positive");
    assertThatThrownBy(() -> Pitch.builder(96000, 40, 2000).build()).hasMessageContaining("too small for frame_length");
    assertThatThrownBy(() -> Pitch.create(16000, 65, 2000).yin(new float[0])).hasMessageContaining("empty signal");
  }
}
