package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ser4j.audio.LoadOptions;
import org.ser4j.data.FileFeatures;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccConfig;
import org.ser4j.features.MfccExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser features IN... --out PATH}: MFCCs of audio files, as librosa computes them. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Compute MFCCs (librosa.feature.mfcc, librosa's defaults unless given) of audio files or folders"
          + " (recursively), loaded as librosa.load does (mono, resampled to --sr).",
      "--pool none: one matrix per file (rows = frames, columns = coefficients) under --out, mirroring the"
          + " input tree (FILE.wav -> FILE.csv or FILE.npy).",
      "--pool mean: one table at --out with a row per file: the path, then the mean of each coefficient over"
          + " the frames (the seed notebook's feature). With --format npy the matrix goes to --out and the paths,"
          + " one per line in the same order, to --out with '.paths.txt' appended.",
      "Files that cannot be decoded are reported one line each and skipped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file done", "1:some file could not be used", "2:usage error"})
final class FeaturesCommand implements Callable<Integer> {

  enum Format { CSV, NPY }

  enum Pool { MEAN, NONE }

  @Parameters(arity = "1..*", paramLabel = "IN", description = "Audio files or folders.")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output folder (--pool none) or table file (--pool mean).")
  Path out;

  @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|npy",
      description = "csv (full float precision) or npy (numpy.load) (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--sr", defaultValue = "22050", paramLabel = "RATE|native",
      description = "Load at this rate, or 'native' for each file's own (default: ${DEFAULT-VALUE}).")
  String sampleRate;

  @Option(names = "--n-mfcc", defaultValue = "20", paramLabel = "N", description = "Coefficients (default: ${DEFAULT-VALUE}).")
  int nMfcc;

  @Option(names = "--n-fft", defaultValue = "2048", paramLabel = "N", description = "FFT size (default: ${DEFAULT-VALUE}).")
  int nFft;

  @Option(names = "--hop", paramLabel = "N", description = "Hop length (default: n_fft / 4).")
  Integer hop;

  @Option(names = "--n-mels", defaultValue = "128", paramLabel = "N", description = "Mel bands (default: ${DEFAULT-VALUE}).")
  int nMels;

  @Option(names = "--htk", description = "HTK mel scale instead of Slaney's.")
  boolean htk;

  @Option(names = "--deltas", description = "Append first and second deltas (width 9) to each frame.")
  boolean deltas;

  @Option(names = "--pool", defaultValue = "none", paramLabel = "mean|none",
      description = "Pool the frames of each file (default: ${DEFAULT-VALUE}).")
  Pool pool;

  @Spec CommandSpec spec;

  /** Per sample rate (with --sr native each file may have its own): the recipe and its extractor. */
  private final Map<Integer, Recipe> recipes = new ConcurrentHashMap<>();

  private record Recipe(FeatureSpec spec, MfccExtractor extractor) {}

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadOptions load = loadOptions();
    recipe(22050); // validates the MFCC options before any work

    List<Path[]> files = new ArrayList<>(); // {file, root it is relative to}
    int failed = 0;
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> walk = Files.walk(in, FileVisitOption.FOLLOW_LINKS)) { // a linked folder is scanned
          walk.filter(Files::isRegularFile).filter(InspectCommand::hasAudioName).sorted()
              .forEach(f -> files.add(new Path[] {f, in}));
        } catch (IOException | UncheckedIOException e) {
          err.println(in + ": cannot list: " + e.getMessage());
          failed++;
        }
      } else if (Files.isRegularFile(in)) {
        files.add(new Path[] {in, in.toAbsolutePath().getParent()});
      } else {
        err.println(in + ": no such file or folder");
        failed++;
      }
    }

    List<String> pooledNames = new ArrayList<>();
    List<float[]> pooledRows = new ArrayList<>();
    int done = 0;
    List<Path> audio = new ArrayList<>(files.size());
    for (Path[] entry : files) {
      audio.add(entry[0]);
    }
    List<FileFeatures.Outcome> outcomes;
    try (ProgressDisplay bar = ProgressDisplay.create(err, "features")) {
      // load and compute on all cores; outcomes in file order
      outcomes = FileFeatures.compute(audio, load, rate -> recipe(rate).spec(),
          Runtime.getRuntime().availableProcessors(), bar);
    }
    for (int i = 0; i < outcomes.size(); i++) {
      FileFeatures.Outcome o = outcomes.get(i);
      Path file = o.file();
      if (!o.ok()) {
        failed++;
        stdout.println(file + ": FAILED: " + o.problem());
        continue;
      }
      float[][] m = o.features();
      if (pool == Pool.MEAN) {
        pooledNames.add(file.toString());
        pooledRows.add(m[0]);
        done++;
        continue;
      }
      try {
        write(mirror(files.get(i)[1], file), m);
        done++;
      } catch (IOException | IllegalArgumentException e) {
        failed++;
        stdout.println(file + ": FAILED: " + e.getMessage());
      }
    }
    if (pool == Pool.MEAN && !pooledRows.isEmpty()) {
      try {
        float[][] table = pooledRows.toArray(new float[0][]);
        if (format == Format.CSV) {
          MatrixFiles.writeLabelledCsv(out, "path", pooledNames, table);
        } else {
          MatrixFiles.writeNpy(out, table);
          Path paths = out.resolveSibling(out.getFileName() + ".paths.txt");
          MatrixFiles.writeAtomically(paths, tmp -> Files.write(tmp, pooledNames));
        }
      } catch (IOException e) {
        err.println("error: cannot write " + out + ": " + e.getMessage());
        return SerCli.EXIT_INPUT_FAILED;
      }
    }
    stdout.printf(Locale.ROOT, "%d file(s): %d done, %d failed -> %s%n", files.size(), done, failed, out);
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  private LoadOptions loadOptions() {
    LoadOptions.Builder b = LoadOptions.builder();
    if (sampleRate.equalsIgnoreCase("native")) {
      b.nativeSampleRate();
    } else {
      try {
        b.sampleRate(Integer.parseInt(sampleRate));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--sr must be a rate in Hz or 'native', not '" + sampleRate + "'");
      }
    }
    return b.build();
  }

  private Recipe recipe(int rate) {
    return recipes.computeIfAbsent(rate, r -> {
      try {
        MfccConfig.Builder b = MfccConfig.builder(r).nMfcc(nMfcc).nFft(nFft).nMels(nMels)
            .melScale(htk ? MfccConfig.MelScale.HTK : MfccConfig.MelScale.SLANEY);
        if (hop != null) {
          b.hopLength(hop);
        }
        // the clip is already loaded (cut, mono, resampled): the spec's load options only record the rate
        FeatureSpec featureSpec = FeatureSpec.of("cli", LoadOptions.builder().sampleRate(r).build(), b.build(),
            deltas, pool == Pool.MEAN ? FeatureSpec.Pooling.MEAN : FeatureSpec.Pooling.NONE);
        return new Recipe(featureSpec, featureSpec.newExtractor());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    });
  }

  private Path mirror(Path root, Path file) {
    Path rel = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    String name = rel.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    Path parent = rel.getParent();
    String outName = stem + (format == Format.CSV ? ".csv" : ".npy");
    return parent == null ? out.resolve(outName) : out.resolve(parent).resolve(outName);
  }

  private void write(Path target, float[][] m) throws IOException {
    if (format == Format.CSV) {
      MatrixFiles.writeCsv(target, m);
    } else {
      MatrixFiles.writeNpy(target, m);
    }
  }
}
