package org.ser4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ser4j.model.Batches.Standardizer;
import org.ser4j.runtime.Evaluation;

class TrainerTest {
  private final Trainer trainer = new Trainer();

  @Test
  void learnsSeparablePooledPrototypesAboveNinetyPercent() {
    FeatureDataset train = Synthetic.pooled(280, 40, 0.7, 1, 2);
    FeatureDataset val = Synthetic.pooled(140, 40, 0.7, 1, 3);
    ModelConfig c = ModelConfig.notebookBuilder().lstmUnits(32).denseUnits(32).dropout(0.1).learningRate(5e-3)
        .batchSize(32).epochs(8).build();
    TrainingResult r = trainer.train(c, train, val, null);

    History h = r.history();
    assertThat(h.size()).isEqualTo(8);
    assertThat(h.last().trainLoss()).isLessThan(h.epochs().get(0).trainLoss());
    assertThat(h.last().validationAccuracy()).isGreaterThan(0.9);
    Evaluation e = r.evaluate(val);
    assertThat(e.accuracy()).isEqualTo(h.last().validationAccuracy());
    assertThat(e.labels()).isEqualTo(Synthetic.EMOTIONS);
  }

  @Test
  void learnsVariableLengthSequencesWithStandardization() {
    FeatureDataset train = Synthetic.sequences(210, 8, 4, 25, 1.0, 11, 12);
    FeatureDataset val = Synthetic.sequences(70, 8, 4, 25, 1.0, 11, 13);
    ModelConfig c = ModelConfig.framewiseBuilder(8).lstmUnits(24).denseUnits(16).learningRate(1e-2)
        .batchSize(16).epochs(6).earlyStoppingPatience(0).build();
    TrainingResult r = trainer.train(c, train, val, null);

    assertThat(r.normalization()).isPresent();
    // fitted on the training data: feature k has mean ~ 50k - 100 in Synthetic.sequences
    assertThat(r.normalization().get().mean()[3]).isCloseTo(50f, within(25f));
    assertThat(r.history().last().validationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void sameSeedAndDataGiveIdenticalWeights() {
    FeatureDataset train = Synthetic.pooled(70, 12, 1.0, 4, 5);
    ModelConfig c = ModelConfig.notebookBuilder().pooledInput(12).lstmUnits(16).denseUnits(8).batchSize(16)
        .epochs(2).seed(123).build();
    TrainingResult a = trainer.train(c, train, null, null);
    TrainingResult b = trainer.train(c, train, null, null);
    TrainingResult other = trainer.train(c.toBuilder().seed(124).build(), train, null, null);

    assertThat(a.network().params().toFloatVector()).containsExactly(b.network().params().toFloatVector());
    assertThat(a.history().trainLoss()).containsExactly(b.history().trainLoss());
    assertThat(other.network().params().toFloatVector()).isNotEqualTo(a.network().params().toFloatVector());
  }

  @Test
  void earlyStoppingRestoresTheBestEpoch() {
    // random labels: the network can only memorise, so validation loss rises after the first epochs
    Random rnd = new Random(9);
    FeatureDataset train = randomLabels(Synthetic.pooled(56, 10, 1.0, 1, 2), rnd);
    FeatureDataset val = randomLabels(Synthetic.pooled(56, 10, 1.0, 1, 3), rnd);
    ModelConfig c = ModelConfig.notebookBuilder().pooledInput(10).lstmUnits(32).denseUnits(32).dropout(0)
        .learningRate(2e-2).batchSize(8).epochs(40).earlyStoppingPatience(3).build();
    TrainingResult r = trainer.train(c, train, val, null);

    History h = r.history();
    assertThat(h.stoppedEarly()).isTrue();
    assertThat(h.size()).isEqualTo(h.bestEpoch() + 3).isLessThan(40);
    double bestLoss = h.best().validationLoss();
    assertThat(java.util.Arrays.stream(h.validationLoss()).min().orElseThrow()).isEqualTo(bestLoss);
    Trainer.Scores now = Trainer.scores(r.network(), val, Standardizer.IDENTITY, 7);
    assertThat(now.loss()).as("validation loss of the restored network").isCloseTo(bestLoss, within(1e-6));
    assertThat(now.loss()).isLessThan(h.last().validationLoss());
  }

  @Test
  void reportsEveryBatchAndEpochToTheListener() {
    FeatureDataset train = Synthetic.pooled(50, 6, 1.0, 1, 2);
    ModelConfig c = ModelConfig.notebookBuilder().pooledInput(6).lstmUnits(4).denseUnits(4).batchSize(16)
        .epochs(3).build();
    List<String> calls = new ArrayList<>();
    trainer.train(c, train, null, new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, int batches, double loss) {
        assertThat(loss).isFinite().isPositive();
        calls.add("b" + epoch + "." + batch + "/" + batches);
      }

      @Override
      public void onEpoch(EpochStats stats, int total) {
        assertThat(stats.hasValidation()).isFalse();
        calls.add("e" + stats.epoch() + "/" + total);
      }
    });
    assertThat(calls).containsExactly("b1.1/4", "b1.2/4", "b1.3/4", "b1.4/4", "e1/3", "b2.1/4", "b2.2/4",
        "b2.3/4", "b2.4/4", "e2/3", "b3.1/4", "b3.2/4", "b3.3/4", "b3.4/4", "e3/3");
  }

  @Test
  void cancellationStopsTraining() {
    FeatureDataset train = Synthetic.pooled(50, 6, 1.0, 1, 2);
    ModelConfig c = ModelConfig.notebookBuilder().pooledInput(6).lstmUnits(4).denseUnits(4).batchSize(16)
        .epochs(50).build();
    AtomicInteger batches = new AtomicInteger();
    assertThatThrownBy(() -> trainer.train(c, train, null, new TrainingListener() {
      @Override
      public void onBatch(int epoch, int batch, int n, double loss) {
        batches.incrementAndGet();
      }

      @Override
      public boolean isCancelled() {
        return batches.get() >= 5;
      }
    })).isInstanceOf(TrainingCancelledException.class).hasMessageContaining("epoch 2");
    assertThat(batches.get()).isEqualTo(5);
  }

  @Test
  void rejectsDataThatDoesNotFitTheConfig() {
    FeatureDataset pooled = Synthetic.pooled(14, 6, 1.0, 1, 2);
    FeatureDataset seq = Synthetic.sequences(14, 5, 2, 4, 1.0, 1, 2);
    assertThatThrownBy(() -> trainer.train(ModelConfig.notebook(), pooled, null, null))
        .hasMessageContaining("6 values, the config expects 40");
    assertThatThrownBy(() -> trainer.train(ModelConfig.notebook(), seq, null, null))
        .hasMessageContaining("SEQUENCE");
    assertThatThrownBy(() -> trainer.train(ModelConfig.framewise(40), seq, null, null))
        .hasMessageContaining("5 features per step");
  }

  private static FeatureDataset randomLabels(FeatureDataset d, Random rnd) {
    List<float[]> xs = new ArrayList<>();
    int[] ys = new int[d.size()];
    for (int i = 0; i < d.size(); i++) {
      xs.add(d.pooled(i));
      ys[i] = rnd.nextInt(7);
    }
    return FeatureDataset.ofPooled(xs, ys, d.labelNames());
  }
}
