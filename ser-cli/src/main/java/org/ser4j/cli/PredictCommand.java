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
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
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
        String reason = reason(f, e);
        out.println(json ? "{\"file\": " + Reports.jsonString(f.toString()) + ", \"error\": "
            + Reports.jsonString(reason) + "}" : f + ": FAILED: " + reason);
      }
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
