package org.ser4j.spark;

import static org.apache.spark.sql.functions.col;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ser4j.features.FeatureSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job: features (and, with {@code --model}, emotions) of every audio file under {@code --in},
 * written as Parquet to {@code --out}, one row per file (see {@link SerColumns}).
 *
 * <pre>
 * spark-submit --class org.ser4j.spark.SerSparkJob ser-spark-VERSION-job.jar \
 *     --in hdfs:///corpora/tess --out hdfs:///out/tess [--model model.ser4j] [--corpus tess] [--features stats]
 * </pre>
 *
 * <p>Exit codes: 0 the output was written (files that could not be used are rows with an {@code error},
 * counted in the summary); 1 the job could not run (no input there, no audio files in it, output exists
 * without {@code --overwrite}, an unusable model); 2 usage error. This is an application entry point: it prints a
 * summary line to standard output; the library classes only log.
 */
@Command(name = "ser-spark", mixinStandardHelpOptions = true, versionProvider = SerSparkJob.Version.class,
    description = "Features (and emotions, with --model) of every audio file under --in, as Parquet in --out.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written (unusable files are rows with an error)", "1:the job could not run (or found no audio files)",
        "2:usage error"})
public final class SerSparkJob implements Callable<Integer> {
  @Option(names = "--in", required = true, paramLabel = "DIR",
      description = "A folder (read recursively), file or glob on any file system Spark reads.")
  String in;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The Parquet output folder.")
  String out;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "A model bundle (.ser4j) on the driver's file system: classify too, with its own recipe.")
  Path model;

  @Option(names = "--corpus", paramLabel = "C",
      description = "Label rows by this corpus's file names: tess, ravdess, crema-d, savee, emodb.")
  String corpus;

  @Option(names = "--features", paramLabel = "PRESET", defaultValue = "stats",
      description = "The feature recipe without --model: stats (default), notebook, framewise.")
  String features;

  @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "128",
      description = "Files larger than this are error rows, never read (default 128).")
  int maxFileMb;

  @Option(names = "--overwrite", description = "Replace --out if it exists.")
  boolean overwrite;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec commandSpec;

  /**
   * Runs the job (under {@code spark-submit}, which sets the master and the class path).
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the job and returns its exit code instead of exiting (for tests and embedding).
   *
   * @param args the options
   * @return 0 written, 1 could not run, 2 usage error
   */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new SerSparkJob());
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      c.getErr().println("ser-spark: " + ex.getMessage());
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = commandSpec.commandLine().getOut();
    AudioReadOptions options;
    FeatureSpec spec;
    try {
      options = AudioReadOptions.builder().corpus(corpus).maxFileBytes((long) maxFileMb << 20).build();
      spec = FeatureSpec.preset(features);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage(), e);
    }
    if (model != null && commandSpec.commandLine().getParseResult().hasMatchedOption("--features")) {
      throw new CommandLine.ParameterException(commandSpec.commandLine(),
          "--features and --model: a model reads the recipe it was trained with");
    }
    SparkSession spark = SparkSession.builder().appName("ser4j " + (model == null ? "features" : "classify"))
        .getOrCreate();
    try {
      Dataset<Row> rows = model == null
          ? SparkFeatures.extract(spark, in, spec, options)
          : SparkRecognizer.classify(spark, in, model, options);
      long start = System.nanoTime();
      rows.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(out);
      double seconds = (System.nanoTime() - start) / 1e9;
      Dataset<Row> written = spark.read().parquet(out);
      long total = written.count();
      List<Row> errors = written.filter(col(SerColumns.ERROR).isNotNull()).select(SerColumns.ERROR).limit(20)
          .collectAsList();
      long errorCount = written.filter(col(SerColumns.ERROR).isNotNull()).count();
      if (total == 0) {
        commandSpec.commandLine().getErr().println("ser-spark: no audio files (names ending in wav, wave, aif,"
            + " aiff, aifc or w64) under " + in + "; wrote an empty " + out);
        return 1;
      }
      stdout.printf(Locale.ROOT, "ser-spark: %d files, %d %s, %d could not be used; wrote %s in %.1f s "
              + "(%.0f files/s)%n", total, total - errorCount, model == null ? "featurised" : "classified",
          errorCount, out, seconds, total / Math.max(seconds, 1e-9));
      for (Row r : errors) {
        stdout.println("  " + r.getString(0));
      }
      if (errorCount > errors.size()) {
        stdout.println("  ... and " + (errorCount - errors.size()) + " more (the error column of the output)");
      }
      stdout.flush();
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SerSparkJob.class.getPackage().getImplementationVersion();
      return new String[] {"ser-spark " + (v == null ? "(development build)" : v)};
    }
  }
}
