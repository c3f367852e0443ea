package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What running a version's rules means whatever the format (Avro and Protobuf each walk their own
 * values): which rules run in a mode, the action a failure takes, and which tags a field carries —
 * its inline tags plus the version's {@code metadata.tags} whose path matches the field's full name.
 */
final class DomainRules {
  /** A rule that did not pass, with what to do about it (Confluent's action name: ERROR, NONE, DLQ). */
  static final class Failed extends Exception {
    final Rule rule;
    final String action;

    Failed(Rule rule, String action, String message, Throwable cause) {
      super(message, cause);
      this.rule = rule;
      this.action = action;
    }

    /** A condition that was not true, or a rule that threw, in {@code mode}. */
    static Failed of(Rule rule, Rule.Mode mode, String detail, Throwable cause) {
      return new Failed(rule, action(rule.onFailure(), mode, "ERROR"), "Rule failed: " + rule.name()
          + (detail == null ? "" : ": " + detail), cause);
    }
  }

  private DomainRules() {}

  /** Whether the version has a rule to run in {@code mode}: values without any skip all of this. */
  static boolean any(RegistrySchema target, Rule.Mode mode) {
    return target != null && target.ruleSet() != null && target.ruleSet().domainRules().stream()
        .anyMatch(r -> runs(r, mode));
  }

  /** Whether an enabled rule runs in {@code mode}: a WRITEREAD rule on write and on read. */
  static boolean runs(Rule rule, Rule.Mode mode) {
    return !rule.disabled() && (rule.mode() == mode
        || rule.mode() == Rule.Mode.WRITEREAD && (mode == Rule.Mode.WRITE || mode == Rule.Mode.READ));
  }

  /** Confluent's action for the mode: {@code "DLQ,NONE"} is DLQ on write (or upgrade), NONE on read. */
  static String action(String configured, Rule.Mode mode, String fallback) {
    if (configured == null || configured.isBlank()) {
      return fallback;
    }
    if (configured.contains(",")) {
      String[] pair = configured.split(",");
      return (mode == Rule.Mode.WRITE || mode == Rule.Mode.UPGRADE ? pair[0] : pair[1]).trim();
    }
    return configured.trim();
  }

  /** The version's {@code metadata.tags}, each path compiled once. */
  static Map<Pattern, Set<String>> metadataTags(RegistrySchema version) {
    Map<Pattern, Set<String>> out = new LinkedHashMap<>();
    Metadata metadata = version.metadata();
    if (metadata != null) {
      metadata.tags().forEach((path, names) -> out.put(wildcard(path), Set.copyOf(names)));
    }
    return out;
  }

  /** A field's tags: the schema's own, then those the metadata gives its full name. */
  static Set<String> tagsOf(String fullName, Collection<String> inline, Map<Pattern, Set<String>> metadataTags) {
    Set<String> tags = new LinkedHashSet<>(inline);
    metadataTags.forEach((pattern, names) -> {
      if (pattern.matcher(fullName).matches()) {
        tags.addAll(names);
      }
    });
    return tags;
  }

  /** Whether a field rule applies to a field with these tags: all fields when the rule names none. */
  static boolean tagged(Rule rule, Set<String> fieldTags) {
    return rule.tags().isEmpty() || fieldTags.stream().anyMatch(rule.tags()::contains);
  }

  /** Confluent's wildcard paths: {@code *} any characters but a dot, {@code **} any characters. */
  static Pattern wildcard(String pattern) {
    return io.github.eventcontracts.core.model.FieldTags.wildcard(pattern);
  }
}
