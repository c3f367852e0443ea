package io.github.eventcontracts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.lint.LintConfig;
import io.github.eventcontracts.core.lint.LintRule;
import io.github.eventcontracts.core.lint.Linter;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.project.ContractDirectory;
import io.github.eventcontracts.core.project.ContractSet;
import io.github.eventcontracts.review.Finding;
import io.github.eventcontracts.review.JsonReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Parses and lints every contract of a folder. Exits 1 when a finding is at or above --fail-on.")
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--disable", split = ",", description = "Rule IDs to switch off.")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--fail-on", defaultValue = "error", description = "info, warning or error (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(names = "--list-rules", description = "Print the rules and exit.")
  boolean listRules;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "0", arity = "0..1", description = "The schemas folder.")
  Path schemas;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (listRules) {
      for (LintRule rule : Linter.rules()) {
        out.println(String.format("%-36s %-8s %-8s %s", rule.id(), rule.appliesTo(), rule.defaultSeverity().label(),
            rule.doc()));
      }
      return SchemaCli.OK;
    }
    if (schemas == null) {
      throw new UserInputException("give the schemas folder to lint");
    }
    Severity threshold = Severity.parse(failOn);
    Linter linter = new Linter(new LintConfig(new LinkedHashSet<>(disabled), Map.of()));
    ContractSet set = ContractDirectory.load(schemas, schemas.toString(), true, List.of());
    List<Diagnostic> findings = new ArrayList<>();
    for (Contract contract : set.byPath().values()) {
      findings.addAll(linter.lint(contract));
    }
    boolean failed = findings.stream().anyMatch(d -> d.severity().compareTo(threshold) >= 0);
    if (format == OutputFormat.json) {
      ObjectNode root = JsonReport.object();
      root.put("contracts", set.size());
      root.put("passed", !failed);
      ArrayNode list = root.putArray("findings");
      findings.forEach(d -> list.add(JsonReport.finding(Finding.of(d))));
      out.println(JsonReport.write(root));
    } else {
      findings.forEach(d -> out.println(d.format() + " [" + d.severity().label() + "]"));
      out.println("lint: " + set.size() + " contract(s), " + count(findings, Severity.ERROR) + " error(s), "
          + count(findings, Severity.WARNING) + " warning(s)");
    }
    return failed ? SchemaCli.INCOMPATIBLE : SchemaCli.OK;
  }

  private static long count(List<Diagnostic> findings, Severity severity) {
    return findings.stream().filter(d -> d.severity() == severity).count();
  }
}
