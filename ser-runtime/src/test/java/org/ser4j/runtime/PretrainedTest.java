package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmotionRecognizer#pretrained()} without the artifact that ships the model (ser-runtime's own class
 * path lacks org.ser4j:ser-pretrained), and through class loaders that hold a bundle at the fixed resource name.
 */
class PretrainedTest {

  @TempDir Path dir;

  @Test
  void withoutTheArtifactTheErrorNamesTheDependencyToAdd() {
    assertThat(EmotionRecognizer.class.getClassLoader().getResource(EmotionRecognizer.PRETRAINED_RESOURCE))
        .as("ser-runtime's test class path must not hold the pretrained model").isNull();
    assertThatThrownBy(EmotionRecognizer::pretrained)
        .isInstanceOf(PretrainedModelUnavailableException.class)
        .hasMessageContaining("org.ser4j:ser-pretrained")
        .hasMessageContaining(EmotionRecognizer.PRETRAINED_RESOURCE)
        .hasNoCause()
        .satisfies(e -> assertThat(((PretrainedModelUnavailableException) e).dependency())
            .isEqualTo("org.ser4j:ser-pretrained"));
  }

  @Test
  void loadsTheBundleAtTheFixedResourceNameOfTheFirstLoaderThatHasIt() throws IOException {
    ModelBundle b = TestBundles.notebookShaped();
    Path root = dir.resolve("cp");
    Path resource = root.resolve(EmotionRecognizer.PRETRAINED_RESOURCE);
    Files.createDirectories(resource.getParent());
    b.write(resource);
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null);
        URLClassLoader withModel = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      EmotionRecognizer r = EmotionRecognizer.pretrained(empty, null, withModel);
      assertThat(r.bundle()).isEqualTo(b);
    }
  }

  @Test
  void aCorruptShippedBundleIsATypedErrorWithTheBundlesReason() throws IOException {
    Path root = dir.resolve("cp");
    Path resource = root.resolve(EmotionRecognizer.PRETRAINED_RESOURCE);
    Files.createDirectories(resource.getParent());
    Files.writeString(resource, "not a bundle");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> EmotionRecognizer.pretrained(loader))
          .isInstanceOf(PretrainedModelUnavailableException.class)
          .hasMessageContaining("cannot be read")
          .hasMessageContaining("org.ser4j:ser-pretrained")
          .hasCauseInstanceOf(ModelBundleException.class);
    }
  }
}
