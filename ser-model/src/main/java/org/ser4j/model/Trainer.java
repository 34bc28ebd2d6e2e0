package org.ser4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.ser4j.model.Batches.Standardizer;
import org.ser4j.runtime.Normalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ModelConfig}'s network on a {@link FeatureDataset}. Deterministic: the same config (seed)
 * and data give bit-identical weights. Mini-batches are drawn from a seeded shuffle each epoch; the training
 * loss is the mean mini-batch loss (dropout active, as Keras reports it), accuracies and validation loss are
 * measured in inference mode after each epoch (training accuracy on a fixed sample of at most
 * {@value #TRAIN_ACCURACY_SAMPLE} training examples). With {@link ModelConfig#earlyStoppingPatience()} &gt; 0 and a
 * validation set, training stops after that many epochs without validation-loss improvement and the best
 * epoch's weights are restored.
 *
 * <p>Threading: ND4J's OpenMP and BLAS pools are process-wide, so any thread setting is too. The first
 * {@code train} call applies {@link NativeSettings#configure()} once (one thread: measured 10x faster for
 * these small recurrent networks on a loaded 2-core machine). To leave ND4J's threads as they are, set
 * {@code OMP_NUM_THREADS} before the JVM starts or the system property {@code ser4j.nd4j.threads=0}.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int EVAL_BATCH = 512;
  /**
   * Training accuracy is measured on at most this many training examples (a fixed seeded sample): the
   * full pass cost ~25% of a notebook epoch and only feeds the history's curve.
   */
  static final int TRAIN_ACCURACY_SAMPLE = 1024;

  /**
   * Trains a network of {@code config} on {@code train}, deterministically for {@code config.seed()}.
   *
   * @param config the network and training settings; its input shape must match the data's
   * @param train the training examples (not empty)
   * @param validation examples scored after every epoch (early stopping, the history's validation columns),
   *     or null for none
   * @param listener told of every epoch, may cancel; null for none
   * @return the trained network with its history, labels and fitted normalisation
   * @throws IllegalArgumentException when the data do not fit {@code config} or {@code train} is empty
   * @throws TrainingCancelledException when the listener cancels
   */
  public TrainingResult train(ModelConfig config, FeatureDataset train, FeatureDataset validation,
      TrainingListener listener) {
    return train(config, train, validation, listener, null);
  }

  /**
   * As {@link #train(ModelConfig, FeatureDataset, FeatureDataset, TrainingListener)}, with balanced sampling:
   * each epoch draws {@code train.size()} examples with replacement, example {@code i} with probability
   * {@code sampleWeights[i] / sum} (seeded by the config's seed), instead of visiting each once.
   *
   * @param config the network and training settings
   * @param train the training examples (not empty)
   * @param validation examples scored after every epoch, or null
   * @param listener told of every epoch, may cancel; null for none
   * @param sampleWeights one non-negative weight per training example with a positive sum (see
   *     {@link Balance#weights}), or null to visit every example once per epoch
   * @return the trained network with its history, labels and fitted normalisation
   * @throws IllegalArgumentException when the data do not fit {@code config}, {@code train} is empty, or the
   *     weights do not match {@code train}
   */
  public TrainingResult train(ModelConfig config, FeatureDataset train, FeatureDataset validation,
      TrainingListener listener, double[] sampleWeights) {
    double[] cumulative = sampleWeights == null ? null : cumulative(sampleWeights, train.size());
    TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    check(config, train, "training");
    if (validation != null) {
      check(config, validation, "validation");
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("training set is empty");
    }
    NativeSettings.configure();
    Normalization normalization = config.standardize() ? Standardizer.fit(train) : null;
    Standardizer norm = Standardizer.of(normalization, config.inputMode());

    MultiLayerNetwork net = Networks.build(config);
    Nd4j.getRandom().setSeed(config.seed());
    Random shuffle = new Random(config.seed());
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
    FeatureDataset trainSample = train;
    if (train.size() > TRAIN_ACCURACY_SAMPLE) {
      int[] idx = order.clone();
      shuffle(idx, new Random(config.seed() ^ 0x5eed));
      trainSample = train.subset(java.util.Arrays.copyOf(idx, TRAIN_ACCURACY_SAMPLE));
    }
    boolean early = config.earlyStoppingPatience() > 0 && validation != null;
    if (config.earlyStoppingPatience() > 0 && validation == null) {
      LOG.warn("early stopping needs a validation set; training all {} epochs", config.epochs());
    }
    LOG.info("training {} on {} examples ({} batches/epoch){}", config, train.size(), batches,
        validation == null ? "" : ", validating on " + validation.size());

    List<EpochStats> epochs = new ArrayList<>();
    INDArray bestParams = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    boolean stoppedEarly = false;
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      long t0 = System.nanoTime();
      if (cumulative == null) {
        shuffle(order, shuffle);
      } else {
        draw(order, cumulative, shuffle);
      }
      double lossSum = 0;
      for (int b = 0; b < batches; b++) {
        if (l.isCancelled()) {
          throw new TrainingCancelledException(epoch);
        }
        int from = b * config.batchSize();
        int to = Math.min(train.size(), from + config.batchSize());
        DataSet ds = Batches.batch(train, order, from, to, norm, config.numClasses());
        net.fit(ds);
        double loss = net.score();
        lossSum += loss * (to - from);
        l.onBatch(epoch, b + 1, batches, loss);
      }
      double trainLoss = lossSum / train.size();
      Scores trainScores = scores(net, trainSample, norm, config.numClasses());
      Scores valScores = validation == null ? null : scores(net, validation, norm, config.numClasses());
      EpochStats stats = new EpochStats(epoch, trainLoss, trainScores.accuracy(),
          valScores == null ? Double.NaN : valScores.loss(),
          valScores == null ? Double.NaN : valScores.accuracy(), (System.nanoTime() - t0) / 1_000_000);
      epochs.add(stats);
      LOG.debug("{}", stats);
      l.onEpoch(stats, config.epochs());
      if (early) {
        if (stats.validationLoss() < bestLoss) {
          bestLoss = stats.validationLoss();
          bestEpoch = epoch;
          bestParams = net.params().dup();
        } else if (epoch - bestEpoch >= config.earlyStoppingPatience()) {
          stoppedEarly = epoch < config.epochs();
          LOG.info("early stop after epoch {}: no validation-loss improvement since epoch {}", epoch, bestEpoch);
          break;
        }
      } else {
        bestEpoch = epoch;
      }
    }
    if (early && bestParams != null && bestEpoch != epochs.size()) {
      net.setParams(bestParams);
      LOG.info("restored the weights of epoch {} (validation loss {})", bestEpoch, bestLoss);
    }
    return new TrainingResult(config, net, new History(epochs, bestEpoch, stoppedEarly), train.labelNames(),
        normalization);
  }

  private static void check(ModelConfig c, FeatureDataset d, String what) {
    if (d.mode() != c.inputMode()) {
      throw new IllegalArgumentException(what + " data is " + d.mode() + " but the config expects " + c.inputMode());
    }
    if (d.size() > 0 && d.featuresPerStep() != c.inputSize()) {
      throw new IllegalArgumentException(what + " data has " + d.featuresPerStep()
          + " features per step, the config expects " + c.inputSize());
    }
    if (c.sequenceLength() > 0 && d.size() > 0 && d.maxSteps() != c.sequenceLength()) {
      throw new IllegalArgumentException(what + " vectors have " + d.maxSteps() + " values, the config expects "
          + c.sequenceLength());
    }
    if (d.labelNames().size() != c.numClasses()) {
      throw new IllegalArgumentException(what + " data has " + d.labelNames().size() + " classes, the config "
          + c.numClasses());
    }
  }

  private static double[] cumulative(double[] w, int n) {
    if (w.length != n) {
      throw new IllegalArgumentException(w.length + " sample weights for " + n + " training examples");
    }
    double[] c = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException("sample weight " + i + " is " + w[i] + ", not a finite non-negative number");
      }
      sum += w[i];
      c[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("sample weights sum to " + sum + ", not a positive number");
    }
    return c;
  }

  /** Fills {@code order} with indices drawn with replacement, proportionally to the weights. */
  static void draw(int[] order, double[] cumulative, Random r) {
    double total = cumulative[cumulative.length - 1];
    for (int i = 0; i < order.length; i++) {
      double x = r.nextDouble() * total;
      int k = java.util.Arrays.binarySearch(cumulative, x);
      // the first index whose cumulative weight exceeds x; zero-weight examples (equal cumulative values) are skipped
      k = k >= 0 ? k + 1 : -k - 1;
      while (k < cumulative.length - 1 && cumulative[k] <= x) {
        k++;
      }
      order[i] = Math.min(k, cumulative.length - 1);
    }
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  record Scores(double loss, double accuracy, int[] predicted, float[][] probabilities) {
  }

  /** Inference-mode loss (mean cross-entropy), accuracy and predictions over a whole dataset. */
  static Scores scores(MultiLayerNetwork net, FeatureDataset d, Standardizer norm, int numClasses) {
    int[] order = new int[d.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] predicted = new int[d.size()];
    float[][] probs = new float[d.size()][];
    double loss = 0;
    int correct = 0;
    for (int from = 0; from < d.size(); from += EVAL_BATCH) {
      int to = Math.min(d.size(), from + EVAL_BATCH);
      DataSet ds = Batches.batch(d, order, from, to, norm, numClasses);
      INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
      float[][] p = out.toFloatMatrix();
      for (int i = 0; i < p.length; i++) {
        int best = 0;
        for (int k = 1; k < p[i].length; k++) {
          if (p[i][k] > p[i][best]) {
            best = k;
          }
        }
        int y = d.label(from + i);
        predicted[from + i] = best;
        probs[from + i] = p[i];
        loss -= Math.log(Math.max(p[i][y], 1e-7));
        if (best == y) {
          correct++;
        }
      }
    }
    return new Scores(loss / Math.max(1, d.size()), (double) correct / Math.max(1, d.size()), predicted, probs);
  }
}
