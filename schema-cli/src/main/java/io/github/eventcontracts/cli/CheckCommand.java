package io.github.eventcontracts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.BaselineChecker;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.ContractCheck;
import io.github.eventcontracts.core.project.ContractDirectory;
import io.github.eventcontracts.core.project.ContractSet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks every contract of a folder against a baseline folder (files matched by relative path).")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--against", required = true, description = "The baseline schemas folder (e.g. main's).")
  Path baseline;

  @Option(names = "--level", defaultValue = "BACKWARD", converter = LevelConverter.class,
      description = "Compatibility level (default: ${DEFAULT-VALUE}).")
  CompatibilityLevel level;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "0", description = "The schemas folder to check.")
  Path schemas;

  @Override
  public Integer call() {
    ContractSet before = ContractDirectory.load(baseline, baseline.toString(), false, List.of());
    ContractSet after = ContractDirectory.load(schemas, schemas.toString(), true, List.of());
    List<ContractCheck> checks = new BaselineChecker().check(before, after, level);
    boolean compatible = checks.stream().allMatch(ContractCheck::compatible);
    var out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.put("compatible", compatible);
      root.put("level", level.name());
      ArrayNode contracts = root.putArray("contracts");
      for (ContractCheck check : checks) {
        ObjectNode node = check.result() == null ? Json.MAPPER.createObjectNode() : Json.result(check.result());
        node.put("file", check.file());
        node.put("status", check.status().name());
        node.put("compatible", check.compatible());
        contracts.add(node);
      }
      out.println(Json.write(root));
    } else {
      for (ContractCheck check : checks) {
        if (check.result() != null) {
          check.result().diagnostics().forEach(d -> out.println(d.format()));
        }
      }
      for (ContractCheck check : checks) {
        out.println(String.format("%-13s %s%s", label(check), check.file(), detail(check)));
      }
      long incompatible = checks.stream().filter(c -> !c.compatible()).count();
      out.println("check: " + checks.size() + " contract(s), " + incompatible + " incompatible, "
          + count(checks, ChangeStatus.CHANGED) + " changed, " + count(checks, ChangeStatus.NEW) + " new, "
          + count(checks, ChangeStatus.REMOVED) + " removed, under " + level);
    }
    return compatible ? SchemaCli.OK : SchemaCli.INCOMPATIBLE;
  }

  private static String label(ContractCheck check) {
    if (check.status() == ChangeStatus.CHANGED) {
      return check.compatible() ? "COMPATIBLE" : "INCOMPATIBLE";
    }
    return check.status().name();
  }

  private static String detail(ContractCheck check) {
    if (check.result() == null) {
      return "";
    }
    return " (" + check.result().incompatibilities().size() + " breaking of " + check.result().differences().size()
        + " difference(s))";
  }

  private static long count(List<ContractCheck> checks, ChangeStatus status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }
}
