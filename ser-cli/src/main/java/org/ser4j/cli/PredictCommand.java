package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser predict}: the emotion of each file. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Classify audio files with a model bundle: one line per file with the top emotion and the"
        + " probability of every emotion (or one JSON object per line with --json).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file classified", "1:some file could not be used, or the model could not be read",
        "2:usage error"})
final class PredictCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model bundle.")
  Path model;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    EmotionRecognizer recognizer;
    try {
      recognizer = EmotionRecognizer.load(model);
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
    int failed = 0;
    for (Path f : files) {
      try {
        Prediction p = recognizer.predict(f);
        out.println(json ? toJson(f, p) : format(f, p));
      } catch (AudioFormatException e) {
        failed++;
        out.println(json ? "{\"file\": " + Reports.jsonString(f.toString()) + ", \"error\": "
            + Reports.jsonString(e.problem()) + "}" : f + ": FAILED: " + e.problem());
      } catch (IOException | IllegalArgumentException e) {
        failed++;
        out.println(json ? "{\"file\": " + Reports.jsonString(f.toString()) + ", \"error\": "
            + Reports.jsonString(String.valueOf(e.getMessage())) + "}" : f + ": FAILED: " + e.getMessage());
      }
    }
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  static String format(Path f, Prediction p) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %s (%.3f) ", f, p.topLabel(),
        p.topProbability()));
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s=%.3f", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }

  static String toJson(Path f, Prediction p) {
    StringBuilder sb = new StringBuilder("{\"file\": ").append(Reports.jsonString(f.toString()))
        .append(", \"emotion\": ").append(Reports.jsonString(p.topLabel()))
        .append(String.format(Locale.ROOT, ", \"probability\": %.6f, \"probabilities\": {", p.topProbability()));
    boolean first = true;
    for (Map.Entry<String, Double> e : p.probabilities().entrySet()) {
      sb.append(first ? "" : ", ").append(Reports.jsonString(e.getKey()))
          .append(String.format(Locale.ROOT, ": %.6f", e.getValue()));
      first = false;
    }
    return sb.append("}}").toString();
  }
}
