package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory given as audio is a typed error naming it, not a bare "Is a directory" IOException. */
class DirectoryInputTest {

  @TempDir Path dir;

  @Test
  void everyEntryPointNamesTheDirectory() {
    Path d = dir.resolve("recordings.wav");
    d.toFile().mkdirs();
    assertThatThrownBy(() -> AudioReader.probe(d)).isInstanceOf(UnrecognizedAudioException.class)
        .hasMessage(d + ": is a directory, not an audio file");
    assertThatThrownBy(() -> AudioReader.read(d)).isInstanceOf(UnrecognizedAudioException.class)
        .hasMessageContaining("is a directory");
    assertThatThrownBy(() -> AudioReader.open(d)).isInstanceOf(UnrecognizedAudioException.class);
    assertThatThrownBy(() -> AudioLoader.load(d)).isInstanceOf(UnrecognizedAudioException.class);
  }
}
