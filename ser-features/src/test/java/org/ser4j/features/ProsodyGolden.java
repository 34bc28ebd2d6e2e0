package org.ser4j.features;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioReader;
import org.ser4j.testing.SharedData;

/**
 * The signals of the golden "spectral and prosodic features" files ({@code NAME__rms.csv} ...), each as librosa
 * loaded it ({@code sr=None}, mono float32): the synthetic ones from their golden decoded CSV, the corpus
 * recordings read in place from {@code ../shared} (the test is skipped with a message where they are absent).
 */
final class ProsodyGolden {

  /** The golden signal names, for parameterised tests. */
  static final String[] NAMES = {"chirp_22050", "voice_24414", "tess_OAF_happy__OAF_home_happy",
      "cremad_1009_IEO_ANG_HI"};

  /** {@code librosa.note_to_hz('C2')}, the fmin of the golden yin/pyin files (prosody.json). */
  static final double FMIN = 65.40639132514966;
  /** {@code librosa.note_to_hz('C7')}, the fmax of the golden yin/pyin files (prosody.json). */
  static final double FMAX = 2093.004522404789;

  private ProsodyGolden() {}

  /** The clip behind golden name {@code name}. */
  static AudioClip clip(String name) {
    switch (name) {
      case "chirp_22050":
      case "voice_24414":
        return AudioClip.ofMono(Golden.sampleRate(name), Golden.signal(name));
      case "tess_OAF_happy__OAF_home_happy":
        return read(SharedData.requireTessSample().resolve("OAF_happy").resolve("OAF_home_happy.wav"));
      case "cremad_1009_IEO_ANG_HI":
        return read(requireCremaSample().resolve("1009_IEO_ANG_HI.wav"));
      default:
        throw new IllegalArgumentException("unknown golden signal " + name);
    }
  }

  /** A one-column golden CSV {@code NAME__feature.csv} as doubles. */
  static double[] vector(String name, String feature) {
    return SharedData.goldenVector(name + "__" + feature + ".csv");
  }

  /** A golden CSV {@code NAME__feature.csv} as rows. */
  static double[][] matrix(String name, String feature) {
    return SharedData.goldenMatrix(name + "__" + feature + ".csv");
  }

  private static Path requireCremaSample() {
    Optional<Path> dir = SharedData.sharedDir().map(d -> d.resolve("crema-d-sample")).filter(Files::isDirectory);
    assumeTrue(dir.isPresent(), "skipped: ../shared/crema-d-sample (CREMA-D recordings, read in place) is not"
        + " beside this checkout; set -Dser4j.shared.dir=/path/to/shared to run this test");
    return dir.get();
  }

  private static AudioClip read(Path file) {
    try {
      return AudioReader.read(file).toMono();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
