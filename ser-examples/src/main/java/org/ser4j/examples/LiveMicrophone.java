package org.ser4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.ser4j.audio.AudioClip;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;

/**
 * Example: classify a live microphone stream in sliding windows (3 s windows, a result every second) with
 * {@code javax.sound}. Where there is no audio input device it says so and exits cleanly (exit code 0).
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.LiveMicrophone model.ser4j [seconds]
 * </pre>
 */
public final class LiveMicrophone {

  static final int RATE = 22050;
  static final int WINDOW = 3 * RATE;
  static final int HOP = RATE;

  private LiveMicrophone() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: LiveMicrophone MODEL_FILE [SECONDS]");
      System.exit(2);
    }
    EmotionRecognizer recognizer = EmotionRecognizer.load(Paths.get(args[0]));
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    run(recognizer, seconds, System.out);
  }

  /** Listens for {@code seconds} seconds; returns the number of windows classified (0 without a device). */
  static int run(EmotionRecognizer recognizer, int seconds, PrintStream out) {
    AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
    DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
    if (!AudioSystem.isLineSupported(info)) {
      out.println("No microphone (no audio input line supports 22050 Hz mono 16-bit here); nothing to do.");
      return 0;
    }
    try (TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info)) {
      line.open(format);
      line.start();
      return listen(line, recognizer, seconds, out);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      out.println("The microphone cannot be opened (" + e.getMessage() + "); nothing to do.");
      return 0;
    }
  }

  /** Sliding windows over 16-bit little-endian mono samples read from {@code line}. */
  static int listen(TargetDataLine line, EmotionRecognizer recognizer, int seconds, PrintStream out) {
    float[] ring = new float[WINDOW];
    byte[] buf = new byte[HOP * 2];
    int filled = 0;
    int windows = 0;
    for (int s = 0; s < seconds; s++) {
      int n = 0;
      while (n < buf.length) {
        int r = line.read(buf, n, buf.length - n);
        if (r <= 0) {
          return windows;
        }
        n += r;
      }
      System.arraycopy(ring, HOP, ring, 0, WINDOW - HOP);
      for (int i = 0; i < HOP; i++) {
        ring[WINDOW - HOP + i] = (short) ((buf[2 * i] & 0xff) | (buf[2 * i + 1] << 8)) / 32768f;
      }
      filled = Math.min(WINDOW, filled + HOP);
      if (filled == WINDOW) {
        Prediction p = recognizer.predict(AudioClip.ofMono(RATE, ring));
        out.printf(Locale.ROOT, "%3d s: %-18s %.2f%n", s + 1, p.topLabel(), p.topProbability());
        windows++;
      }
    }
    return windows;
  }
}
