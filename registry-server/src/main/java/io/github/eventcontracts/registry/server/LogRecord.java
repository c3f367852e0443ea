package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;

/**
 * One change to the registry's state, as the log keeps it. Every change is one of these, written
 * by {@link #toJson} and read back by {@link #fromJson}: the only place the log's format is
 * spelled out. {@link RegistryService} applies them, live or replayed.
 */
sealed interface LogRecord {
  /**
   * A schema got its global id. {@code normal} identifies its Protobuf normal form (null for Avro, and
   * when a store's format cannot carry it: then it is derived from the schema on replay).
   * {@code fromDescriptor}: whether it was registered as a {@code FileDescriptorProto}; null when the
   * store's format cannot say (Confluent's {@code _schemas}), and then the registry derives it from
   * the stored text (see {@code RegistryService.idOf}).
   */
  record SchemaStored(int id, RegistrySchema schema, String normal, Boolean fromDescriptor) implements LogRecord {}

  /** A subject got a version holding a schema id. */
  record VersionAdded(String subject, int version, int id) implements LogRecord {}

  /** A version was soft deleted, or permanently removed. */
  record VersionDeleted(String subject, int version, boolean permanent) implements LogRecord {}

  /**
   * A configuration (level, compatibility group, default and override metadata and rule sets) was
   * set, globally when {@code subject} is null, or, with a null {@code config}, removed.
   */
  record ConfigSet(String subject, SubjectConfig config) implements LogRecord {}

  /** The registry's mode (READWRITE, READONLY, IMPORT) was set, globally when {@code subject} is null, or removed. */
  record ModeSet(String subject, String mode) implements LogRecord {}

  /** Written by a log repair: no id at or below this is ever given out again. */
  record IdFloor(int id) implements LogRecord {}

  /** Thrown for a record this version of the registry cannot read. */
  final class UnreadableRecordException extends RuntimeException {
    UnreadableRecordException(JsonNode record, String why) {
      super("the registry log holds a record it cannot read (" + why + "): " + abbreviate(record.toString())
          + "; was it written by a newer registry-server?");
    }

    private static String abbreviate(String text) {
      return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
  }

  static JsonNode toJson(LogRecord record) {
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    if (record instanceof SchemaStored s) {
      out.put("op", "schema").put("id", s.id()).set("schema", RegistryJson.schema(s.schema()));
      if (s.normal() != null) {
        out.put("normal", s.normal());
      }
      if (Boolean.TRUE.equals(s.fromDescriptor())) {
        out.put("origin", "descriptor");
      }
    } else if (record instanceof VersionAdded v) {
      out.put("op", "version").put("subject", v.subject()).put("version", v.version()).put("id", v.id());
    } else if (record instanceof VersionDeleted d) {
      out.put("op", "delete").put("subject", d.subject()).put("version", d.version()).put("permanent", d.permanent());
    } else if (record instanceof ConfigSet c) {
      if (c.config() == null) {
        setting(out, "config", c.subject(), "level", null); // "level": null alone is a removal
      } else {
        out.put("op", "config");
        if (c.subject() != null) {
          out.put("subject", c.subject());
        }
        out.setAll(c.config().toJson("level"));
      }
    } else if (record instanceof IdFloor f) {
      out.put("op", "id-floor").put("id", f.id());
    } else if (record instanceof ModeSet m) {
      setting(out, "mode", m.subject(), "mode", m.mode());
    }
    return out;
  }

  /** A config record holding {@code "level": null} and no other setting removes the configuration. */
  private static boolean isRemoval(JsonNode record) {
    java.util.Set<String> fields = new java.util.HashSet<>();
    record.fieldNames().forEachRemaining(fields::add);
    fields.removeAll(java.util.Set.of("op", "subject"));
    return fields.equals(java.util.Set.of("level")) && record.get("level").isNull();
  }

  /** A global (no subject) or per-subject setting; a null value clears it. */
  private static void setting(ObjectNode out, String op, String subject, String key, String value) {
    out.put("op", op);
    if (subject != null) {
      out.put("subject", subject);
    }
    if (value == null) {
      out.putNull(key);
    } else {
      out.put(key, value);
    }
  }

  static LogRecord fromJson(JsonNode record) {
    try {
      return switch (record.path("op").asText()) {
        case "schema" -> new SchemaStored(record.get("id").asInt(), RegistryJson.readSchema(record.get("schema")),
            record.hasNonNull("normal") ? record.get("normal").asText() : null,
            // our log has always said it: no "origin" is a schema sent as text
            "descriptor".equals(record.path("origin").asText()));
        case "version" -> new VersionAdded(record.get("subject").asText(), record.get("version").asInt(),
            record.get("id").asInt());
        case "delete" -> new VersionDeleted(record.get("subject").asText(), record.get("version").asInt(),
            record.path("permanent").asBoolean());
        case "config" -> new ConfigSet(record.hasNonNull("subject") ? record.get("subject").asText() : null,
            isRemoval(record) ? null : SubjectConfig.fromJson(record, "level"));
        case "id-floor" -> new IdFloor(record.get("id").asInt());
        case "mode" -> new ModeSet(record.hasNonNull("subject") ? record.get("subject").asText() : null,
            record.hasNonNull("mode") ? record.get("mode").asText() : null);
        default -> throw new UnreadableRecordException(record, "unknown op '" + record.path("op").asText() + "'");
      };
    } catch (NullPointerException | IllegalArgumentException e) {
      throw new UnreadableRecordException(record, "a field is missing or invalid");
    }
  }
}
