package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.data.Emotion;
import org.ser4j.data.Utterance;

/** Balanced sampling: the weights of each scheme and the draws they give. */
class BalanceTest {

  /** Corpus a: 4 angry, 2 sad; corpus b: 1 angry, 1 sad. */
  static List<Utterance> examples() {
    List<Utterance> u = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      u.add(Utterance.of(Paths.get("a" + i + ".wav"), "a", "s1", "w" + i, Emotion.ANGRY));
    }
    for (int i = 0; i < 2; i++) {
      u.add(Utterance.of(Paths.get("a-sad" + i + ".wav"), "a", "s1", "w" + i, Emotion.SAD));
    }
    u.add(Utterance.of(Paths.get("b0.wav"), "b", "s2", "w0", Emotion.ANGRY));
    u.add(Utterance.of(Paths.get("b1.wav"), "b", "s2", "w1", Emotion.SAD));
    return u;
  }

  @Test
  void classWeightsGiveEveryClassTheSameShare() {
    // 8 examples, 2 classes: angry (5) weighs 8 / (2 * 5), sad (3) 8 / (2 * 3)
    double[] w = Balance.CLASS.weights(examples());
    assertThat(w).containsExactly(new double[] {0.8, 0.8, 0.8, 0.8, 8 / 6.0, 8 / 6.0, 0.8, 8 / 6.0}, within(1e-12));
  }

  @Test
  void corpusClassWeightsGiveEveryCorpusClassGroupTheSameShare() {
    // 4 groups: a/angry (4) 8 / 16, a/sad (2) 8 / 8, b/angry (1) 8 / 4, b/sad (1) 8 / 4
    double[] w = Balance.CORPUS_CLASS.weights(examples());
    assertThat(w).containsExactly(new double[] {0.5, 0.5, 0.5, 0.5, 1, 1, 2, 2}, within(1e-12));
    assertThat(Balance.NONE.weights(examples())).containsOnly(1.0);
  }

  @Test
  void drawsFollowTheWeightsAndNeverPickAZeroWeight() {
    double[] w = {1, 0, 3, 0, 0, 4};
    double[] c = new double[w.length];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += w[i];
      c[i] = sum;
    }
    int[] order = new int[80_000];
    Trainer.draw(order, c, new Random(1));
    int[] counts = new int[w.length];
    for (int i : order) {
      counts[i]++;
    }
    assertThat(counts[1]).isZero();
    assertThat(counts[3]).isZero();
    assertThat(counts[4]).isZero();
    assertThat(counts[0] / 80_000.0).isCloseTo(1 / 8.0, within(0.01));
    assertThat(counts[2] / 80_000.0).isCloseTo(3 / 8.0, within(0.01));
    assertThat(counts[5] / 80_000.0).isCloseTo(4 / 8.0, within(0.01));
  }

  @Test
  void namesAndDefaults() {
    assertThat(Balance.parse("Corpus_Class")).isEqualTo(Balance.CORPUS_CLASS);
    assertThat(Balance.CORPUS_CLASS.id()).isEqualTo("corpus-class");
    assertThat(Balance.defaultFor(1)).isEqualTo(Balance.NONE);
    assertThat(Balance.defaultFor(2)).isEqualTo(Balance.CORPUS_CLASS);
    assertThatThrownBy(() -> Balance.parse("speaker")).hasMessageContaining("none, class, corpus-class");
  }

  @Test
  void weightsThatDoNotFitTheTrainingSetAreRefused() {
    FeatureDataset train = Synthetic.pooled(14, 40, 0.7, 1, 2);
    ModelConfig c = ModelConfig.notebookBuilder().lstmUnits(4).denseUnits(4).epochs(1).build();
    assertThatThrownBy(() -> new Trainer().train(c, train, null, null, new double[3]))
        .hasMessageContaining("3 sample weights for 14 training examples");
    assertThatThrownBy(() -> new Trainer().train(c, train, null, null, new double[14]))
        .hasMessageContaining("sum to 0.0");
  }
}
