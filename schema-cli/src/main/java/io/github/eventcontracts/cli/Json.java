package io.github.eventcontracts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.compat.Comparison;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.diag.Diagnostic;

/** The JSON shapes the CLI prints. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static ObjectNode result(CompatibilityResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("compatible", result.compatible());
    root.put("level", result.level().name());
    ArrayNode differences = root.putArray("differences");
    for (Comparison comparison : result.comparisons()) {
      for (Difference d : comparison.differences()) {
        ObjectNode node = differences.addObject();
        node.put("type", d.type().id());
        node.put("path", d.path());
        node.put("compatible", d.compatible());
        node.put("message", d.message());
        node.put("file", d.file());
        node.put("line", d.line());
        node.put("column", d.column());
        node.put("direction", comparison.direction().name());
        node.put("against", comparison.previousLabel());
      }
    }
    return root;
  }

  static ObjectNode diagnostic(Diagnostic d) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("rule", d.ruleId());
    node.put("severity", d.severity().label());
    node.put("file", d.file());
    node.put("line", d.line());
    node.put("column", d.column());
    node.put("path", d.path());
    node.put("message", d.message());
    return node;
  }

  static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
