package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.rules.RuleFailure;
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

  /**
   * How one format runs a rule on its values; the order, the modes, the actions and the errors are
   * {@link #run}'s, the same for every format.
   */
  interface Format<T> {
    /** A CEL rule on the whole value: a condition's verdict, or a transform's raw result. */
    Object cel(Rule rule, T value) throws RuleFailure;

    /** A CEL transform's result as a value of the format, or why it cannot be one. */
    T fromCel(Rule rule, T value, Object result) throws RuleFailure;

    /** A CEL_FIELD rule on every field it meets: the value after a transform; null when a condition fails. */
    T fields(Rule rule, T value, Map<Pattern, Set<String>> metadataTags) throws RuleFailure;
  }

  /** Runs the version's rules of {@code mode} on {@code value}, in order; the value to write or return. */
  static <T> T run(RegistrySchema target, Rule.Mode mode, T value, Format<T> format) throws Failed {
    T current = value;
    for (Rule rule : target.ruleSet().domainRules()) {
      if (!runs(rule, mode)) {
        continue;
      }
      try {
        switch (rule.type() == null ? "" : rule.type()) {
          case "CEL" -> {
            Object result = format.cel(rule, current);
            if (rule.kind() == Rule.Kind.CONDITION) {
              if (!Boolean.TRUE.equals(result)) {
                throw Failed.of(rule, mode, null, null);
              }
            } else {
              current = format.fromCel(rule, current, result);
            }
          }
          case "CEL_FIELD" -> {
            T after = format.fields(rule, current, metadataTags(target));
            if (after == null) {
              throw Failed.of(rule, mode, null, null);
            }
            current = after;
          }
          default -> throw Failed.of(rule, mode, "no executor for rule type " + rule.type()
              + " here; CEL and CEL_FIELD run in this serializer", null);
        }
      } catch (RuleFailure e) {
        throw Failed.of(rule, mode, e.getMessage(), e);
      }
    }
    return current;
  }

  /** Compiled tag paths per metadata: a record's rules must not compile them again (bounded: versions in use). */
  private static final Map<Metadata, Map<Pattern, Set<String>>> TAG_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The version's {@code metadata.tags}, each path compiled once per metadata. */
  static Map<Pattern, Set<String>> metadataTags(RegistrySchema version) {
    Metadata metadata = version.metadata();
    if (metadata == null || metadata.tags().isEmpty()) {
      return Map.of();
    }
    if (TAG_PATTERNS.size() > 1024) {
      TAG_PATTERNS.clear();
    }
    return TAG_PATTERNS.computeIfAbsent(metadata, m -> {
      Map<Pattern, Set<String>> out = new LinkedHashMap<>();
      m.tags().forEach((path, names) -> out.put(wildcard(path), Set.copyOf(names)));
      return java.util.Collections.unmodifiableMap(out);
    });
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
