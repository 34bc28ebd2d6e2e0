package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final List<String> ABC = List.of("a", "b", "c");
  // rows = true, columns = predicted
  private static final long[][] CONFUSION = {
    {5, 1, 0},
    {2, 3, 1},
    {0, 0, 4},
  };

  @Test
  void scoresAHandMadeConfusionMatrix() {
    Evaluation e = Evaluation.ofConfusion(ABC, CONFUSION);
    assertThat(e.total()).isEqualTo(16);
    assertThat(e.accuracy()).isCloseTo(12.0 / 16, within(1e-12));
    // a: precision 5/7, recall 5/6, F1 = 10/13
    assertThat(e.precision("a")).isCloseTo(5.0 / 7, within(1e-12));
    assertThat(e.recall("a")).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(e.f1("a")).isCloseTo(10.0 / 13, within(1e-12));
    // b: precision 3/4, recall 1/2, F1 = 3/5
    assertThat(e.precision("b")).isCloseTo(0.75, within(1e-12));
    assertThat(e.recall("b")).isCloseTo(0.5, within(1e-12));
    assertThat(e.f1("b")).isCloseTo(0.6, within(1e-12));
    // c: precision 4/5, recall 1, F1 = 8/9
    assertThat(e.precision(2)).isCloseTo(0.8, within(1e-12));
    assertThat(e.recall(2)).isCloseTo(1.0, within(1e-12));
    assertThat(e.f1(2)).isCloseTo(8.0 / 9, within(1e-12));
    assertThat(e.macroF1()).isCloseTo((10.0 / 13 + 0.6 + 8.0 / 9) / 3, within(1e-12));
    assertThat(e.support(1)).isEqualTo(6);
  }

  @Test
  void buildsTheConfusionMatrixFromLabelsWithRowsTrueAndColumnsPredicted() {
    int[] actual = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2};
    int[] predicted = {0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
    Evaluation e = Evaluation.of(ABC, actual, predicted);
    assertThat(e.confusion()).isDeepEqualTo(CONFUSION);
  }

  @Test
  void classesNeverPredictedOrNeverPresentScoreZeroNotNaN() {
    Evaluation e = Evaluation.of(ABC, new int[] {0, 0, 1}, new int[] {0, 0, 0});
    assertThat(e.precision("b")).isZero();
    assertThat(e.recall("c")).isZero();
    assertThat(e.f1("c")).isZero();
    assertThat(e.macroF1()).isCloseTo((0.8 + 0 + 0) / 3, within(1e-12));
  }

  @Test
  void writesJson() {
    String json = Evaluation.ofConfusion(List.of("a", "b \"quoted\"", "c"), CONFUSION).toJson();
    assertThat(json).startsWith("{\"accuracy\":0.750000,")
        .contains("\"labels\":[\"a\",\"b \\\"quoted\\\"\",\"c\"]")
        .contains("\"a\":{\"precision\":0.714286,\"recall\":0.833333,\"f1\":0.769231,\"support\":6}")
        .endsWith("\"confusion\":[[5,1,0],[2,3,1],[0,0,4]]}");
  }

  @Test
  void rejectsMismatchedInputs() {
    assertThatThrownBy(() -> Evaluation.of(ABC, new int[] {0}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Evaluation.ofConfusion(ABC, new long[][] {{1, 2}, {3, 4}}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
