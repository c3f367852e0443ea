package io.github.eventcontracts.rules;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.JsonLocations;
import io.github.eventcontracts.core.project.ContractSettings;
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
 * (a {@code RuleSet}) and {@code payments.metadata.json} (a {@code Metadata}), each optional; or
 * in the files its {@code <contract>} entry (or {@code .properties} sidecar) names as
 * {@code ruleSet} and {@code metadata}.
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
   * Where a contract's data contract lives: each file beside the contract ({@code payments.ruleset.json},
   * {@code payments.metadata.json}) unless the contract's settings name another, relative to the
   * schemas folder.
   *
   * @param display how reports name each file
   * @param configured whether the file was named in the settings (so a missing one is an error)
   */
  public record Location(Path ruleSet, String ruleSetDisplay, boolean ruleSetConfigured, Path metadata,
      String metadataDisplay, boolean metadataConfigured) {
    /**
     * @param schemaDirectory the schemas folder the contract's {@code path} and the settings' paths are in
     * @param path the contract's path in it
     * @param display how reports name the contract's file (the display of {@code path})
     */
    public static Location of(Path schemaDirectory, String path, String display, ContractSettings settings) {
      String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
      String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
      String folder = path.substring(0, path.length() - name.length());
      String displayRoot = display.endsWith(path) ? display.substring(0, display.length() - path.length()) : "";
      String ruleSet = settings.ruleSet() != null ? settings.ruleSet() : folder + stem + RULESET_SUFFIX;
      String metadata = settings.metadata() != null ? settings.metadata() : folder + stem + METADATA_SUFFIX;
      return new Location(schemaDirectory.resolve(ruleSet), displayRoot + ruleSet, settings.ruleSet() != null,
          schemaDirectory.resolve(metadata), displayRoot + metadata, settings.metadata() != null);
    }
  }

  /**
   * The sidecars of {@code schemaFile} ({@code display} is how reports name it), parsed, and every
   * rule checked against {@code contract}.
   */
  public static DataContract beside(Path schemaFile, String display, Contract contract) {
    return at(sidecars(schemaFile, display), contract, true);
  }

  /** The sidecars as they are, rules not compiled: what is sent to a registry. */
  public static DataContract read(Path schemaFile, String display) {
    return at(sidecars(schemaFile, display), null, false);
  }

  /** The data contract at {@code location}, parsed, and every rule checked against {@code contract}. */
  public static DataContract checked(Location location, Contract contract) {
    return at(location, contract, true);
  }

  /** The data contract at {@code location} as it is, rules not compiled: what is sent to a registry. */
  public static DataContract read(Location location) {
    return at(location, null, false);
  }

  private static Location sidecars(Path schemaFile, String display) {
    String name = schemaFile.getFileName().toString();
    String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    String displayStem = display.substring(0, display.length() - name.length()) + stem;
    return new Location(schemaFile.resolveSibling(stem + RULESET_SUFFIX), displayStem + RULESET_SUFFIX, false,
        schemaFile.resolveSibling(stem + METADATA_SUFFIX), displayStem + METADATA_SUFFIX, false);
  }

  private static DataContract at(Location location, Contract contract, boolean checkRules) {
    List<Diagnostic> problems = new ArrayList<>();
    RuleSet ruleSet = null;
    Metadata metadata = null;
    String ruleSetFile = Files.isRegularFile(location.ruleSet()) ? location.ruleSetDisplay() : null;
    String metadataFile = Files.isRegularFile(location.metadata()) ? location.metadataDisplay() : null;
    if (ruleSetFile == null && location.ruleSetConfigured()) {
      problems.add(notThere(location.ruleSetDisplay(), "ruleSet"));
    }
    if (metadataFile == null && location.metadataConfigured()) {
      problems.add(notThere(location.metadataDisplay(), "metadata"));
    }
    if (ruleSetFile != null) {
      String text = read(location.ruleSet());
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
      String text = read(location.metadata());
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

  private static Diagnostic notThere(String display, String setting) {
    return error(display, new SourcePosition(0, 0), "the contract's <" + setting + "> names this file, which does "
        + "not exist; give a path relative to the schemas folder");
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
