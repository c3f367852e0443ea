package io.github.eventcontracts.core.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.AvroJsonWalker;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Lint rules for Avro contracts. They read the JSON as written (kept by the parser), so they see what Avro normalizes away. */
final class AvroLintRules {
  private AvroLintRules() {}

  static final LintRule RECORD_DOC = new LintRule("AVRO_RECORD_DOC",
      "Records have a \"doc\" saying what the event means.", Severity.WARNING, SchemaType.AVRO,
      eachNamedType((node, pointer, fullName, findings) -> {
        if (isRecord(node) && blank(node.get("doc"))) {
          findings.atPointer(pointer + "/name", "record " + fullName + " has no \"doc\"; say what the event means");
        }
      }));

  static final LintRule FIELD_DOC = new LintRule("AVRO_FIELD_DOC",
      "Fields have a \"doc\".", Severity.WARNING, SchemaType.AVRO,
      eachField((record, field, pointer, findings) -> {
        if (blank(field.get("doc"))) {
          findings.atPointer(pointer + "/name", "field '" + field.path("name").asText() + "' of "
              + record.path("name").asText() + " has no \"doc\"");
        }
      }));

  // A warning: on an existing type, adding a namespace renames it, which breaks readers that resolve by name.
  static final LintRule NAMESPACE = new LintRule("AVRO_NAMESPACE",
      "Named types have a namespace, so generated classes get a package.", Severity.WARNING, SchemaType.AVRO,
      eachNamedType((node, pointer, fullName, findings) -> {
        if (!fullName.contains(".")) {
          findings.atPointer(pointer + "/name", node.path("type").asText() + " " + fullName
              + " has no namespace; give new types one (e.g. \"com.acme.orders\"): on a registered type it is a rename");
        }
      }));

  // Only a union with no default at all: a default must match the union's first branch, so
  // ["string", "null"] with "default": "en-US" is the one legal order for that contract.
  static final LintRule NULLABLE_UNION = new LintRule("AVRO_NULLABLE_UNION_NULL_FIRST",
      "A union with null and no default: list null first and default to null, so the field may be absent.",
      Severity.WARNING, SchemaType.AVRO,
      eachField((record, field, pointer, findings) -> {
        JsonNode type = field.get("type");
        if (type == null || !type.isArray() || !containsNull(type) || field.has("default")) {
          return;
        }
        String name = field.path("name").asText();
        if (!"null".equals(type.get(0).asText())) {
          findings.atPointer(pointer + "/type", "nullable field '" + name + "' has no default; to let readers and "
              + "writers leave it out, put \"null\" first and add \"default\": null (a compatible change)");
        } else {
          findings.atPointer(pointer + "/name", "nullable field '" + name
              + "' has no \"default\": null; add it so readers can drop the field later (a compatible change)");
        }
      }));

  static final LintRule ENUM_DEFAULT = new LintRule("AVRO_ENUM_DEFAULT",
      "Enums declare a default symbol, so readers survive new symbols.", Severity.WARNING, SchemaType.AVRO,
      eachNamedType((node, pointer, fullName, findings) -> {
        if ("enum".equals(node.path("type").asText()) && !node.has("default")) {
          findings.atPointer(pointer + "/name", "enum " + fullName
              + " has no \"default\"; add one (e.g. an UNKNOWN symbol) so old readers accept new symbols");
        }
      }));

  static final LintRule NO_JAVA_STRING = new LintRule("AVRO_NO_JAVA_STRING_PROP",
      "No \"avro.java.string\" property: it changes the schema the registry sees.", Severity.ERROR, SchemaType.AVRO,
      (contract, findings) -> findProperty(contract.avro().json(), "", "avro.java.string", findings));

  // Avro itself only logs "Ignored the ...logicalType property", with no file name: say where.
  static final LintRule LOGICAL_TYPE_ON_FIELD = new LintRule("AVRO_LOGICAL_TYPE_ON_FIELD",
      "A logicalType belongs inside the field's type; on the field itself Avro ignores it.", Severity.WARNING,
      SchemaType.AVRO,
      eachField((record, field, pointer, findings) -> {
        if (field.has("logicalType")) {
          findings.atPointer(pointer + "/logicalType", "field '" + field.path("name").asText() + "' of "
              + record.path("name").asText() + " has \"logicalType\": " + field.get("logicalType")
              + " beside its type, where Avro ignores it (the data is a plain " + field.path("type") + "); move it "
              + "into the type, e.g. {\"type\": " + field.path("type") + ", \"logicalType\": " + field.get("logicalType")
              + "} (a new schema for readers that use the logical type)");
        }
      }));

  static List<LintRule> all() {
    return List.of(RECORD_DOC, FIELD_DOC, NAMESPACE, NULLABLE_UNION, ENUM_DEFAULT, NO_JAVA_STRING, LOGICAL_TYPE_ON_FIELD);
  }

  /** A check of one record, enum or fixed definition. */
  private interface NamedTypeCheck {
    void check(JsonNode node, String pointer, String fullName, LintRule.Findings findings);
  }

  /** A check of one record field. */
  private interface FieldCheck {
    void check(JsonNode record, JsonNode field, String pointer, LintRule.Findings findings);
  }

  private static LintRule.Check eachNamedType(NamedTypeCheck check) {
    return (contract, findings) -> AvroJsonWalker.walk(contract.avro().json(), new AvroJsonWalker.Visitor() {
      @Override
      public void namedType(JsonNode node, String pointer, String fullName) {
        check.check(node, pointer, fullName, findings);
      }
    });
  }

  private static LintRule.Check eachField(FieldCheck check) {
    return (contract, findings) -> AvroJsonWalker.walk(contract.avro().json(), new AvroJsonWalker.Visitor() {
      @Override
      public void field(JsonNode record, JsonNode field, String pointer) {
        check.check(record, field, pointer, findings);
      }
    });
  }

  private static void findProperty(JsonNode node, String pointer, String property, LintRule.Findings findings) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
        if (e.getKey().equals(property)) {
          findings.atPointer(child, "remove \"" + property + "\": Java-specific properties make the schema the "
              + "serializer sends differ from the registered one (lookups fail with 40403); set stringType in the build instead");
        }
        findProperty(e.getValue(), child, property, findings);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findProperty(node.get(i), pointer + "/" + i, property, findings);
      }
    }
  }

  private static boolean isRecord(JsonNode node) {
    String type = node.path("type").asText();
    return type.equals("record") || type.equals("error");
  }

  private static boolean blank(JsonNode doc) {
    return doc == null || !doc.isTextual() || doc.asText().isBlank();
  }

  private static boolean containsNull(JsonNode union) {
    for (JsonNode branch : union) {
      if ("null".equals(branch.asText())) {
        return true;
      }
    }
    return false;
  }
}
