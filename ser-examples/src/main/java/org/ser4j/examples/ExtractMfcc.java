package org.ser4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.LoadOptions;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.MfccExtractor;
import org.ser4j.features.Pooling;

/**
 * Example: MFCCs with ser-features alone (no model, no DL4J), as the seed notebook computes them.
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.ExtractMfcc path/to/file.wav
 * </pre>
 *
 * Python equivalent:
 * <pre>
 * y, sr = librosa.load(path, duration=3, offset=0.5)
 * mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=40)
 * feature = np.mean(mfcc.T, axis=0)
 * </pre>
 */
public final class ExtractMfcc {

  private ExtractMfcc() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ExtractMfcc FILE.wav");
      System.exit(2);
    }
    run(Paths.get(args[0]), System.out);
  }

  /** Prints the frame count and the 40-value notebook feature of {@code file}. */
  static float[] run(Path file, PrintStream out) throws IOException {
    AudioClip y = AudioLoader.load(file, LoadOptions.notebook());            // 22050 Hz, mono, 0.5 s .. 3.5 s
    MfccExtractor extractor = MfccExtractor.create(MfccConfig.notebook(22050)); // n_mfcc=40, librosa defaults
    float[][] mfcc = extractor.mfcc(y);                                        // rows = frames
    float[] feature = Pooling.mean(mfcc);                                      // mean over frames
    out.printf(Locale.ROOT, "%s: %d samples at %d Hz -> %d frames x %d MFCCs%n", file, y.frameCount(),
        y.sampleRate(), mfcc.length, mfcc[0].length);
    StringBuilder sb = new StringBuilder("mean:");
    for (float v : feature) {
      sb.append(String.format(Locale.ROOT, " %.3f", v));
    }
    out.println(sb);
    return feature;
  }
}
