package org.ser4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ser4j.data.CorpusFormat;

class AudioReadOptionsTest {
  @Test
  void corpusIdsAreResolvedToTheFormatsIdAndUnknownOnesAreRefusedNamingTheKnownOnes() {
    assertThat(AudioReadOptions.builder().corpus("CREMA_D").build().corpus()).contains("crema-d");
    assertThat(AudioReadOptions.builder().corpus(CorpusFormat.TESS).build().corpus()).contains("tess");
    assertThat(AudioReadOptions.defaults().corpus()).isEmpty();
    assertThatThrownBy(() -> AudioReadOptions.builder().corpus("timit"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timit").hasMessageContaining("tess");
  }

  @Test
  void theSizeLimitMustFitOneArray() {
    assertThat(AudioReadOptions.defaults().maxFileBytes()).isEqualTo(128L << 20);
    assertThatThrownBy(() -> AudioReadOptions.builder().maxFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AudioReadOptions.builder().maxFileBytes(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFileBytes");
  }
}
