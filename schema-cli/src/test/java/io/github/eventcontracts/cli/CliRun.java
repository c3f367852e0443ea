package io.github.eventcontracts.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one in-process CLI run. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = SchemaCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
