package io.github.eventcontracts.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.CheckReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0, for code-scanning views: one rule per difference or lint type, one result per finding. */
public final class SarifReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  public static String render(CheckReport report, String toolVersion) {
    List<Finding> findings = Finding.of(report);
    ObjectNode log = JSON.createObjectNode();
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "event-contracts");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (!ruleIndex.containsKey(f.ruleId())) {
        ruleIndex.put(f.ruleId(), ruleIndex.size());
        ObjectNode rule = rules.addObject();
        rule.put("id", f.ruleId());
        rule.putObject("shortDescription").put("text", f.ruleId().replace('_', ' ').toLowerCase(java.util.Locale.ROOT));
        if (!f.advice().isEmpty()) {
          rule.putObject("help").put("text", f.advice());
        }
        rule.putObject("defaultConfiguration").put("level", level(f.severity()));
      }
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : findings) {
      ObjectNode result = results.addObject();
      result.put("ruleId", f.ruleId());
      result.put("ruleIndex", ruleIndex.get(f.ruleId()));
      result.put("level", level(f.severity()));
      result.putObject("message").put("text", (f.path().isEmpty() ? "" : f.path() + ": ") + f.message()
          + (f.advice().isEmpty() ? "" : " Fix: " + f.advice()));
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", f.file().replace('\\', '/')).put("uriBaseId", "%SRCROOT%");
      if (f.line() > 0) {
        ObjectNode region = physical.putObject("region").put("startLine", f.line());
        if (f.column() > 0) {
          region.put("startColumn", f.column());
        }
      }
      if (f.subject() != null) {
        result.putObject("properties").put("subject", f.subject());
      }
    }
    try {
      return JSON.writeValueAsString(log);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }
}
