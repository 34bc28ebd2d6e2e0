package org.ser4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.LoadOptions;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccConfig;
import org.ser4j.testing.SharedData;

class FileFeaturesTest {

  @TempDir Path dir;

  private static FeatureSpec spec(int rate) {
    return FeatureSpec.of("t", LoadOptions.builder().sampleRate(rate).build(), MfccConfig.builder(rate).build(),
        false, FeatureSpec.Summary.MEAN);
  }

  private List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    String[] names = {"sine440_22050", "noise_16000", "voice_24414", "chirp_22050"};
    for (int i = 0; i < 12; i++) {
      Path f = dir.resolve(i + ".wav");
      Files.copy(SharedData.golden(names[i % names.length] + ".wav"), f);
      files.add(f);
    }
    Path bad = dir.resolve("bad.wav");
    Files.writeString(bad, "not audio");
    files.add(5, bad);
    return files;
  }

  @Test
  void outcomesComeInInputOrderAndEqualOneFileAtATimeWhateverTheThreads() throws IOException {
    List<Path> files = files();
    LoadOptions load = LoadOptions.builder().nativeSampleRate().build();
    AtomicInteger calls = new AtomicInteger();
    List<FileFeatures.Outcome> parallel = FileFeatures.compute(files, load, FileFeaturesTest::spec, 3,
        (done, total) -> calls.incrementAndGet());
    List<FileFeatures.Outcome> serial = FileFeatures.compute(files, load, FileFeaturesTest::spec, 1,
        ProgressListener.NONE);

    assertThat(calls).hasValue(files.size());
    assertThat(parallel).extracting(FileFeatures.Outcome::file).containsExactlyElementsOf(files);
    for (int i = 0; i < files.size(); i++) {
      FileFeatures.Outcome p = parallel.get(i);
      if (i == 5) {
        assertThat(p.ok()).isFalse();
        assertThat(p.problem()).isNotBlank();
        continue;
      }
      assertThat(p.ok()).as(p.problem()).isTrue();
      assertThat(p.features()[0]).containsExactly(serial.get(i).features()[0]);
      var clip = AudioLoader.load(files.get(i), load);
      float[][] direct = spec(clip.sampleRate()).compute(clip, spec(clip.sampleRate()).newExtractor());
      assertThat(p.features()[0]).containsExactly(direct[0]);
    }
  }

  @Test
  void anEmptyListGivesNoOutcomesAndThreadsMustBePositive() {
    LoadOptions load = LoadOptions.builder().nativeSampleRate().build();
    assertThat(FileFeatures.compute(List.of(), load, FileFeaturesTest::spec, 2, ProgressListener.NONE)).isEmpty();
    assertThatThrownBy(() -> FileFeatures.compute(List.of(), load, FileFeaturesTest::spec, 0, ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }
}
