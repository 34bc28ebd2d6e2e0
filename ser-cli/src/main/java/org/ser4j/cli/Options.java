package org.ser4j.cli;

import org.ser4j.data.CorpusFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option parsing shared by the commands. */
final class Options {

  private Options() {}

  static CorpusFormat corpusFormat(CommandSpec spec, String name) {
    return CorpusFormat.byId(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown corpus '" + name + "': use one of " + String.join(", ",
            CorpusFormat.available().stream().map(CorpusFormat::id).toList())
            + " (a layout of your own: implement org.ser4j.data.CorpusFormat and register it in"
            + " META-INF/services)"));
  }
}
