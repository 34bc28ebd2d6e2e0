package org.ser4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.StreamingRecognizer;

/**
 * Example: classify a live microphone stream in sliding windows (3 s windows, a result every second,
 * smoothed over the last three windows) with {@code javax.sound} and a {@link StreamingRecognizer}. Where
 * there is no audio input device it says so and exits cleanly (exit code 0).
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.LiveMicrophone model.ser4j [seconds]
 * </pre>
 */
public final class LiveMicrophone {

  static final int RATE = 22050;

  private LiveMicrophone() {}

  /**
   * Runs the example.
   *
   * @param args the model file and, optionally, how many seconds to listen (default 30)
   * @throws IOException if the model cannot be read
   */
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
      return listen(new AudioInputStream(line), RATE, recognizer, seconds, out);
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException | IOException e) {
      out.println("The microphone cannot be opened (" + e.getMessage() + "); nothing to do.");
      return 0;
    }
  }

  /**
   * Classifies 16-bit little-endian mono PCM from {@code in} (a microphone line, a socket) for up to
   * {@code seconds} seconds, printing one line per window; returns the number of windows.
   */
  static int listen(InputStream in, int rate, EmotionRecognizer recognizer, int seconds, PrintStream out)
      throws IOException {
    int[] windows = {0};
    StreamingRecognizer stream = StreamingRecognizer.builder(recognizer, rate)
        .window(Duration.ofSeconds(3)).hop(Duration.ofSeconds(1)).smoothing(3)
        .listener(w -> {
          windows[0]++;
          out.printf(Locale.ROOT, "%5.1f-%5.1f s: %-10s %.2f (smoothed: %s %.2f)%s%n", w.startSeconds(),
              w.endSeconds(), w.prediction().topLabel(), w.prediction().topProbability(),
              w.smoothed().topLabel(), w.smoothed().topProbability(),
              w.prediction().isSilent() ? "  [silence]" : "");
        })
        .build();
    byte[] buf = new byte[rate / 10 * 2]; // 100 ms blocks
    float[] samples = new float[buf.length / 2];
    long wanted = (long) seconds * rate;
    long got = 0;
    while (got < wanted) {
      int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, 2 * (wanted - got)));
      int frames = n / 2;
      if (frames == 0) {
        break;
      }
      for (int i = 0; i < frames; i++) {
        samples[i] = (short) ((buf[2 * i] & 0xff) | (buf[2 * i + 1] << 8)) / 32768f;
      }
      stream.push(samples, 0, frames);
      got += frames;
    }
    return windows[0];
  }
}
