package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Confluent Schema Registry's {@code _schemas} record format, both ways, so that a topic written by
 * Confluent's registry can be served by ours and the other way round. Keys and values are JSON as
 * Confluent's {@code SchemaKey}/{@code SchemaValue}, {@code ConfigKey}/{@code ConfigValue},
 * {@code ModeKey}/{@code ModeValue}, {@code DeleteSubjectKey}/{@code Value},
 * {@code ClearSubjectKey}/{@code Value} and {@code NoopKey} serialize them (Jackson, NON_EMPTY, the
 * property orders those classes declare); a null value is a tombstone.
 *
 * <p>Our state changes ({@link LogRecord}) map onto these: a registration is one SCHEMA record
 * (Confluent has no separate record for a new id), a soft delete is the SCHEMA record again with
 * {@code deleted: true}, a permanent delete its tombstone, a configuration a CONFIG record; a
 * version's metadata and rule set ride in its SCHEMA record, as Confluent's do.
 */
final class ConfluentStoreFormat {
  /** One record of the topic: key and value as JSON text, value null for a tombstone. */
  record StoreRecord(String key, String value) {}

  /** What decoding needs to know of the state so far. */
  interface State {
    RegistrySchema schema(int id);

    /** The id a version of the subject holds. */
    int idOf(String subject, int version);

    /** Live (not soft-deleted) versions of the subject. */
    List<Integer> liveVersions(String subject);

    List<Integer> allVersions(String subject);
  }

  private ConfluentStoreFormat() {}

  // ---- ours -> Confluent's ----------------------------------------------------------------------

  /**
   * The records for one committed change. A {@link LogRecord.SchemaStored} is carried by the
   * SCHEMA record of the version that follows it; levels and modes are CONFIG and MODE records;
   * {@link LogRecord.IdFloor} has no Confluent form (ids come from the SCHEMA records themselves).
   */
  static List<StoreRecord> encode(List<LogRecord> change, State state) {
    List<StoreRecord> out = new ArrayList<>();
    java.util.Map<Integer, RegistrySchema> stored = new java.util.HashMap<>();
    for (LogRecord record : change) {
      if (record instanceof LogRecord.SchemaStored s) {
        stored.put(s.id(), s.schema());
      } else if (record instanceof LogRecord.VersionAdded v) {
        RegistrySchema schema = stored.getOrDefault(v.id(), state.schema(v.id()));
        out.add(new StoreRecord(schemaKey(v.subject(), v.version()), schemaValue(v.subject(), v.version(), v.id(),
            schema, false)));
      } else if (record instanceof LogRecord.VersionDeleted d) {
        if (d.permanent()) {
          out.add(new StoreRecord(schemaKey(d.subject(), d.version()), null));
        } else {
          int id = state.idOf(d.subject(), d.version());
          out.add(new StoreRecord(schemaKey(d.subject(), d.version()), schemaValue(d.subject(), d.version(), id,
              state.schema(id), true)));
        }
      } else if (record instanceof LogRecord.ConfigSet c) {
        out.add(config(c.subject(), c.config()));
      } else if (record instanceof LogRecord.ModeSet m) {
        out.add(setting("MODE", m.subject(), "mode", m.mode()));
      }
    }
    return out;
  }

  /** Confluent's ModeKey/ModeValue; a null mode is the tombstone that clears it. */
  private static StoreRecord setting(String keytype, String subject, String field, String value) {
    return setting(keytype, subject, value == null ? null : RegistryJson.MAPPER.createObjectNode().put(field, value));
  }

  /** Confluent's ConfigKey/ConfigValue: the level and the data-contract settings; a null config is a tombstone. */
  private static StoreRecord config(String subject, SubjectConfig config) {
    return setting("CONFIG", subject, config == null ? null : config.toJson("compatibilityLevel"));
  }

  /**
   * A global (no subject) or per-subject setting as Confluent's key and value classes write it: the
   * subject first in both, then the {@code fields}; null fields make the tombstone that clears it.
   */
  private static StoreRecord setting(String keytype, String subject, ObjectNode fields) {
    ObjectNode key = RegistryJson.MAPPER.createObjectNode().put("keytype", keytype);
    if (subject != null) {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    if (fields == null) {
      return new StoreRecord(write(key), null);
    }
    ObjectNode value = RegistryJson.MAPPER.createObjectNode();
    if (subject != null) {
      value.put("subject", subject);
    }
    value.setAll(fields);
    return new StoreRecord(write(key), write(value));
  }

  static String schemaKey(String subject, int version) {
    return write(RegistryJson.MAPPER.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
        .put("version", version).put("magic", 1));
  }

  static String schemaValue(String subject, int version, int id, RegistrySchema schema, boolean deleted) {
    ObjectNode v = RegistryJson.MAPPER.createObjectNode().put("subject", subject).put("version", version).put("id", id);
    v.put("schemaType", schema.schemaType() == null ? RegistrySchema.AVRO : schema.schemaType());
    if (!schema.references().isEmpty()) {
      v.set("references", RegistryJson.references(schema.references()));
    }
    if (schema.metadata() != null) {
      v.set("metadata", RegistryJson.MAPPER.valueToTree(schema.metadata()));
    }
    if (schema.ruleSet() != null) {
      v.set("ruleSet", RegistryJson.MAPPER.valueToTree(schema.ruleSet()));
    }
    v.put("schema", schema.schema()).put("deleted", deleted);
    return write(v);
  }

  static StoreRecord noop() {
    return new StoreRecord(write(RegistryJson.MAPPER.createObjectNode().put("keytype", "NOOP").put("magic", 0)), null);
  }

  // ---- Confluent's -> ours ----------------------------------------------------------------------

  /**
   * The state changes one record of the topic makes, given the state so far. A key type this
   * registry does not know (Confluent's ASSOC, CONTEXT, or a newer one) changes nothing and is
   * reported to {@code warn}, never fatal.
   */
  static List<LogRecord> decode(StoreRecord record, State state, Consumer<String> warn) {
    JsonNode key;
    JsonNode value;
    try {
      key = RegistryJson.MAPPER.readTree(record.key());
      value = record.value() == null ? null : RegistryJson.MAPPER.readTree(record.value());
    } catch (JsonProcessingException e) {
      warn.accept("skipped a record that is not JSON: " + abbreviate(record.key()));
      return List.of();
    }
    String type = key.path("keytype").asText();
    String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
    List<LogRecord> out = new ArrayList<>();
    switch (type) {
      case "SCHEMA" -> {
        int version = key.path("version").asInt();
        if (value == null) {
          if (state.allVersions(subject).contains(version)) {
            out.add(new LogRecord.VersionDeleted(subject, version, true));
          }
          return out;
        }
        int id = value.path("id").asInt();
        if (state.schema(id) == null) {
          RegistrySchema schema = RegistryJson.readSchema(value);
          if (schema.schemaType() == null) {
            schema = new RegistrySchema(schema.schema(), RegistrySchema.AVRO, schema.references(), schema.metadata(),
                schema.ruleSet());
          }
          out.add(new LogRecord.SchemaStored(id, schema, null, null)); // the format cannot say how it was sent
        }
        if (!state.allVersions(subject).contains(version)) {
          out.add(new LogRecord.VersionAdded(subject, version, id));
        }
        if (value.path("deleted").asBoolean() && (state.liveVersions(subject).contains(version)
            || !state.allVersions(subject).contains(version))) {
          out.add(new LogRecord.VersionDeleted(subject, version, false));
        }
      }
      case "CONFIG" -> out.add(new LogRecord.ConfigSet(subject,
          value == null ? null : SubjectConfig.fromJson(value, "compatibilityLevel")));
      case "DELETE_SUBJECT", "CLEAR_SUBJECT" -> {
        int upTo = value == null ? Integer.MAX_VALUE : value.path("version").asInt(Integer.MAX_VALUE);
        boolean permanent = type.equals("CLEAR_SUBJECT");
        for (int v : permanent ? state.allVersions(subject) : state.liveVersions(subject)) {
          if (v <= upTo) {
            out.add(new LogRecord.VersionDeleted(subject, v, permanent));
          }
        }
      }
      case "MODE" -> out.add(new LogRecord.ModeSet(subject, value == null ? null : value.path("mode").asText(null)));
      case "NOOP" -> { }
      default -> warn.accept("skipped a record of key type '" + type + "', which this registry does not know: "
          + abbreviate(record.key()));
    }
    return out;
  }

  private static String write(JsonNode node) {
    try {
      return RegistryJson.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "null" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
