package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupedEvaluationTest {

  private static final List<String> LABELS = List.of("angry", "sad");

  @Test
  void scoresEachSpeakerAndTheSpreadOfTheirAccuracies() {
    // speaker A: 4 of 4 right; B: 1 of 2 right; C: 0 of 2 right
    int[] actual = {0, 1, 0, 1, 0, 1, 0, 1};
    int[] predicted = {0, 1, 0, 1, 0, 0, 1, 0};
    List<String> speakers = List.of("A", "A", "A", "A", "B", "B", "C", "C");

    GroupedEvaluation g = GroupedEvaluation.of(LABELS, actual, predicted, speakers);

    assertThat(g.total().accuracy()).isCloseTo(5 / 8.0, within(1e-12));
    assertThat(g.groups()).containsOnlyKeys("A", "B", "C");
    assertThat(g.groups().get("B").accuracy()).isCloseTo(0.5, within(1e-12));
    GroupedEvaluation.Spread s = g.accuracySpread();
    assertThat(s.count()).isEqualTo(3);
    assertThat(s.mean()).isCloseTo(0.5, within(1e-12));   // (1 + 0.5 + 0) / 3, not the 5/8 over clips
    assertThat(s.std()).isCloseTo(Math.sqrt((0.25 + 0 + 0.25) / 3), within(1e-12));
    assertThat(s.min()).isZero();
    assertThat(s.minName()).isEqualTo("C");
    assertThat(s.max()).isEqualTo(1.0);
    assertThat(s.maxName()).isEqualTo("A");
    assertThat(g.toJson()).startsWith("{\"accuracy\":0.625000").contains("\"groups\":{\"A\":{\"total\":4,")
        .contains("\"groupAccuracy\":{\"count\":3,\"mean\":0.500000").endsWith("}}");
  }

  @Test
  void rejectsMismatchedLengthsAndNoExample() {
    assertThatThrownBy(() -> GroupedEvaluation.of(LABELS, new int[] {0}, new int[] {0}, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be as many");
    assertThatThrownBy(() -> GroupedEvaluation.of(LABELS, new int[0], new int[0], List.of()))
        .hasMessageContaining("no example");
    assertThatThrownBy(() -> GroupedEvaluation.Spread.of(new LinkedHashMap<>(Map.of())))
        .hasMessageContaining("no value");
  }
}
