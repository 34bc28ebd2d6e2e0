package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.LoadOptions;
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
      "Files that cannot be decoded are reported one line each and skipped. Two inputs that would be written"
          + " to the same output (d1/a.wav and d2/a.wav given as files, or a.wav beside a.aiff) and an output"
          + " that is an input are refused as usage errors before any work. Long files are processed block by"
          + " block in constant memory."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file done", "1:some file could not be used, or none was found",
      "2:usage error (including clashing or overwriting outputs)"})
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
        FolderScan scan = FolderScan.of(in);
        scan.files().stream().filter(InspectCommand::hasAudioName).forEach(f -> files.add(new Path[] {f, in}));
        for (String problem : scan.problems()) {
          err.println(problem);
          failed++;
        }
      } else if (Files.isRegularFile(in)) {
        files.add(new Path[] {in, in.toAbsolutePath().getParent()});
      } else {
        err.println(in + (CliFiles.existsNoFollow(in) ? ": not a regular file or folder" : ": not found"));
        failed++;
      }
    }
    checkOutputs(files);
    if (files.isEmpty()) {
      err.println("error: no audio file (*.wav, *.wave, *.aif, *.aiff, *.aifc, *.w64) found in " + inputs + "; nothing written");
      return SerCli.EXIT_INPUT_FAILED;
    }

    List<String> pooledNames = new ArrayList<>();
    List<float[]> pooledRows = new ArrayList<>();
    int done = 0;
    try (ProgressDisplay bar = ProgressDisplay.create(err, "features")) {
      // files are decoded and computed on all cores (each one as memory allows); outcomes in file order
      ExecutorService workers = Executors.newFixedThreadPool(Math.min(files.size(),
          Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "ser-features");
            t.setDaemon(true);
            return t;
          });
      List<Future<float[][]>> futures = new ArrayList<>(files.size());
      for (Path[] entry : files) {
        futures.add(workers.submit(() -> features(entry[0], load)));
      }
      workers.shutdown();
      for (int i = 0; i < files.size(); i++) {
        Path[] entry = files.get(i);
        Path file = entry[0];
        try {
          float[][] m = await(futures.get(i));
          if (pool == Pool.MEAN) {
            pooledNames.add(file.toString());
            pooledRows.add(m[0]);
          } else {
            Path target = mirror(entry[1], file);
            write(target, m);
          }
          done++;
        } catch (AudioFormatException e) {
          failed++;
          stdout.println(file + ": FAILED: " + e.problem());
        } catch (IOException e) {
          failed++;
          stdout.println(file + ": FAILED: " + CliFiles.describe(e));
        } catch (IllegalArgumentException e) {
          failed++;
          stdout.println(file + ": FAILED: " + CliFiles.oneLine(String.valueOf(e.getMessage())));
        }
        bar.progress(done + failed, files.size());
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
        err.println("error: cannot write " + CliFiles.describe(e));
        return SerCli.EXIT_INPUT_FAILED;
      }
    }
    stdout.printf(Locale.ROOT, "%d file(s): %d done, %d failed -> %s%n", files.size(), done, failed, out);
    return failed > 0 ? SerCli.EXIT_INPUT_FAILED : 0;
  }

  /** The value of a finished task, or the exception it threw (an Error is rethrown as it is). */
  private static float[][] await(Future<float[][]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      } else if (c instanceof RuntimeException re) {
        throw re;
      } else if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }

  /**
   * Usage errors before any work: an output that would replace an input, two inputs that would be written to
   * the same output, an output folder that is a file.
   */
  private void checkOutputs(List<Path[]> files) {
    List<Path> all = files.stream().map(e -> e[0]).toList();
    if (pool == Pool.MEAN) {
      CliFiles.checkOutputFile(spec, out, all);
      if (format == Format.NPY) {
        CliFiles.checkOutputFile(spec, out.resolveSibling(out.getFileName() + ".paths.txt"), all);
      }
      return;
    }
    if (CliFiles.existsNoFollow(out) && !Files.isDirectory(out)) {
      throw new ParameterException(spec.commandLine(), "--out " + out
          + ": is not a folder (with --pool none it is the folder the matrices are written to)");
    }
    Map<Object, Path> inputIds = CliFiles.identities(all);
    Map<Object, Path> targets = new HashMap<>();
    for (Path[] entry : files) {
      Path target = mirror(entry[1], entry[0]);
      Path clash = targets.putIfAbsent(CliFiles.identity(target), entry[0]);
      if (clash != null) {
        throw new ParameterException(spec.commandLine(), clash + " and " + entry[0] + " would both be written to "
            + target + ": rename one of them or run them separately");
      }
      CliFiles.refuseInput(spec, target, inputIds);
    }
  }

  /**
   * The features of one file. Files whose loaded audio fits easily in memory are computed in one go (librosa's
   * result exactly); longer ones are decoded, resampled and transformed block by block, so memory does not
   * grow with their length (only the frames are kept; with top_db clamping, see {@link
   * org.ser4j.features.MfccStream} for how a streamed frame may differ in near-silent bands).
   */
  /** Bytes a file's loaded audio may take before it is streamed instead (tests set it to 0). */
  long streamAbove = Long.MAX_VALUE;

  float[][] features(Path file, LoadOptions load) throws IOException {
    org.ser4j.audio.AudioInfo info = org.ser4j.audio.AudioReader.probe(file);
    int rate = load.sampleRate().orElse(info.sampleRate());
    Recipe recipe = recipe(rate);
    long samples = info.frames() * (long) rate / Math.max(1, info.sampleRate()) + 1;
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (samples * 24 + (info.frames() * info.channels() * 4L) < Math.min(free / 2, streamAbove)) {
      AudioClip clip = AudioLoader.load(file, load);
      return recipe.spec().compute(clip, recipe.extractor(), file.toString());
    }
    // the frames themselves are kept (for deltas and the output): refuse a file whose frames cannot fit
    long frameCount = samples / recipe.spec().mfcc().hopLength() + 1;
    long frameBytes = frameCount * (4L * recipe.spec().dimension() + 32) * (deltas ? 2 : 1);
    if (frameBytes > free / 2) {
      throw new IOException(file + ": its " + frameCount + " MFCC frames need about " + (frameBytes >> 20)
          + " MiB, more than the memory left (" + (free >> 20) + " MiB); give Java more with -Xmx or cut it"
          + " into shorter files");
    }
    List<float[]> rows = new ArrayList<>();
    org.ser4j.features.MfccStream mfcc = recipe.extractor().stream((i, f) -> rows.add(f.clone()));
    try (org.ser4j.audio.AudioStream stream = AudioLoader.open(file, load)) {
      float[][] block = new float[1][8192];
      for (int n; (n = stream.read(block, 8192)) >= 0; ) {
        mfcc.push(block[0], 0, n);
      }
    }
    if (mfcc.samplesPushed() < recipe.spec().minimumSamples()) {
      throw new org.ser4j.audio.TooShortAudioException(file.toString(),
          (double) mfcc.samplesPushed() / rate, (double) recipe.spec().minimumSamples() / rate,
          "too short: " + mfcc.samplesPushed() + " samples after the offset of " + load.offset()
              + " s; the features need at least " + recipe.spec().minimumSamples());
    }
    mfcc.flush();
    return recipe.spec().fromMfcc(rows.toArray(new float[0][])); // deltas and pooling as the spec says
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
            deltas, pool == Pool.MEAN ? FeatureSpec.Summary.MEAN : FeatureSpec.Summary.NONE);
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
