package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

  static Provenance full() {
    return Provenance.builder()
        .corpus("crema-d corpus 'crema-d'", "crema-d", "sha256:0011223344556677 (6142 files)")
        .split("speaker-held-out", 5000, 1100, 2, 0)
        .recipe("stats", "stats", "ModelConfig[...]")
        .seed(42)
        .augmentation("none")
        .epochs(17, 9)
        .metric("test.accuracy", 0.5123456789)
        .version("dl4j", "1.0.0-M2.1")
        .extra("source.file", "model.h5")
        .build();
  }

  @Test
  void everyFieldSurvivesTheMetadataRoundTrip() {
    Provenance p = full();
    Provenance back = Provenance.fromMetadata(p.toMetadata());
    assertThat(back).isEqualTo(p);
    assertThat(back.corpusFormat()).contains("crema-d");
    assertThat(back.trainCount()).hasValue(5000);
    assertThat(back.testCount()).hasValue(1100);
    assertThat(back.seed()).hasValue(42);
    assertThat(back.epochsRun()).hasValue(17);
    assertThat(back.metrics()).containsEntry("test.accuracy", 0.512346);
    assertThat(back.versions()).containsEntry("dl4j", "1.0.0-M2.1");
    assertThat(back.extra()).containsEntry("source.file", "model.h5");
  }

  @Test
  void definedKeysComeFirstInAFixedSpellingAndExtrasAfter() {
    Map<String, String> m = full().toMetadata();
    assertThat(m.keySet()).startsWith("data.corpus", "data.corpus.format", "data.corpus.id", "data.split")
        .endsWith("source.file");
  }

  @Test
  void bundlesOfOlderOrForeignWritersReadWithTheirEntriesKeptAsExtras() {
    Map<String, String> old = new LinkedHashMap<>();
    old.put("train.seed", "7");
    old.put("library.ser4j", "0.0.1");
    old.put("recipe.seed", "not a number");
    Provenance p = Provenance.fromMetadata(old);
    assertThat(p.seed()).isEmpty();
    assertThat(p.extra()).containsEntry("train.seed", "7").containsEntry("library.ser4j", "0.0.1");
    assertThat(p.toMetadata()).isEqualTo(old);
  }

  @Test
  void definedKeysCannotBeSmuggledInAsExtras() {
    assertThatThrownBy(() -> Provenance.builder().extra("recipe.seed", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipe.seed");
  }

  @Test
  void runtimeVersionsNameSer4jJavaAndTheOs() {
    Provenance p = Provenance.builder().runtimeVersions().build();
    assertThat(p.versions()).containsKeys("ser4j", "java", "os");
    assertThat(p.versions().get("java")).isEqualTo(System.getProperty("java.version"));
  }
}
