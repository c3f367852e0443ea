package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shapes of Confluent's REST API v1, in one place for the client and the embedded
 * server, so both sides agree by construction.
 */
public final class RegistryJson {
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistryJson() {}

  /**
   * {@code {"schemaType"?, "references"?, "metadata"?, "ruleSet"?, "schema"}}, in Confluent's order;
   * Avro's type is left out, as Confluent does.
   */
  public static ObjectNode schema(RegistrySchema schema) {
    ObjectNode node = MAPPER.createObjectNode();
    if (!RegistrySchema.AVRO.equals(schema.schemaType())) {
      node.put("schemaType", schema.schemaType());
    }
    if (!schema.references().isEmpty()) {
      node.set("references", references(schema.references()));
    }
    if (schema.metadata() != null) {
      node.set("metadata", MAPPER.valueToTree(schema.metadata()));
    }
    if (schema.ruleSet() != null) {
      node.set("ruleSet", MAPPER.valueToTree(schema.ruleSet()));
    }
    node.put("schema", schema.schema());
    return node;
  }

  /** Confluent's {@code Metadata} JSON, or null for a missing or null node. */
  public static Metadata readMetadata(JsonNode node) {
    return read(node, Metadata.class, "metadata");
  }

  /** Confluent's {@code RuleSet} JSON, or null for a missing or null node. */
  public static RuleSet readRuleSet(JsonNode node) {
    return read(node, RuleSet.class, "ruleSet");
  }

  private static <T> T read(JsonNode node, Class<T> type, String what) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("\"" + what + "\" must be an object");
    }
    try {
      return MAPPER.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("\"" + what + "\" is not a valid " + type.getSimpleName() + ": "
          + e.getOriginalMessage());
    }
  }

  public static ArrayNode references(List<SchemaReference> references) {
    ArrayNode array = MAPPER.createArrayNode();
    for (SchemaReference r : references) {
      array.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
    }
    return array;
  }

  /** Reads {@code schema}, {@code schemaType}, {@code references} from a request or answer. */
  public static RegistrySchema readSchema(JsonNode node) {
    JsonNode schema = node.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new IllegalArgumentException("no \"schema\" string");
    }
    String type = node.hasNonNull("schemaType") ? node.get("schemaType").asText() : null;
    return new RegistrySchema(schema.asText(), type, readReferences(node.get("references")),
        readMetadata(node.get("metadata")), readRuleSet(node.get("ruleSet")));
  }

  public static List<SchemaReference> readReferences(JsonNode array) {
    List<SchemaReference> references = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (JsonNode r : array) {
        if (!r.path("name").isTextual() || !r.path("subject").isTextual() || !r.path("version").canConvertToInt()) {
          throw new IllegalArgumentException("a reference needs \"name\", \"subject\" and \"version\"");
        }
        references.add(new SchemaReference(r.get("name").asText(), r.get("subject").asText(), r.get("version").asInt()));
      }
    }
    return references;
  }

  /** {@code {"subject", "version", "id", "schemaType"?, "references"?, "schema"}}. */
  public static ObjectNode subjectVersion(SubjectVersion v) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("subject", v.subject());
    node.put("version", v.version());
    node.put("id", v.id());
    node.setAll(schema(v.schema()));
    return node;
  }

  public static SubjectVersion readSubjectVersion(JsonNode node) {
    return new SubjectVersion(node.path("subject").asText(), node.path("version").asInt(), node.path("id").asInt(),
        readSchema(node));
  }

  public static ObjectNode error(int errorCode, String message) {
    return MAPPER.createObjectNode().put("error_code", errorCode).put("message", message);
  }
}
