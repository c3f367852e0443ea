package io.github.eventcontracts.rules;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.JsonLocations;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A contract's data contract as it lives beside the contract, in the files Confluent's CLI takes
 * ({@code --ruleset}, {@code --metadata}): {@code payments.avsc} has {@code payments.ruleset.json}
 * (a {@code RuleSet}) and {@code payments.metadata.json} (a {@code Metadata}), each optional.
 *
 * @param ruleSetFile the rule-set file as reports name it, or null when there is none
 * @param problems what is wrong with the files (JSON, shape, rules), at their lines; the parts that
 *     read are kept, so one typo does not hide the rest
 */
public record DataContract(Metadata metadata, RuleSet ruleSet, String ruleSetFile, String metadataFile,
    List<Diagnostic> problems) {
  public static final String RULESET_SUFFIX = ".ruleset.json";
  public static final String METADATA_SUFFIX = ".metadata.json";
  /** A data-contract file that does not read, or a rule that would fail: an error at the rule. */
  public static final String RULE_ID = "DATA_CONTRACT";

  public static final DataContract NONE = new DataContract(null, null, null, null, List.of());

  public boolean isEmpty() {
    return metadata == null && ruleSet == null && problems.isEmpty();
  }

  /**
   * The sidecars of {@code schemaFile} ({@code display} is how reports name it), parsed, and every
   * rule checked against {@code contract}.
   */
  public static DataContract beside(Path schemaFile, String display, Contract contract) {
    return beside(schemaFile, display, contract, true);
  }

  /** The sidecars as they are, rules not compiled: what is sent to a registry. */
  public static DataContract read(Path schemaFile, String display) {
    return beside(schemaFile, display, null, false);
  }

  private static DataContract beside(Path schemaFile, String display, Contract contract, boolean checkRules) {
    String name = schemaFile.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    String displayStem = display.substring(0, display.length() - name.length()) + stem;
    Path ruleSetPath = schemaFile.resolveSibling(stem + RULESET_SUFFIX);
    Path metadataPath = schemaFile.resolveSibling(stem + METADATA_SUFFIX);
    List<Diagnostic> problems = new ArrayList<>();
    RuleSet ruleSet = null;
    Metadata metadata = null;
    String ruleSetFile = Files.isRegularFile(ruleSetPath) ? displayStem + RULESET_SUFFIX : null;
    String metadataFile = Files.isRegularFile(metadataPath) ? displayStem + METADATA_SUFFIX : null;
    if (ruleSetFile != null) {
      String text = read(ruleSetPath);
      JsonLocations locations = scan(ruleSetFile, text, problems);
      if (locations != null) {
        try {
          ruleSet = RegistryJson.readRuleSet(JsonLocations.tree(text));
          for (RuleSetChecker.Problem p : checkRules ? RuleSetChecker.check(contract, ruleSet)
              : List.<RuleSetChecker.Problem>of()) {
            problems.add(error(ruleSetFile, locations.find(p.pointer()), p.message()));
          }
        } catch (IllegalArgumentException e) {
          problems.add(error(ruleSetFile, new SourcePosition(1, 1), e.getMessage()
              + "; write Confluent's RuleSet: {\"domainRules\": [...], \"migrationRules\": [...]}"));
        }
      }
    }
    if (metadataFile != null) {
      String text = read(metadataPath);
      if (scan(metadataFile, text, problems) != null) {
        try {
          metadata = RegistryJson.readMetadata(JsonLocations.tree(text));
        } catch (IllegalArgumentException e) {
          problems.add(error(metadataFile, new SourcePosition(1, 1), e.getMessage()
              + "; write Confluent's Metadata: {\"tags\": {...}, \"properties\": {...}}"));
        }
      }
    }
    return new DataContract(metadata, ruleSet, ruleSetFile, metadataFile, List.copyOf(problems));
  }

  private static JsonLocations scan(String file, String text, List<Diagnostic> problems) {
    try {
      return JsonLocations.scan(file, text);
    } catch (ContractException e) {
      problems.addAll(e.diagnostics());
      return null;
    }
  }

  private static Diagnostic error(String file, SourcePosition at, String message) {
    return new Diagnostic(RULE_ID, Severity.ERROR, file, at.line(), at.column(), "", message);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
