package io.github.eventcontracts.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Walks an Avro schema's JSON tree the way Avro reads it, reporting named types, fields, unions and
 * uses of names with their JSON pointers and the namespace in force. The parser uses it to find
 * cross-file references, lint rules to find what to check and where it stands.
 */
public final class AvroJsonWalker {
  public static final Set<String> PRIMITIVES =
      Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");
  private static final Set<String> NAMED = Set.of("record", "error", "enum", "fixed");

  /** Callbacks; each has a no-op default. */
  public interface Visitor {
    /** A record, enum or fixed definition; {@code fullName} resolved against the enclosing namespace. */
    default void namedType(JsonNode node, String pointer, String fullName) {}

    /** A record field; {@code pointer} points at the field object. */
    default void field(JsonNode record, JsonNode field, String pointer) {}

    /** A union (JSON array of schemas) at {@code pointer}. */
    default void union(JsonNode union, String pointer) {}

    /** A schema given by a non-primitive name; {@code namespace} is the one in force there. */
    default void nameUse(String name, String pointer, String namespace) {}
  }

  private AvroJsonWalker() {}

  public static void walk(JsonNode root, Visitor visitor) {
    walk(root, "", "", visitor);
  }

  private static void walk(JsonNode node, String pointer, String namespace, Visitor visitor) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      if (!PRIMITIVES.contains(node.asText())) {
        visitor.nameUse(node.asText(), pointer, namespace);
      }
    } else if (node.isArray()) {
      visitor.union(node, pointer);
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, namespace, visitor);
      }
    } else if (node.isObject()) {
      JsonNode type = node.get("type");
      String typeName = type != null && type.isTextual() ? type.asText() : null;
      if (typeName != null && NAMED.contains(typeName) && node.path("name").isTextual()) {
        String name = node.get("name").asText();
        String ns = node.path("namespace").isTextual() ? node.get("namespace").asText() : namespace;
        String full = name.contains(".") || ns.isEmpty() ? name : ns + "." + name;
        visitor.namedType(node, pointer, full);
        String inner = full.contains(".") ? full.substring(0, full.lastIndexOf('.')) : "";
        JsonNode fields = node.get("fields");
        if (fields != null && fields.isArray()) {
          for (int i = 0; i < fields.size(); i++) {
            String fieldPointer = pointer + "/fields/" + i;
            visitor.field(node, fields.get(i), fieldPointer);
            walk(fields.get(i).get("type"), fieldPointer + "/type", inner, visitor);
          }
        }
      } else if ("array".equals(typeName)) {
        walk(node.get("items"), pointer + "/items", namespace, visitor);
      } else if ("map".equals(typeName)) {
        walk(node.get("values"), pointer + "/values", namespace, visitor);
      } else {
        walk(type, pointer + "/type", namespace, visitor);
      }
    }
  }
}
