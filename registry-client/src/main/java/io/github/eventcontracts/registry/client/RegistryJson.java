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

  /** {@code {"schema", "schemaType"?, "references"?}}; Avro's type is left out, as Confluent does. */
  public static ObjectNode schema(RegistrySchema schema) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", schema.schema());
    if (!RegistrySchema.AVRO.equals(schema.schemaType())) {
      node.put("schemaType", schema.schemaType());
    }
    if (!schema.references().isEmpty()) {
      node.set("references", references(schema.references()));
    }
    return node;
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
    return new RegistrySchema(schema.asText(), type, readReferences(node.get("references")));
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
