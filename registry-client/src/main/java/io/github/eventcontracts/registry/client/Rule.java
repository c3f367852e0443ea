package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One rule of a data contract, as Confluent's {@code Rule} entity. A CONDITION checks a record
 * (e.g. CEL {@code message.amount > 0.0}), a TRANSFORM changes it (CEL_FIELD masking every field
 * tagged PII, a JSONata migration between major versions). {@code onSuccess}/{@code onFailure} name
 * actions ({@code NONE}, {@code ERROR}, {@code DLQ}); for WRITEREAD and UPDOWN a pair such as
 * {@code "DLQ,NONE"} gives the write (up) and the read (down) action.
 *
 * @param kind CONDITION or TRANSFORM (Confluent's default: TRANSFORM)
 * @param mode WRITE, READ, WRITEREAD (default), UPGRADE, DOWNGRADE or UPDOWN
 * @param type the executor: {@code CEL}, {@code CEL_FIELD}, {@code JSONATA}, ...
 * @param tags for field rules: the tags of the fields it applies to
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rule(String name, String doc, Kind kind, Mode mode, String type, SortedSet<String> tags,
    SortedMap<String, String> params, String expr, String onSuccess, String onFailure, boolean disabled) {
  /** Longest rule name Confluent accepts. */
  public static final int NAME_MAX_LENGTH = 256;

  public enum Kind { TRANSFORM, CONDITION }

  public enum Mode {
    UPGRADE, DOWNGRADE, UPDOWN, WRITE, READ, WRITEREAD;

    public boolean migration() {
      return this == UPGRADE || this == DOWNGRADE || this == UPDOWN;
    }
  }

  public Rule {
    kind = kind == null ? Kind.TRANSFORM : kind;
    mode = mode == null ? Mode.WRITEREAD : mode;
    tags = tags == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(tags));
    params = params == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  public Rule(String name, Kind kind, Mode mode, String type, Set<String> tags, Map<String, String> params,
      String expr, String onSuccess, String onFailure) {
    this(name, null, kind, mode, type, tags == null ? null : new TreeSet<>(tags),
        params == null ? null : new TreeMap<>(params), expr, onSuccess, onFailure, false);
  }

  /** What is wrong with this rule as Confluent's registry checks it ({@code Rule.validate}), or null. */
  public String problem() {
    if (name == null) {
      return "Missing rule name";
    }
    if (name.isEmpty()) {
      return "Empty rule name";
    }
    if (name.length() > NAME_MAX_LENGTH) {
      return "Rule name too long";
    }
    if (!(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
      return "Illegal initial character in rule name: " + name;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        return "Illegal character in rule name: " + name;
      }
    }
    if (type == null) {
      return "Missing rule type";
    }
    boolean pairs = mode == Mode.WRITEREAD || mode == Mode.UPDOWN;
    if (!pairs && (onSuccess != null && onSuccess.contains(",") || onFailure != null && onFailure.contains(","))) {
      return "Multiple actions only valid with WRITEREAD and UPDOWN";
    }
    return null;
  }
}
