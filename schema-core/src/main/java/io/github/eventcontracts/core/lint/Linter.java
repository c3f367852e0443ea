package io.github.eventcontracts.core.lint;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the lint rules that apply to a contract and turns their findings into diagnostics. */
public final class Linter {
  private static final List<LintRule> RULES =
      Stream.concat(AvroLintRules.all().stream(), ProtobufLintRules.all().stream()).toList();

  private final LintConfig config;

  public Linter(LintConfig config) {
    for (String id : config.disabled()) {
      requireKnown(id);
    }
    for (String id : config.severities().keySet()) {
      requireKnown(id);
    }
    this.config = config;
  }

  public Linter() {
    this(LintConfig.DEFAULTS);
  }

  /** Every rule, in a stable order. */
  public static List<LintRule> rules() {
    return RULES;
  }

  public List<Diagnostic> lint(Contract contract) {
    List<Diagnostic> out = new ArrayList<>();
    for (LintRule rule : RULES) {
      if (rule.appliesTo() != contract.type() || config.disabled().contains(rule.id())) {
        continue;
      }
      Severity severity = config.severities().getOrDefault(rule.id(), rule.defaultSeverity());
      rule.check().run(contract, new LintRule.Findings() {
        @Override
        public void atPointer(String pointer, String message) {
          SourcePosition at = contract.avro().locations().find(pointer);
          out.add(new Diagnostic(rule.id(), severity, contract.file(), at.line(), at.column(), pointer, message));
        }

        @Override
        public void at(int line, int column, String path, String message) {
          out.add(new Diagnostic(rule.id(), severity, contract.file(), line, column, path, message));
        }
      });
    }
    return out;
  }

  private static void requireKnown(String id) {
    if (RULES.stream().noneMatch(r -> r.id().equals(id))) {
      throw new UserInputException("unknown lint rule '" + id + "'; known rules: "
          + RULES.stream().map(LintRule::id).toList());
    }
  }
}
