package org.ser4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.features.FeatureSpec;
import org.ser4j.testing.SharedData;

/**
 * The embeddable path, file to prediction, on ser-runtime's own class path: no DL4J, no ND4J, no native code.
 */
class RecognizerFromAudioTest {

  @TempDir Path dir;


  @Test
  void ndFourJIsNotOnTheEmbeddingClassPath() {
    assertThatThrownBy(() -> Class.forName("org.nd4j.linalg.factory.Nd4j"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.deeplearning4j.nn.multilayer.MultiLayerNetwork"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void theRuntimeNeedsNoJTransformsForPowerOfTwoFftSizes() throws IOException {
    // ser-runtime excludes JTransforms and commons-math3 from ser-features: they are not on its class path, and every test
    // here (the notebook recipe's n_fft 2048) runs without it
    assertThatThrownBy(() -> Class.forName("org.jtransforms.fft.FloatFFT_1D"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.apache.commons.math3.util.FastMath"))
        .isInstanceOf(ClassNotFoundException.class);
    // a recipe with another size is refused at load, saying what to add
    FeatureSpec spec = FeatureSpec.of("speech", org.ser4j.audio.LoadOptions.builder().sampleRate(16000).build(),
        org.ser4j.features.MfccConfig.builder(16000).nMfcc(40).nFft(400).hopLength(160).build(), false,
        FeatureSpec.Summary.MEAN);
    Random r = new Random(3);
    ModelBundle b = ModelBundle.builder().pooledInput(40).addLayer(TestBundles.lstm(r, 1, 8))
        .addLayer(TestBundles.dense(r, 8, 7, Activation.SOFTMAX)).labels(TestBundles.EMOTIONS)
        .featurePreset("speech").featureConfig(spec.toMap()).build();
    Path f = dir.resolve("nfft400.ser4j");
    b.write(f);
    assertThatThrownBy(() -> EmotionRecognizer.load(f)).isInstanceOf(ModelBundleException.class)
        .hasMessageContaining("n_fft = 400").hasMessageContaining("JTransforms");
  }

  @Test
  void predictsAFileExactlyAsItsFeaturesWouldBePredicted() throws IOException {
    Path bundleFile = dir.resolve("m.ser4j");
    TestBundles.notebookShaped().write(bundleFile);
    EmotionRecognizer r = EmotionRecognizer.load(bundleFile);
    Path wav = SharedData.golden("voice_24414.wav");

    Prediction fromFile = r.predict(wav);

    FeatureSpec spec = r.featureSpec();
    float[] feature = spec.compute(AudioLoader.load(wav, spec.load()), spec.newExtractor())[0];
    assertThat(fromFile.toArray()).containsExactly(r.predictPooled(feature).toArray());
    // a clip in memory (any rate, channels) goes through the same loading steps
    AudioClip clip = AudioReader.read(wav);
    assertThat(r.predict(clip).toArray()).containsExactly(fromFile.toArray());
  }

  @Test
  void undecodableFileIsATypedErrorNamingIt() throws IOException {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.notebookShaped());
    Path bad = java.nio.file.Files.writeString(dir.resolve("bad.wav"), "RIFF....WAVEjunkjunkjunkjunkjunk");
    assertThatThrownBy(() -> r.predict(bad)).isInstanceOf(org.ser4j.audio.AudioFormatException.class)
        .hasMessageContaining("bad.wav");
  }

  @Test
  void bundleWithoutAFeatureConfigurationSaysHowToUseIt() {
    EmotionRecognizer r = EmotionRecognizer.of(TestBundles.sequence(1, 4, 3, false));
    assertThatThrownBy(() -> r.predict(AudioClip.ofMono(22050, new float[22050])))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("predict(float[][])");
  }
}
