package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A schema version's rules, as Confluent's {@code RuleSet} entity: migration rules (between major
 * versions), domain rules (conditions and transforms on every record) and encoding rules.
 *
 * @param enableAt Confluent's execution environment, kept as given (null when absent)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RuleSet(List<Rule> migrationRules, List<Rule> domainRules, List<Rule> encodingRules, String enableAt) {
  public RuleSet {
    migrationRules = migrationRules == null ? List.of() : List.copyOf(migrationRules);
    domainRules = domainRules == null ? List.of() : List.copyOf(domainRules);
    encodingRules = encodingRules == null ? List.of() : List.copyOf(encodingRules);
  }

  public RuleSet(List<Rule> migrationRules, List<Rule> domainRules) {
    this(migrationRules, domainRules, null, null);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return migrationRules.isEmpty() && domainRules.isEmpty() && encodingRules.isEmpty();
  }

  /** Every rule, migration rules first. */
  @JsonIgnore
  public List<Rule> all() {
    List<Rule> out = new ArrayList<>(migrationRules);
    out.addAll(domainRules);
    out.addAll(encodingRules);
    return out;
  }

  /** The first problem Confluent's registry would refuse this rule set for, or null. */
  @JsonIgnore
  public String problem() {
    Set<String> names = new HashSet<>();
    for (Rule rule : all()) {
      if (!names.add(rule.name())) {
        return "Found rule with duplicate name '" + rule.name() + "'";
      }
      String problem = rule.problem();
      if (problem != null) {
        return problem;
      }
      if (migrationRules.contains(rule) && !rule.mode().migration()) {
        return "Migration rules can only be UPGRADE, DOWNGRADE, UPDOWN";
      }
      if (!migrationRules.contains(rule) && rule.mode().migration()) {
        return (domainRules.contains(rule) ? "Domain" : "Encoding") + " rules can only be WRITE, READ, WRITEREAD";
      }
    }
    return null;
  }

  /** Confluent's {@code mergeRuleSets}: a rule of {@code newer} replaces the rule of the same name. */
  public static RuleSet merge(RuleSet older, RuleSet newer) {
    if (older == null) {
      return newer;
    }
    if (newer == null) {
      return older;
    }
    return new RuleSet(merge(older.migrationRules, newer.migrationRules), merge(older.domainRules, newer.domainRules),
        merge(older.encodingRules, newer.encodingRules), newer.enableAt != null ? newer.enableAt : older.enableAt);
  }

  private static List<Rule> merge(List<Rule> older, List<Rule> newer) {
    if (older.isEmpty()) {
      return newer;
    }
    if (newer.isEmpty()) {
      return older;
    }
    Set<String> replaced = new HashSet<>();
    newer.forEach(r -> replaced.add(r.name()));
    List<Rule> out = new ArrayList<>();
    older.stream().filter(r -> !replaced.contains(r.name())).forEach(out::add);
    out.addAll(newer);
    return out;
  }
}
