package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed in a data contract between the baseline and now, in the words a reviewer needs: a
 * rule added, removed or changed (and how), a metadata property or tag set changed. A changed
 * property such as {@code major_version} is how a breaking change starts a new compatibility group.
 */
final class DataContractChanges {
  private DataContractChanges() {}

  /**
   * @param group the subject's compatibility group property ({@code major_version}), or null: its
   *     change is named as what it is, a new major version checked only against its own group
   */
  static List<String> between(Metadata oldMetadata, RuleSet oldRules, Metadata newMetadata, RuleSet newRules,
      String group) {
    List<String> out = new ArrayList<>();
    Map<String, Rule> before = byName(oldRules);
    Map<String, Rule> after = byName(newRules);
    for (Map.Entry<String, Rule> e : after.entrySet()) {
      Rule old = before.get(e.getKey());
      Rule now = e.getValue();
      if (old == null) {
        out.add("rule " + now.name() + " added: " + describe(now));
      } else if (!old.equals(now)) {
        out.add("rule " + now.name() + " changed: " + difference(old, now));
      }
    }
    before.keySet().stream().filter(name -> !after.containsKey(name))
        .forEach(name -> out.add("rule " + name + " removed (was " + describe(before.get(name)) + ")"));
    Map<String, String> oldProperties = oldMetadata == null ? Map.of() : oldMetadata.properties();
    Map<String, String> newProperties = newMetadata == null ? Map.of() : newMetadata.properties();
    for (String key : new TreeSet<>(union(oldProperties.keySet(), newProperties.keySet()))) {
      String was = oldProperties.get(key);
      String is = newProperties.get(key);
      if (Objects.equals(was, is)) {
        continue;
      }
      String change = (was == null ? "(none)" : code(was)) + " -> " + (is == null ? "(none)" : code(is));
      if (key.equals(group) && was != null) {
        out.add("new major version: compatibilityGroup " + key + " " + change + "; checked only against versions "
            + "with " + key + " " + (is == null ? "unset" : code(is)) + "; migration rules carry records "
            + "between the groups");
      } else {
        out.add("metadata property " + key + ": " + change);
      }
    }
    Map<String, ? extends java.util.Set<String>> oldTags = oldMetadata == null ? Map.of() : oldMetadata.tags();
    Map<String, ? extends java.util.Set<String>> newTags = newMetadata == null ? Map.of() : newMetadata.tags();
    for (String path : new TreeSet<>(union(oldTags.keySet(), newTags.keySet()))) {
      if (!Objects.equals(oldTags.get(path), newTags.get(path))) {
        out.add("tags of " + path + ": " + (oldTags.get(path) == null ? "(none)" : oldTags.get(path)) + " -> "
            + (newTags.get(path) == null ? "(none)" : newTags.get(path)));
      }
    }
    return out;
  }

  /** A value as code, so a review shows expressions as written. */
  private static String code(Object value) {
    return "`" + String.valueOf(value).replace("`", "'") + "`";
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private static Map<String, Rule> byName(RuleSet rules) {
    Map<String, Rule> out = new LinkedHashMap<>();
    if (rules != null) {
      rules.all().forEach(r -> out.put(r.name(), r));
    }
    return out;
  }

  private static String describe(Rule rule) {
    return rule.kind() + " " + rule.type() + " on " + rule.mode() + (rule.expr() == null ? "" : " " + code(rule.expr()))
        + (rule.onFailure() == null ? "" : ", on failure " + rule.onFailure()) + (rule.disabled() ? ", disabled" : "");
  }

  private static String difference(Rule old, Rule now) {
    List<String> parts = new ArrayList<>();
    compare(parts, "expr", old.expr(), now.expr());
    compare(parts, "kind", old.kind(), now.kind());
    compare(parts, "mode", old.mode(), now.mode());
    compare(parts, "type", old.type(), now.type());
    compare(parts, "onSuccess", old.onSuccess(), now.onSuccess());
    compare(parts, "onFailure", old.onFailure(), now.onFailure());
    compare(parts, "tags", old.tags(), now.tags());
    compare(parts, "params", old.params(), now.params());
    compare(parts, "disabled", old.disabled(), now.disabled());
    compare(parts, "doc", old.doc(), now.doc());
    return String.join("; ", parts);
  }

  private static void compare(List<String> parts, String what, Object old, Object now) {
    if (!Objects.equals(old, now)) {
      parts.add(what + " " + code(old) + " -> " + code(now));
    }
  }
}
