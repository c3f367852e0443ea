package io.github.eventcontracts.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.SubjectCheck;
import java.util.List;

/** The review as JSON, for tools: per subject, its status, verdicts and findings. */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  public static String render(CheckReport report) {
    List<Finding> findings = Finding.of(report);
    ObjectNode root = JSON.createObjectNode();
    root.put("compatible", report.compatible());
    root.put("baseline", report.baseline());
    ArrayNode subjects = root.putArray("subjects");
    for (SubjectCheck check : report.subjects()) {
      ObjectNode s = subjects.addObject();
      s.put("subject", check.subject().subject());
      s.put("file", check.subject().contract().file());
      s.put("type", check.subject().contract().type().name());
      s.put("status", check.status().name());
      s.put("level", check.subject().level().name());
      s.put("compatible", check.compatible());
      s.put("versionsCompared", check.versionsCompared());
      s.put("fingerprint", check.subject().contract().fingerprint());
      ArrayNode references = s.putArray("references");
      check.subject().references().forEach(r -> references.addObject().put("name", r.name())
          .put("subject", r.subject()).put("file", r.path()));
      check.remote().ifPresent(r -> {
        ObjectNode registry = s.putObject("registry");
        registry.put("source", r.source());
        registry.put("compatible", r.compatible());
        r.messages().forEach(registry.putArray("messages")::add);
        if (r.error() != null) {
          registry.put("error", r.error());
        }
      });
      ArrayNode differences = s.putArray("differences");
      for (Finding f : findings) {
        if (check.subject().subject().equals(f.subject())) {
          differences.add(finding(f));
        }
      }
    }
    report.removed().forEach(root.putArray("removed")::add);
    ArrayNode lint = root.putArray("lint");
    findings.stream().filter(f -> f.subject() == null).forEach(f -> lint.add(finding(f)));
    return write(root);
  }

  /** An empty object for tools that print other JSON documents with the same vocabulary. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One finding as every JSON document of ours shows it. */
  public static ObjectNode finding(Finding f) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", f.ruleId());
    node.put("severity", f.severity().label());
    node.put("file", f.file());
    node.put("line", f.line());
    node.put("column", f.column());
    node.put("path", f.path());
    node.put("message", f.message());
    node.put("advice", f.advice());
    return node;
  }
}
