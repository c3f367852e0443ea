package io.github.eventcontracts.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.compat.Comparison;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.review.Finding;
import io.github.eventcontracts.review.JsonReport;

/**
 * The JSON the {@code compat} command prints: the check report's finding objects (type, severity,
 * file, line, column, path, message, advice), plus which comparison found each.
 */
final class Json {
  private Json() {}

  static ObjectNode result(CompatibilityResult result) {
    ObjectNode root = JsonReport.object();
    root.put("compatible", result.compatible());
    root.put("level", result.level().name());
    ArrayNode differences = root.putArray("differences");
    for (Comparison comparison : result.comparisons()) {
      for (Difference d : comparison.differences()) {
        ObjectNode node = JsonReport.finding(Finding.of(d, result.level(), null));
        node.put("compatible", d.compatible());
        node.put("direction", comparison.direction().name());
        node.put("against", comparison.previousLabel());
        differences.add(node);
      }
    }
    return root;
  }
}
