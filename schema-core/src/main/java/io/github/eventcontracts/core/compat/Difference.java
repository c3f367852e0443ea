package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import java.util.Objects;

/**
 * One typed difference between two schemas, where it is and what it means.
 *
 * @param type what changed
 * @param path where in the schema: {@code #/Message/3} for Protobuf, Avro's {@code /fields/1/type}
 * @param message a sentence naming the element and the change
 * @param file the file the position refers to (the new file where the element exists there)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Difference(DifferenceType type, String path, String message, String file, int line, int column) {
  public Difference {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
  }

  public boolean compatible() {
    return type.compatible();
  }

  /** As a diagnostic: an error when it breaks readers, info when it does not. */
  public Diagnostic toDiagnostic(CompatibilityLevel level) {
    String verdict = compatible() ? "compatible" : "incompatible";
    return new Diagnostic(type.id(), compatible() ? Severity.INFO : Severity.ERROR, file, line, column, path,
        message + " (" + verdict + " under " + level + ")");
  }
}
