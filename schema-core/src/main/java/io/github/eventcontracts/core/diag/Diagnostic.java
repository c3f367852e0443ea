package io.github.eventcontracts.core.diag;

import java.util.Objects;

/**
 * The one finding type of the whole project: parse errors, lint findings and compatibility
 * differences all become diagnostics, so every report format renders the same thing.
 *
 * @param ruleId a stable identifier (a lint rule, a difference type, a parse error kind)
 * @param severity how much it matters
 * @param file the file the finding is in, as the user knows it
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param path the location inside the schema (e.g. {@code #/Order/3} or {@code /fields/1}), or empty
 * @param message what is wrong and, where we can tell, what to do
 */
public record Diagnostic(
    String ruleId, Severity severity, String file, int line, int column, String path, String message) {

  public Diagnostic {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
  }

  /** The files of {@code diagnostics}, each once, comma-separated: what a build failure names. */
  public static String files(java.util.List<Diagnostic> diagnostics) {
    return String.join(", ", diagnostics.stream().map(Diagnostic::file).distinct().toList());
  }

  /** {@code file:line:col}, leaving out what is unknown. */
  public String position() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    return out.toString();
  }

  /** The compiler-like one-line form: {@code file:line:col RULE_ID [path] message}. */
  public String format() {
    StringBuilder out = new StringBuilder(position()).append(' ').append(ruleId).append(' ');
    if (!path.isEmpty()) {
      out.append(path).append(' ');
    }
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
