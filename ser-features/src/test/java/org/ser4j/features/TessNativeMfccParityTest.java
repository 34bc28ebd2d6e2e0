package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioReader;
import org.ser4j.testing.SharedData;

/** MFCC of real TESS recordings (read in place from ../shared/tess-sample) at their own rate, against librosa. */
class TessNativeMfccParityTest {

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource({
    "OAF_fear, OAF_food_fear",            // 96000 Hz
    "OAF_happy, OAF_home_happy",
    "YAF_angry, YAF_germ_angry",          // AIFF under a .wav name
    "YAF_pleasant_surprise, YAF_youth_ps",
    "YAF_sad, YAF_sail_sad",
  })
  void matchesLibrosaOnRealRecordingsAtTheirNativeRate(String folder, String name) throws IOException {
    Path tess = SharedData.requireTessSample();
    AudioClip clip = AudioReader.read(tess.resolve(folder).resolve(name + ".wav"));

    float[][] actual = MfccExtractor.create(MfccConfig.notebook(clip.sampleRate())).mfcc(clip);

    double[][] expected = SharedData.goldenMatrix("tess_mfcc_native_" + folder + "__" + name + ".csv");
    assertThat(actual).as("frame count").hasNumberOfRows(expected.length);
    for (int t = 0; t < expected.length; t++) {
      for (int k = 0; k < 40; k++) {
        assertThat((double) actual[t][k]).as("frame %d coefficient %d", t, k)
            .isCloseTo(expected[t][k], within(2e-3 + 1e-4 * Math.abs(expected[t][k])));
      }
    }
  }
}
