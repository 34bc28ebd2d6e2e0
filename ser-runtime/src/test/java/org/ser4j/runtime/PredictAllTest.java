package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.WavWriter;
import org.ser4j.features.FeatureSpec;

/** Batched inference gives what one file at a time gives, bit for bit, and reports each unusable file. */
class PredictAllTest {

  @TempDir Path dir;

  /** Voiced-like test signals of different lengths (so sequence models see different step counts). */
  private List<Path> files(int count) throws IOException {
    List<Path> out = new ArrayList<>();
    Random r = new Random(5);
    for (int i = 0; i < count; i++) {
      int rate = 22050;
      float[] y = new float[(int) (rate * (1.2 + 0.15 * i))];
      double f0 = 110 + 17 * i;
      for (int n = 0; n < y.length; n++) {
        double t = n / (double) rate;
        y[n] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.1 * Math.sin(2 * Math.PI * 3 * f0 * t)
            + 0.02 * r.nextGaussian());
      }
      Path f = dir.resolve("clip" + i + ".wav");
      WavWriter.write(AudioClip.ofMono(rate, y), f, WavWriter.Encoding.PCM16);
      out.add(f);
    }
    return out;
  }

  private static ModelBundle framewiseShaped(boolean normalized) {
    Random r = new Random(9);
    FeatureSpec spec = FeatureSpec.framewise();
    ModelBundle.Builder b = ModelBundle.builder().sequenceInput()
        .addLayer(TestBundles.lstm(r, spec.dimension(), 12))
        .addLayer(TestBundles.dense(r, 12, 10, Activation.RELU))
        .addLayer(TestBundles.dense(r, 10, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).featureSpec(spec);
    if (normalized) {
      b.normalization(new Normalization(TestBundles.random(r, spec.dimension(), 5),
          TestBundles.positive(r, spec.dimension())));
    }
    return b.build();
  }

  private static ModelBundle notebookShaped() {
    Random r = new Random(3);
    return ModelBundle.builder().pooledInput(40)
        .addLayer(TestBundles.lstm(r, 1, 9))
        .addLayer(TestBundles.dense(r, 9, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).featureSpec(FeatureSpec.notebook())
        .normalization(new Normalization(TestBundles.random(r, 40, 5), TestBundles.positive(r, 40)))
        .build();
  }

  private static void assertSameAsOneByOne(EmotionRecognizer rec, List<Path> files) throws IOException {
    List<EmotionRecognizer.Outcome> all = rec.predictAll(files);
    assertThat(all).hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      EmotionRecognizer.Outcome o = all.get(i);
      assertThat(o.file()).isEqualTo(files.get(i));
      assertThat(o.ok()).as(String.valueOf(o.error())).isTrue();
      Prediction one = rec.predict(files.get(i));
      assertThat(o.prediction().toArray()).as(files.get(i).toString()).containsExactly(one.toArray());
      assertThat(o.prediction().qualityNotes()).isEqualTo(one.qualityNotes());
    }
  }

  @Test
  void pooledModelsGiveWhatPredictGivesBitForBitAcrossSeveralBatches() throws IOException {
    List<Path> files = files(EmotionRecognizer.BATCH + 3); // two batches, the second partly filled
    assertSameAsOneByOne(EmotionRecognizer.of(notebookShaped()), files);
  }

  @Test
  void sequenceModelsOfDifferentLengthsGiveWhatPredictGives() throws IOException {
    List<Path> files = files(5);
    assertSameAsOneByOne(EmotionRecognizer.of(framewiseShaped(true)), files);
    assertSameAsOneByOne(EmotionRecognizer.of(framewiseShaped(false)), files);
  }

  @Test
  void unusableFilesGetTheirReasonAndTheOthersTheirPrediction() throws IOException {
    List<Path> files = new ArrayList<>(files(3));
    Path junk = Files.writeString(dir.resolve("junk.wav"), "not audio at all, not at all");
    Path missing = dir.resolve("missing.wav");
    files.add(1, junk);
    files.add(missing);
    EmotionRecognizer rec = EmotionRecognizer.of(notebookShaped());
    List<EmotionRecognizer.Outcome> all = rec.predictAll(files);
    assertThat(all).extracting(EmotionRecognizer.Outcome::ok).containsExactly(true, false, true, true, false);
    assertThat(all.get(1).error()).hasMessageContaining("junk.wav");
    assertThat(all.get(4).error()).hasMessageContaining("missing.wav");
    assertThat(all.get(2).prediction().toArray()).containsExactly(rec.predict(files.get(2)).toArray());
  }

  @Test
  void pooledVectorsInBatchesGiveWhatPredictPooledGivesAndMatchTheReference() {
    // 70 units: 280 gates, more than one column tile of the recurrent product and not a multiple of it; 70 rows
    // are not a multiple of the four-row pass either
    ModelBundle b = TestBundles.pooled(11, 40, 70, true);
    EmotionRecognizer rec = EmotionRecognizer.of(b);
    Random r = new Random(21);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < EmotionRecognizer.BATCH + 5; i++) {
      vectors.add(TestBundles.random(r, 40, 3));
    }
    List<Prediction> all = rec.predictPooledAll(vectors);
    assertThat(all).hasSize(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      assertThat(all.get(i).toArray()).as("vector %d", i).containsExactly(rec.predictPooled(vectors.get(i)).toArray());
      float[][] column = new float[40][1];
      for (int t = 0; t < 40; t++) {
        column[t][0] = vectors.get(i)[t];
      }
      assertThat(all.get(i).toArray()).containsExactly(Reference.forward(b, column), within(1e-5));
    }
  }

  @Test
  void aBadVectorIsNamedByItsIndex() {
    EmotionRecognizer rec = EmotionRecognizer.of(TestBundles.pooled(11, 40, 8, true));
    float[] nan = new float[40];
    nan[3] = Float.NaN;
    assertThatThrownBy(() -> rec.predictPooledAll(List.of(new float[40], new float[40], nan)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("vector 2: ")
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> rec.predictPooledAll(List.of(new float[40], new float[39])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("vector 1: ")
        .hasMessageContaining("expected 40");
    assertThat(rec.predictPooledAll(List.of())).isEmpty();
  }
}
