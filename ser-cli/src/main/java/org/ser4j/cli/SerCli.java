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
      SplitCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReproduceCommand.class,
      ImportKerasCommand.class,
      CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything worked",
      "1:some input could not be used (each one is reported)",
      "2:usage error (unknown option, missing argument)"
    })
public final class SerCli implements Runnable {

  /** Some input failed. */
  public static final int EXIT_INPUT_FAILED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line, for {@link #main} and for tests (set out/err writers on it). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SerCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
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
    System.exit(commandLine().execute(args));
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
