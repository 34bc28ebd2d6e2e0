package org.ser4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ser} command-line app. Exit codes: 0 everything worked, 1 some input could not be used (each one
 * is reported), 2 usage error.
 */
@Command(
    name = "ser",
    mixinStandardHelpOptions = true,
    versionProvider = SerCli.Version.class,
    description = "ser4j: speech emotion recognition on the JVM.",
    subcommands = {InspectCommand.class, ConvertCommand.class, FeaturesCommand.class, CorpusCommand.class,
      SplitCommand.class, TrainCommand.class, CvCommand.class, EvaluateCommand.class, PredictCommand.class,
      ReproduceCommand.class, ImportKerasCommand.class, ServeCommand.class, PretrainCommand.class,
      CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything worked",
      "1:some input could not be used (each one is reported)",
      "2:usage error (unknown option, missing or invalid argument, an output that is an input)"
    })
public final class SerCli implements Runnable {

  /** Some input failed. */
  public static final int EXIT_INPUT_FAILED = 1;

  /** Usage error: unknown option, missing or invalid argument, an output that would replace an input. */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line, for {@link #main} and for tests (set out/err writers on it). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SerCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(SerCli::handleExecutionException);
    cl.setParameterExceptionHandler(SerCli::handleParameterException);
    return cl;
  }

  /** Usage errors: one line with the reason, one with where to look; exit 2. */
  static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + CliFiles.oneLine(String.valueOf(ex.getMessage())));
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    return EXIT_USAGE;
  }

  /**
   * Whatever a command throws ends as one line naming the file and the reason, never a stack trace (set the
   * environment variable {@code SER4J_DEBUG} to see it): files that cannot be read or written and
   * undecodable audio exit 1, anything else too, described as an internal error.
   */
  static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    Throwable t = ex;
    if (t instanceof java.io.UncheckedIOException u && u.getCause() != null) {
      t = u.getCause();
    }
    String message;
    if (t instanceof org.ser4j.audio.AudioFormatException a) {
      message = a.getMessage();
    } else if (t instanceof java.io.IOException io) {
      message = CliFiles.describe(io);
    } else if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
      message = String.valueOf(t.getMessage());
    } else {
      message = "internal error: " + t;
    }
    err.println("error: " + CliFiles.oneLine(message));
    if (System.getenv("SER4J_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return EXIT_INPUT_FAILED;
  }

  /** Runs {@code args} with the given writers and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // the app draws charts into files, never on a screen
    }
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      System.err.println("error: out of memory (" + e.getMessage() + "); give Java more with -Xmx");
      code = EXIT_INPUT_FAILED;
    }
    System.exit(code);
  }

  /** Version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SerCli.class.getPackage().getImplementationVersion();
      return new String[] {"ser4j " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
  }
}
