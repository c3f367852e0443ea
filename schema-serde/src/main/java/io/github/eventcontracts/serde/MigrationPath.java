package io.github.eventcontracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.SubjectVersion;
import io.github.eventcontracts.rules.JsonataRules;
import io.github.eventcontracts.rules.RuleFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The migration rules between two versions of a subject, as Confluent's deserializers run them on
 * a record's JSON, whatever its format: reading an older record as newer, each newer version's
 * UPGRADE (or UPDOWN) rules in turn; reading a newer record as older, each version's DOWNGRADE
 * rules, last version first.
 */
final class MigrationPath {
  /** One step between two adjacent versions, and the rules it runs (none: plain schema resolution). */
  private record Step(Rule.Mode mode, List<Rule> rules) {}

  private final List<Step> steps;

  private MigrationPath(List<Step> steps) {
    this.steps = steps;
  }

  /** The way from version {@code writerVersion} to {@code target} of {@code subject}. */
  static MigrationPath between(RegistryClient client, String subject, int writerVersion, SubjectVersion target) {
    boolean upgrade = writerVersion < target.version();
    List<SubjectVersion> path = new ArrayList<>();
    for (int v : client.versions(subject)) {
      if (v >= Math.min(writerVersion, target.version()) && v <= Math.max(writerVersion, target.version())) {
        path.add(v == target.version() ? target : client.version(subject, String.valueOf(v)));
      }
    }
    if (!upgrade) {
      Collections.reverse(path);
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 1; i < path.size(); i++) {
      // upgrading runs the newer version's rules; downgrading the rules of the version it leaves
      RegistrySchema owner = upgrade ? path.get(i).schema() : path.get(i - 1).schema();
      List<Rule> rules = new ArrayList<>(owner.ruleSet() == null ? List.of() : owner.ruleSet().migrationRules());
      Rule.Mode mode = upgrade ? Rule.Mode.UPGRADE : Rule.Mode.DOWNGRADE;
      rules.removeIf(r -> r.disabled() || !(r.mode() == mode || r.mode() == Rule.Mode.UPDOWN));
      if (!upgrade) {
        Collections.reverse(rules);
      }
      steps.add(new Step(mode, rules));
    }
    return new MigrationPath(steps);
  }

  /** The writer's version of {@code id} under {@code subject}, for {@link #between}. */
  static int versionOf(RegistryClient client, String subject, int id) {
    return client.subjectVersionsById(id).stream().filter(v -> v.subject().equals(subject))
        .mapToInt(v -> v.version()).max().orElse(-1);
  }

  /** The record's JSON after every rule on the way. */
  JsonNode run(JsonNode json) throws DomainRules.Failed {
    for (Step step : steps) {
      for (Rule rule : step.rules()) {
        if (!"JSONATA".equals(rule.type())) {
          throw new DomainRules.Failed(rule, DomainRules.action(rule.onFailure(), step.mode(), "ERROR"), "Rule failed: "
              + rule.name() + " (no executor for migration rule type " + rule.type() + " here; JSONATA runs here)", null);
        }
        try {
          json = JsonataRules.transform(rule, json);
        } catch (RuleFailure e) {
          throw new DomainRules.Failed(rule, DomainRules.action(rule.onFailure(), step.mode(), "ERROR"), "Rule failed: "
              + rule.name() + ": " + e.getMessage(), e);
        }
      }
    }
    return json;
  }
}
