package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerProfileTest {

  /** Two inputs, an identity dense softmax over labels a and b, global statistics mean (10, 20), std (2, 4). */
  private static EmotionRecognizer tiny(String normalization) {
    ModelBundle.Builder b = ModelBundle.builder().sequenceInput()
        .addLayer(new DenseLayer(2, 2, new float[] {1, 0, 0, 1}, new float[] {0, 0}, Activation.SOFTMAX))
        .labels(List.of("a", "b"))
        .normalization(new Normalization(new float[] {10, 20}, new float[] {2, 4}));
    if (normalization != null) {
      b.provenance(Provenance.builder().normalization(normalization).build());
    }
    return EmotionRecognizer.of(b.build());
  }

  /** softmax(z0, z1)[0] = 1 / (1 + e^(z1 - z0)). */
  private static double pA(double z0, double z1) {
    return 1 / (1 + Math.exp(z1 - z0));
  }

  @Test
  void aProfileReplacesTheGlobalStatisticsByTheSpeakersOwn() {
    EmotionRecognizer r = tiny("speaker");
    // clips (12, 20) and (16, 28): mean (14, 24), population std (2, 4)
    SpeakerProfile p = SpeakerProfile.ofVectors(List.of(new float[] {12, 20}, new float[] {16, 28}));
    assertThat(p.mean()).containsExactly(14f, 24f);
    assertThat(p.std()).containsExactly(2f, 4f);
    assertThat(p.clipCount()).isEqualTo(2);
    float[] x = {16, 20};
    // with the profile: z = ((16 - 14) / 2, (20 - 24) / 4) = (1, -1)
    assertThat(r.predictPooled(x, p).probability(0)).isCloseTo(pA(1, -1), within(1e-5));
    // without: the global statistics, z = ((16 - 10) / 2, (20 - 20) / 4) = (3, 0)
    assertThat(r.predictPooled(x).probability(0)).isCloseTo(pA(3, 0), within(1e-5));
    assertThat(r.speakerNormalized()).isTrue();
    assertThat(tiny("global").speakerNormalized()).isFalse();
    assertThat(tiny(null).speakerNormalized()).isFalse();
  }

  @Test
  void aValueConstantWithinTheSpeakerIsDividedByTheFlooredStd() {
    EmotionRecognizer r = tiny("speaker");
    // second value constant: std 0, floored at STD_FLOOR * global std = 0.1 * 4 = 0.4
    SpeakerProfile p = SpeakerProfile.ofVectors(List.of(new float[] {12, 20}, new float[] {16, 20}));
    float[] z = p.standardize(new float[] {14, 21}, new float[] {2, 4});
    assertThat(z[0]).isCloseTo(0f, within(1e-6f));
    assertThat(z[1]).isCloseTo(2.5f, within(1e-5f));
    assertThat(r.predictPooled(new float[] {14, 21}, p).probability(0)).isCloseTo(pA(0, 2.5), within(1e-5));
  }

  @Test
  void theAccumulatorGivesTheSameProfileOnlineAndSnapshotsAreImmutable() {
    SpeakerProfile.Accumulator acc = new SpeakerProfile.Accumulator();
    acc.add(new float[] {12, 20});
    assertThatThrownBy(acc::profile).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 2 clips").hasMessageContaining("1 added");
    acc.add(new float[] {16, 28});
    SpeakerProfile first = acc.profile();
    acc.add(new float[] {14, 24});
    assertThat(first.mean()).containsExactly(14f, 24f);
    assertThat(acc.profile().clipCount()).isEqualTo(3);
    assertThat(acc.profile().std()[0]).isCloseTo((float) Math.sqrt(8.0 / 3), within(1e-6f));
  }

  @Test
  void aProfileFromTooFewClipsIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> SpeakerProfile.ofVectors(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 clips").hasMessageContaining("got 0");
    assertThatThrownBy(() -> SpeakerProfile.of(tiny("speaker"), List.<Path>of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> SpeakerProfile.ofVectors(List.of(new float[] {1, 2})))
        .hasMessageContaining("got 1");
  }

  @Test
  void mismatchedOrNonFiniteVectorsAreRejected() {
    SpeakerProfile.Accumulator acc = new SpeakerProfile.Accumulator().add(new float[] {1, 2});
    assertThatThrownBy(() -> acc.add(new float[] {1, 2, 3})).hasMessageContaining("3 values, earlier ones had 2");
    assertThatThrownBy(() -> acc.add(new float[] {1, Float.NaN})).hasMessageContaining("feature value 1 is NaN");
    SpeakerProfile three = SpeakerProfile.ofVectors(List.of(new float[] {1, 2, 3}, new float[] {2, 3, 4}));
    assertThatThrownBy(() -> tiny("speaker").predictPooled(new float[] {1, 2}, three))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another model");
  }

  @Test
  void aModelWithoutNormalisationRefusesProfiles() {
    EmotionRecognizer r = EmotionRecognizer.of(ModelBundle.builder().sequenceInput()
        .addLayer(new DenseLayer(2, 2, new float[] {1, 0, 0, 1}, new float[] {0, 0}, Activation.SOFTMAX))
        .labels(List.of("a", "b")).build());
    SpeakerProfile p = SpeakerProfile.ofVectors(List.of(new float[] {1, 2}, new float[] {2, 3}));
    assertThatThrownBy(() -> r.predictPooled(new float[] {1, 2}, p)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no input normalisation");
  }
}
