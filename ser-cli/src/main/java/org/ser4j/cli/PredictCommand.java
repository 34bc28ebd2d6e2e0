package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.LoadOptions;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;
import org.ser4j.runtime.QualityNote;
import org.ser4j.runtime.StreamingRecognizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ser predict}: the emotion of each file; long files (or any file with {@code --window}) in sliding
 * windows, decoded block by block so memory stays constant in the file's length.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Classify audio files with a model bundle (without --model: the pretrained model, named on the"
        + " first line): one line per file with the top emotion and the"
        + " probability of every emotion (or one JSON object per line with --json). A file longer than four"
        + " windows, or any file when --window is given, is classified in sliding windows:"
        + " one line per window, then the overall result (the mean of the windows' probabilities, silent"
        + " windows left out). Quality problems (repaired file, silence, clipping, shorter than the model's"
        + " window) are shown after the probabilities.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file classified", "1:some file could not be used, or the model could not be read",
        "2:usage error"})
final class PredictCommand implements Callable<Integer> {

  /** Files longer than this many windows are classified in windows even without --window. */
  static final int LONG_FILE_WINDOWS = 4;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The model bundle (default: the pretrained model of org.ser4j:ser-pretrained, trained on"
          + " CREMA-D's 75 training actors).")
  Path model;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @Option(names = "--window", paramLabel = "SECONDS",
      description = "Classify in sliding windows of this length (default for long files: 3, or what the"
          + " model's recipe reads: 3.5 for the notebook preset).")
  Double window;

  @Option(names = "--hop", paramLabel = "SECONDS",
      description = "Time between window starts (default: half the window).")
  Double hop;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (window != null && !(window > 0 && window <= 3600) || hop != null && !(hop > 0 && hop <= 3600)) {
      throw new ParameterException(spec.commandLine(), "--window and --hop must be in (0, 3600] seconds; got "
          + window + ", " + hop);
    }
    EmotionRecognizer recognizer;
    double windowSeconds;
    double hopSeconds;
    try {
      Models.Loaded loaded = Models.load(model);
      recognizer = loaded.recognizer();
      if (loaded.pretrained()) {
        // JSON output stays one object per file: the note goes to stderr there
        (json ? spec.commandLine().getErr() : out).println("model: " + loaded.description());
      }
      windowSeconds = window != null ? window : StreamingRecognizer.defaultWindow(recognizer).toNanos() * 1e-9;
      hopSeconds = hop != null ? hop : windowSeconds / 2;
      if (hopSeconds > windowSeconds) {
        throw new ParameterException(spec.commandLine(), "--hop " + hopSeconds + " must not exceed the window ("
            + windowSeconds + " s)");
      }
      if (window != null && windowSeconds < recognizer.minimumDuration().toNanos() * 1e-9) {
        throw new ParameterException(spec.commandLine(), "--window " + windowSeconds + " is shorter than the model"
            + " needs (" + recognizer.minimumDuration().toMillis() / 1000.0 + " s)");
      }
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (org.ser4j.runtime.PretrainedModelUnavailableException e) {
      spec.commandLine().getErr().println("error: no --model given and " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("error: " + model + ": " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
    int failed = 0;
    for (Path f : files) {
      try {
        AudioInfo info = AudioReader.probe(f);
        if (window != null || info.durationSeconds() > LONG_FILE_WINDOWS * windowSeconds) {
          windowed(recognizer, f, windowSeconds, hopSeconds, out);
        } else {
          Prediction p = recognizer.predict(f);
          out.println(json ? toJson(f, p, "") : format(f.toString(), p));
        }
      } catch (AudioFormatException e) {
        failed++;
        out.println(json ? "{\"file\": " + Reports.jsonString(f.toString()) + ", \"error\": "
            + Reports.jsonString(e.problem()) + "}" : f + ": FAILED: " + e.problem());
      } catch (IOException | RuntimeException e) {
        failed++;
        String reason = reason(f, e);
        out.println(json ? "{\"file\": " + Reports.jsonString(f.toString()) + ", \"error\": "
            + Reports.jsonString(reason) + "}" : f + ": FAILED: " + reason);
      }
      out.flush();
    }
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  /** Why {@code f} could not be classified, without repeating its name when the message starts with it. */
  static String reason(Path f, Exception e) {
    if (e instanceof java.nio.file.FileSystemException fse && f.toString().equals(fse.getFile())) {
      return org.ser4j.audio.OutputFiles.reason(fse);
    }
    String m = e instanceof IOException io ? CliFiles.describe(io) : CliFiles.oneLine(String.valueOf(e.getMessage()));
    String prefix = f + ": ";
    String rest = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    // an operating system's phrase ("Is a directory") in the same words as everywhere else
    return e instanceof IOException ? org.ser4j.audio.OutputFiles.reason(new IOException(rest)) : rest;
  }

  /** Decodes {@code f} block by block through a {@link StreamingRecognizer}: constant memory. */
  private void windowed(EmotionRecognizer recognizer, Path f, double windowSeconds, double hopSeconds,
      PrintWriter out) throws IOException {
    // decoded and downmixed block by block at the file's own rate; the recognizer resamples as its recipe says
    try (AudioStream reader = AudioLoader.open(f, LoadOptions.builder().nativeSampleRate().build())) {
      AudioInfo info = reader.info();
      double[] sum = new double[recognizer.labels().size()];
      double[] silentSum = new double[sum.length];
      int[] counts = new int[2];
      StreamingRecognizer stream = StreamingRecognizer.builder(recognizer, info.sampleRate())
          .window(Duration.ofNanos(Math.round(windowSeconds * 1e9)))
          .hop(Duration.ofNanos(Math.round(hopSeconds * 1e9)))
          .name(f.toString())
          .listener(w -> {
            Prediction p = w.prediction();
            String at = String.format(Locale.ROOT, "%.2f-%.2f s", w.startSeconds(), w.endSeconds());
            out.println(json ? toJson(f, p, String.format(Locale.ROOT, ", \"start\": %.3f, \"end\": %.3f",
                w.startSeconds(), w.endSeconds())) : format(f + " [" + at + "]", p));
            double[] probs = p.toArray();
            double[] into = p.isSilent() ? silentSum : sum;
            for (int k = 0; k < probs.length; k++) {
              into[k] += probs[k];
            }
            counts[p.isSilent() ? 1 : 0]++;
          })
          .build();
      float[][] block = new float[1][8192];
      for (int n; (n = reader.read(block, 8192)) >= 0; ) {
        stream.push(block[0], 0, n);
      }
      stream.finish();
      int voiced = counts[0];
      int total = counts[0] + counts[1];
      if (total == 0) {
        double min = recognizer.minimumDuration().toNanos() * 1e-9;
        throw new org.ser4j.audio.TooShortAudioException(f.toString(), info.durationSeconds(), min,
            String.format(Locale.ROOT, "too short: %.3f s of audio; the model needs at least %.3f s",
                info.durationSeconds(), min));
      }
      double[] mean = voiced > 0 ? sum : silentSum;
      int n = voiced > 0 ? voiced : total;
      for (int k = 0; k < mean.length; k++) {
        mean[k] /= n;
      }
      Prediction overall = Prediction.of(recognizer.labels(), mean);
      String summary = String.format(Locale.ROOT, "%d windows of %.2f s every %.2f s%s", total, windowSeconds,
          hopSeconds, counts[1] > 0 ? ", " + counts[1] + " silent" + (voiced > 0 ? " (left out)" : "") : "");
      List<String> repairs = info.warnings();
      if (json) {
        out.println(toJson(f, overall, ", \"overall\": true, \"windows\": " + total + ", \"silentWindows\": "
            + counts[1] + (repairs.isEmpty() ? "" : ", \"quality\": " + jsonArray(repairs.stream()
                .map(w -> "repaired by the decoder: " + w).toList()))));
      } else {
        out.println(format(f + " [overall]", overall) + "  (" + summary + ")"
            + (repairs.isEmpty() ? "" : "  [quality: repaired by the decoder: " + String.join("; ", repairs) + "]"));
      }
    }
  }

  static String format(String what, Prediction p) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %s (%.3f) ", what, p.topLabel(),
        p.topProbability()));
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s=%.3f", e.getKey(), e.getValue()));
    }
    if (!p.qualityNotes().isEmpty()) {
      sb.append("  [quality: ").append(String.join("; ", p.qualityNotes().stream().map(QualityNote::message)
          .toList())).append(']');
    }
    return sb.toString();
  }

  private static String jsonArray(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(Reports.jsonString(values.get(i)));
    }
    return sb.append(']').toString();
  }

  static String toJson(Path f, Prediction p, String extra) {
    StringBuilder sb = new StringBuilder("{\"file\": ").append(Reports.jsonString(f.toString())).append(extra)
        .append(", \"emotion\": ").append(Reports.jsonString(p.topLabel()))
        .append(String.format(Locale.ROOT, ", \"probability\": %.6f, \"probabilities\": {", p.topProbability()));
    boolean first = true;
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      sb.append(first ? "" : ", ").append(Reports.jsonString(e.getKey()))
          .append(String.format(Locale.ROOT, ": %.6f", e.getValue()));
      first = false;
    }
    sb.append('}');
    if (!p.qualityNotes().isEmpty()) {
      sb.append(", \"quality\": ").append(jsonArray(p.qualityNotes().stream()
          .map(QualityNote::message).toList()));
    }
    return sb.append('}').toString();
  }
}
