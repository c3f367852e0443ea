package io.github.eventcontracts.core.lint;

import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;

/**
 * One lint rule: a stable ID, a one-line doc, a default severity, the language it applies to and
 * one small check.
 */
public record LintRule(String id, String doc, Severity defaultSeverity, SchemaType appliesTo, Check check) {

  /** Reports findings for one contract. */
  @FunctionalInterface
  public interface Check {
    void run(Contract contract, Findings findings);
  }

  /** Where a rule reports; positions are resolved by the caller. */
  public interface Findings {
    /** A finding at an Avro JSON pointer. */
    void atPointer(String pointer, String message);

    /** A finding at a protobuf element's line and column. */
    void at(int line, int column, String path, String message);
  }
}
