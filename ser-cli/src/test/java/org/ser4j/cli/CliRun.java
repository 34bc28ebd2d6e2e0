package org.ser4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the app in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SerCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  String[] outLines() {
    return out.strip().split("\\R");
  }
}
