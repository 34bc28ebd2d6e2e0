package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioReader;

class SyntheticTessTest {

  @TempDir Path dir;

  @Test
  void writesATessLayoutThatScansCleanlyWithBalancedClasses() throws IOException {
    List<Path> files = SyntheticTess.write(dir, 3, 1);

    assertThat(files).hasSize(2 * 7 * 3);
    Corpus corpus = Corpus.scan(dir);
    assertThat(corpus.utterances()).hasSize(42);
    // the only problem is the README saying the data are synthetic
    assertThat(corpus.problems()).singleElement().extracting(p -> p.file().getFileName().toString())
        .isEqualTo("README.txt");
    assertThat(Files.readString(dir.resolve("README.txt"))).startsWith("SYNTHETIC DATA");
    for (Map<String, Integer> row : corpus.counts().values()) {
      assertThat(row.values()).hasSize(7).containsOnly(3);
    }
    AudioClip clip = AudioReader.read(files.get(0));
    assertThat(clip.sampleRate()).isEqualTo(24414);
    assertThat(clip.durationSeconds()).isBetween(1.0, 3.0);
    float peak = 0;
    for (float v : clip.channel(0)) {
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isBetween(0.05f, 0.99f);
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    List<Path> a = SyntheticTess.write(dir.resolve("a"), 1, 7);
    List<Path> b = SyntheticTess.write(dir.resolve("b"), 1, 7);
    List<Path> c = SyntheticTess.write(dir.resolve("c"), 1, 8);
    for (int i = 0; i < a.size(); i++) {
      assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
    }
    assertThat(Files.readAllBytes(a.get(0))).isNotEqualTo(Files.readAllBytes(c.get(0)));
  }

  @Test
  void emotionsDifferInPitchAndLoudness() {
    // sad is softer and lower than angry for the same speaker and word
    float[] angry = SyntheticTess.utterance(0, Emotion.ANGRY.ordinal(), 0, new java.util.SplittableRandom(1));
    float[] sad = SyntheticTess.utterance(0, Emotion.SAD.ordinal(), 0, new java.util.SplittableRandom(1));
    assertThat(rms(angry)).isGreaterThan(1.5 * rms(sad));
    assertThat(sad.length).isGreaterThan(angry.length); // slower
  }

  @Test
  void wordsAreDistinct() {
    assertThat(new HashSet<>(IntStream.range(0, 200).mapToObj(SyntheticTess::word).toList())).hasSize(200);
  }

  private static double rms(float[] y) {
    double s = 0;
    for (float v : y) {
      s += v * v;
    }
    return Math.sqrt(s / y.length);
  }
}
