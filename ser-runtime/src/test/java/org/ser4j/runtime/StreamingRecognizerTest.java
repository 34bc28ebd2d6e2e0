package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioClip;
import org.ser4j.features.FeatureSpec;

/** Sliding-window classification of pushed samples. */
class StreamingRecognizerTest {

  static EmotionRecognizer recognizer(FeatureSpec spec) {
    Random r = new Random(11);
    int d = spec.dimension();
    ModelBundle.Builder b = ModelBundle.builder();
    if (spec.pooling() == FeatureSpec.Summary.MEAN) {
      b.pooledInput(d).addLayer(TestBundles.lstm(r, 1, 6));
    } else {
      b.sequenceInput().addLayer(TestBundles.lstm(r, d, 6));
    }
    return EmotionRecognizer.of(b.addLayer(TestBundles.dense(r, 6, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).featurePreset(spec.name()).featureConfig(spec.toMap()).build());
  }

  /** Pushes {@code y} in seeded random block sizes (1 sample to 5000). */
  private static void pushInBlocks(StreamingRecognizer s, float[] y, long seed) {
    Random r = new Random(seed);
    int i = 0;
    while (i < y.length) {
      int n = Math.min(y.length - i, 1 + r.nextInt(5000));
      s.push(y, i, n);
      i += n;
    }
  }

  @Test
  void everyWindowEqualsPredictOnThatWindowsSamples() throws Exception {
    for (FeatureSpec spec : new FeatureSpec[] {FeatureSpec.notebook(), FeatureSpec.stats()}) {
      EmotionRecognizer r = recognizer(spec);
      int rate = 16000;
      float[] y = LoadFromAnywhereTest.Signals.voiceLike(rate, 9.3, 4).channel(0);
      List<StreamingRecognizer.WindowPrediction> got = new ArrayList<>();
      StreamingRecognizer s = StreamingRecognizer.builder(r, rate).window(Duration.ofSeconds(3))
          .hop(Duration.ofMillis(500)).listener(got::add).build();
      pushInBlocks(s, y, 1);
      int window = 3 * rate;
      int hop = rate / 2;
      int expected = 1 + (y.length - window) / hop;
      assertThat(got).as(spec.name()).hasSize(expected);
      for (StreamingRecognizer.WindowPrediction w : got) {
        assertThat(w.startSample()).isEqualTo(w.index() * hop);
        assertThat(w.endSample() - w.startSample()).isEqualTo(window);
        assertThat(w.startSeconds()).isEqualTo(w.index() * 0.5);
        float[] samples = Arrays.copyOfRange(y, (int) w.startSample(), (int) w.endSample());
        assertThat(w.prediction().toArray()).as("%s window %d", spec.name(), w.index())
            .containsExactly(r.predict(AudioClip.ofMono(rate, samples)).toArray());
        assertThat(w.smoothed()).isSameAs(w.prediction());
      }
      // windows differ as the audio does: the stream is not classifying one fixed buffer
      assertThat(got.get(0).prediction().toArray()).isNotEqualTo(got.get(got.size() - 1).prediction().toArray());
      // the tail after the last full window is classified by finish()
      assertThat(s.finish()).isTrue();
      StreamingRecognizer.WindowPrediction last = got.get(got.size() - 1);
      assertThat(last.endSample()).isEqualTo(y.length);
      assertThat(last.prediction().toArray()).containsExactly(r.predict(
          AudioClip.ofMono(rate, Arrays.copyOfRange(y, y.length - window, y.length))).toArray());
      assertThatThrownBy(() -> s.push(new float[1])).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aStreamWithAProfileClassifiesEveryWindowWithIt() throws Exception {
    FeatureSpec spec = FeatureSpec.stats();
    Random r = new Random(11);
    EmotionRecognizer rec = EmotionRecognizer.of(ModelBundle.builder().sequenceInput()
        .addLayer(TestBundles.lstm(r, spec.dimension(), 6)).addLayer(TestBundles.dense(r, 6, 7, Activation.SOFTMAX))
        .labels(TestBundles.EMOTIONS).featureSpec(spec)
        .normalization(new Normalization(TestBundles.random(r, spec.dimension(), 1),
            TestBundles.positive(r, spec.dimension()))).build());
    int rate = 16000;
    float[] y = LoadFromAnywhereTest.Signals.voiceLike(rate, 5, 4).channel(0);
    SpeakerProfile p = new SpeakerProfile.Accumulator()
        .add(rec.featureVector(AudioClip.ofMono(rate, Arrays.copyOfRange(y, 0, 3 * rate))))
        .add(rec.featureVector(AudioClip.ofMono(rate, Arrays.copyOfRange(y, 2 * rate, 5 * rate)))).profile();
    List<StreamingRecognizer.WindowPrediction> got = new ArrayList<>();
    StreamingRecognizer s = StreamingRecognizer.builder(rec, rate).window(Duration.ofSeconds(3))
        .hop(Duration.ofSeconds(1)).profile(p).listener(got::add).build();
    pushInBlocks(s, y, 2);
    assertThat(got).hasSize(3);
    for (StreamingRecognizer.WindowPrediction w : got) {
      AudioClip clip = AudioClip.ofMono(rate, Arrays.copyOfRange(y, (int) w.startSample(), (int) w.endSample()));
      assertThat(w.prediction().toArray()).containsExactly(rec.predict(clip, p).toArray());
      assertThat(w.prediction().toArray()).isNotEqualTo(rec.predict(clip).toArray());
    }
  }

  @Test
  void blockSizeDoesNotChangeTheResults() {
    EmotionRecognizer r = recognizer(FeatureSpec.stats());
    float[] y = LoadFromAnywhereTest.Signals.voiceLike(8000, 6.0, 5).channel(0);
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    StreamingRecognizer s1 = StreamingRecognizer.builder(r, 8000).listener(w -> a.add(w.prediction().toArray()))
        .build();
    s1.push(y);
    StreamingRecognizer s2 = StreamingRecognizer.builder(r, 8000).listener(w -> b.add(w.prediction().toArray()))
        .build();
    pushInBlocks(s2, y, 9);
    assertThat(a).hasSize(7);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i)).containsExactly(a.get(i));
    }
  }

  @Test
  void smoothingIsTheMeanOfTheLastWindows() {
    EmotionRecognizer r = recognizer(FeatureSpec.stats());
    float[] y = LoadFromAnywhereTest.Signals.voiceLike(8000, 8.0, 6).channel(0);
    List<StreamingRecognizer.WindowPrediction> got = new ArrayList<>();
    StreamingRecognizer s = StreamingRecognizer.builder(r, 8000).smoothing(3).listener(got::add).build();
    s.push(y);
    assertThat(got).hasSize(11);
    for (int i = 0; i < got.size(); i++) {
      double[] mean = new double[7];
      int from = Math.max(0, i - 2);
      for (int j = from; j <= i; j++) {
        double[] p = got.get(j).prediction().toArray();
        for (int k = 0; k < 7; k++) {
          mean[k] += p[k] / (i - from + 1);
        }
      }
      assertThat(got.get(i).smoothed().toArray()).containsExactly(mean, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void aStreamShorterThanOneWindowIsClassifiedAtFinish() {
    EmotionRecognizer r = recognizer(FeatureSpec.stats());
    float[] y = LoadFromAnywhereTest.Signals.voiceLike(8000, 1.2, 7).channel(0);
    List<StreamingRecognizer.WindowPrediction> got = new ArrayList<>();
    StreamingRecognizer s = StreamingRecognizer.builder(r, 8000).listener(got::add).build();
    s.push(y);
    assertThat(got).isEmpty();
    assertThat(s.finish()).isTrue();
    assertThat(got).singleElement().satisfies(w -> {
      assertThat(w.startSample()).isZero();
      assertThat(w.endSample()).isEqualTo(y.length);
    });
    StreamingRecognizer empty = StreamingRecognizer.builder(r, 8000).listener(got::add).build();
    assertThat(empty.finish()).isFalse();
  }

  @Test
  void badOptionsAndSamplesAreRejected() {
    EmotionRecognizer r = recognizer(FeatureSpec.notebook());
    assertThatThrownBy(() -> StreamingRecognizer.builder(r, 16000).window(Duration.ofMillis(400)).hop(Duration.ofMillis(100))
        .listener(w -> { }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
    assertThatThrownBy(() -> StreamingRecognizer.builder(r, 16000).hop(Duration.ofSeconds(5))
        .listener(w -> { }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hop");
    assertThatThrownBy(() -> StreamingRecognizer.builder(r, 0)).isInstanceOf(IllegalArgumentException.class);
    StreamingRecognizer s = StreamingRecognizer.builder(r, 16000).listener(w -> { }).build();
    assertThat(s.windowSamples()).isEqualTo(56000); // the notebook recipe reads 0.5 s + 3 s
    assertThatThrownBy(() -> s.push(new float[] {0f, Float.NaN})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 1");
    assertThat(s.samplesPushed()).isZero();
  }

  @Test
  void aThirtyMinuteStreamRunsInConstantMemory() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // 30 min at 8 kHz is 57.6 MB of float samples: more than the child's whole heap
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Child.class.getName());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    boolean finished = p.waitFor(300, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      p.destroyForcibly();
    }
    assertThat(finished).as("child finished; output:\n" + out).isTrue();
    assertThat(p.exitValue()).as("child exit code; output:\n" + out).isZero();
    assertThat(out).contains("windows=180 last=1790.0-1800.0").doesNotContain("OutOfMemoryError");
  }

  /** Child JVM: pushes 30 minutes of generated audio (in 20 ms blocks) through a stream. */
  public static final class Child {
    public static void main(String[] args) {
      EmotionRecognizer r = recognizer(FeatureSpec.notebook());
      long[] count = {0};
      double[] last = new double[2];
      StreamingRecognizer s = StreamingRecognizer.builder(r, 8000).window(Duration.ofSeconds(10)).hop(Duration.ofSeconds(10))
          .listener(w -> {
            count[0]++;
            last[0] = w.startSeconds();
            last[1] = w.endSeconds();
          }).build();
      Random rnd = new Random(1);
      float[] block = new float[160];
      for (int b = 0; b < 30 * 60 * 50; b++) {
        for (int i = 0; i < block.length; i++) {
          block[i] = (float) (0.1 * rnd.nextGaussian());
        }
        s.push(block);
      }
      s.finish();
      System.out.println("windows=" + count[0] + " last=" + last[0] + "-" + last[1]);
    }
  }

  @Test
  void aListenerThatThrowsDoesNotGetTheSameWindowTwice() {
    EmotionRecognizer r = recognizer(FeatureSpec.stats());
    float[] y = LoadFromAnywhereTest.Signals.voiceLike(8000, 4.0, 3).channel(0);
    List<Long> seen = new ArrayList<>();
    StreamingRecognizer s = StreamingRecognizer.builder(r, 8000).listener(w -> {
      seen.add(w.endSample());
      if (seen.size() == 1) {
        throw new IllegalStateException("listener failed");
      }
    }).build();
    assertThatThrownBy(() -> s.push(y, 0, 24000)).hasMessage("listener failed");
    s.push(y, 24000, y.length - 24000);
    assertThat(seen).containsExactly(24000L, 28000L, 32000L);
  }
}
