package io.github.eventcontracts.core.parse;

import io.github.eventcontracts.core.diag.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input: one or more contracts could not be read. Carries diagnostics with file, line and
 * column; tools print those, never the stack trace.
 */
public class ContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public ContractException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")), null, false, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a ContractException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public ContractException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
