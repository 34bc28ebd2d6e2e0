package org.ser4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ser4j.testing.SharedData;

class ExtractMfccTest {

  @Test
  void printsTheNotebookFeatureLibrosaComputes() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    float[] feature = ExtractMfcc.run(SharedData.golden("voice_24414.wav"), new PrintStream(buf, true, StandardCharsets.UTF_8));

    double[] expected = SharedData.goldenMatrix("notebook_mean40_voice_24414.csv")[0];
    for (int k = 0; k < 40; k++) {
      assertThat((double) feature[k]).isCloseTo(expected[k], within(0.02 + 2e-4 * Math.abs(expected[k])));
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("33075 samples at 22050 Hz -> 65 frames x 40 MFCCs");
  }
}
