package io.github.eventcontracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.SubjectVersion;
import io.github.eventcontracts.rules.JsonataRules;
import io.github.eventcontracts.rules.RuleFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * A record written under one version read as another, across major versions, as Confluent's
 * deserializers do it: the migration rules of every version on the way run on the record's JSON —
 * reading an older record as newer, each newer version's UPGRADE rules in turn; reading a newer
 * record as older, each version's DOWNGRADE rules, last first — and the result is read with the
 * target version's schema.
 */
final class AvroMigrations {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One step between two adjacent versions, and the rules it runs (none: plain schema resolution). */
  private record Step(Rule.Mode mode, List<Rule> rules) {}

  private final List<Step> steps;
  private final Schema writer;
  private final Schema target;

  private AvroMigrations(List<Step> steps, Schema writer, Schema target) {
    this.steps = steps;
    this.writer = writer;
    this.target = target;
  }

  /** The way from the version {@code writerVersion} to {@code target} of {@code subject}. */
  static AvroMigrations between(RegistryClient client, String subject, int writerVersion, SubjectVersion target,
      Schema writer, Schema targetSchema) {
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
    return new AvroMigrations(steps, writer, targetSchema);
  }

  boolean hasRules() {
    return steps.stream().anyMatch(s -> !s.rules().isEmpty());
  }

  /** The record (as the writer wrote it) migrated and read as the target version. */
  Object migrate(Object record) throws DomainRules.Failed, IOException {
    JsonNode json = JSON.readTree(toJson(writer, record));
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
    GenericDatumReader<Object> reader = new GenericDatumReader<>(target);
    return reader.read(null, DecoderFactory.get().jsonDecoder(target, JSON.writeValueAsString(json)));
  }

  private static String toJson(Schema schema, Object record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
    new GenericDatumWriter<>(schema).write(record, encoder);
    encoder.flush();
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
