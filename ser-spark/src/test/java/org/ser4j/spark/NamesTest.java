package org.ser4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ser4j.data.CorpusFormat;

class NamesTest {
  @Test
  void tessNamesInSparkPathsGiveSpeakerWordAndSerLabel() {
    Names.Labels l = Names.parse("file:/data/tess/OAF_Pleasant_surprise/OAF_back_ps.wav", CorpusFormat.TESS);
    assertThat(l).isEqualTo(new Names.Labels("tess", "OAF", "back", "pleasant_surprise"));
    assertThat(Names.parse("hdfs://nn:8020/c/YAF_sad/YAF_bath_sad.WAV", CorpusFormat.TESS))
        .isEqualTo(new Names.Labels("tess", "YAF", "bath", "sad"));
  }

  @Test
  void cremaDLabelsMapToSerLabelsAndUnmappedOnesKeepTheCorpusLabel() {
    assertThat(Names.parse("s3a://bucket/crema/1001_DFA_ANG_XX.wav", CorpusFormat.CREMA_D))
        .isEqualTo(new Names.Labels("crema-d", "1001", "DFA", "angry"));
    assertThat(Names.parse("file:/r/03-01-02-01-01-01-12.wav", CorpusFormat.RAVDESS).label()).isEqualTo("calm");
  }

  @Test
  void unreadableNamesAndNoFormatGiveNoLabels() {
    assertThat(Names.parse("file:/x/recording.wav", CorpusFormat.CREMA_D)).isEqualTo(Names.Labels.NONE);
    assertThat(Names.parse("file:/x/1001_DFA_ANG_XX.wav", null)).isEqualTo(Names.Labels.NONE);
    assertThat(Names.parse("file:/1001_DFA_ANG_XX.wav", CorpusFormat.CREMA_D).speaker()).isEqualTo("1001");
  }
}
