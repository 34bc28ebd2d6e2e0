package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioInfoTest {

  private static AudioInfo info(String name, Container container) {
    return new AudioInfo(name == null ? null : Paths.get("corpus", name), container, SampleEncoding.PCM_S16, 24414,
        1, 100, List.of());
  }

  @Test
  void saysWhenTheContentIsNotWhatTheNameSays() {
    assertThat(info("YAF_germ_angry.wav", Container.AIFF).nameMismatch())
        .contains("AIFF content under a .wav name (decoded by content)");
    assertThat(info("take.AIFF", Container.WAV).nameMismatch())
        .contains("WAV content under a .aiff name (decoded by content)");
  }

  @Test
  void saysNothingWhenNameAndContentAgreeOrThereIsNoName() {
    assertThat(info("a.wav", Container.WAV_EXTENSIBLE).nameMismatch()).isEmpty();
    assertThat(info("a.aifc", Container.AIFF_C).nameMismatch()).isEmpty();
    assertThat(info("a.bin", Container.AIFF).nameMismatch()).isEmpty();
    assertThat(info(null, Container.AIFF).nameMismatch()).isEmpty();
  }
}
