package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioBlockReader;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser inspect PATH...}: the format of every audio file, or why it cannot be decoded. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Decode audio files (by content, whatever their names say) and report, one line per file: container,"
          + " encoding, sample rate, channels, bits, duration; or the problem. Repairs the decoder made (a"
          + " truncated data chunk, an unknown length) are reported as warnings.",
      "Folders are searched recursively for *.wav, *.wave, *.aif, *.aiff, *.aifc, *.w64 (following links;"
          + " link loops and dangling links are reported); files named on the"
          + " command line are always inspected. Ends with a summary line."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file decoded", "1:some file could not be decoded, or none was found", "2:usage error"})
final class InspectCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Audio files or folders.")
  List<Path> paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    int missing = 0;
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        FolderScan scan = FolderScan.of(p);
        scan.files().forEach(f -> (hasAudioName(f) ? files : skipped).add(f));
        for (String problem : scan.problems()) {
          out.println(problem);
          missing++;
        }
      } else if (Files.exists(p)) {
        files.add(p);
      } else {
        err.println(p + (CliFiles.existsNoFollow(p) ? ": dangling symbolic link" : ": no such file or folder"));
        missing++;
      }
    }
    int decoded = 0;
    int failed = 0;
    int warned = 0;
    for (Path file : files) {
      try {
        AudioInfo info = decodeAll(file);
        decoded++;
        out.println(describe(file, info));
        List<String> notes = new ArrayList<>(info.warnings());
        info.nameMismatch().ifPresent(notes::add);
        if (!info.warnings().isEmpty()) {
          warned++;
        }
        for (String note : notes) {
          out.println("    warning: " + note);
        }
      } catch (AudioFormatException e) {
        failed++;
        out.println(file + "  FAILED: " + e.problem() + " (" + e.getClass().getSimpleName() + ")");
      } catch (IOException e) {
        failed++;
        out.println(file + "  FAILED: cannot read: " + CliFiles.describe(e));
      }
    }
    StringBuilder summary = new StringBuilder();
    summary.append(files.size()).append(files.size() == 1 ? " file: " : " files: ")
        .append(decoded).append(" decoded");
    if (warned > 0) {
      summary.append(" (").append(warned).append(" with warnings)");
    }
    summary.append(", ").append(failed).append(" failed");
    if (missing > 0) {
      summary.append(", ").append(missing).append(" path(s) not found or not readable");
    }
    if (!skipped.isEmpty()) {
      summary.append("; ").append(skipped.size()).append(" non-audio file(s) skipped by name: ")
          .append(preview(skipped));
    }
    out.println(summary);
    if (files.isEmpty()) {
      err.println("error: no audio file found in " + paths);
      return SerCli.EXIT_INPUT_FAILED;
    }
    return failed > 0 || missing > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  /** Decodes every frame in blocks (constant memory) so that a file reported as decoded really is. */
  private static AudioInfo decodeAll(Path file) throws IOException {
    try (AudioBlockReader reader = AudioReader.open(file)) {
      AudioInfo info = reader.info();
      float[][] block = new float[info.channels()][8192];
      while (reader.read(block, 0, 8192) >= 0) {
        // decode and discard
      }
      return info;
    }
  }

  static String describe(Path file, AudioInfo info) {
    return String.format(Locale.ROOT, "%s  %s  %s  %d Hz  %d ch  %d bit  %.3f s",
        file, info.container().label(), info.encoding().name(), info.sampleRate(), info.channels(), info.bitsPerSample(),
        info.durationSeconds());
  }

  static boolean hasAudioName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".wave") || n.endsWith(".aif") || n.endsWith(".aiff")
        || n.endsWith(".aifc") || n.endsWith(".w64");
  }

  private static String preview(List<Path> paths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(3, paths.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append(paths.get(i));
    }
    if (paths.size() > 3) {
      sb.append(", ...");
    }
    return sb.toString();
  }
}
