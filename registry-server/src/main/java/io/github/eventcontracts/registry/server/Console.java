package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The web console's server side: its static files (part of this jar: no CDN, nothing else to
 * reach) and the two answers its views need that Confluent's API does not give in one request — a
 * page of subjects with what the list shows, and two versions compared with the engine's findings.
 * Everything else the console reads through the same REST API any client uses, with the caller's
 * permissions.
 */
final class Console {
  private static final String ROOT = "registry-console/";
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
  private static final Set<String> FILES = Set.of("index.html", "console.js", "console.css");

  private Console() {}

  static RegistryHttpServer.Answer file(String name) {
    if (!FILES.contains(name)) {
      throw RegistryError.notFound(null);
    }
    try (InputStream in = Console.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw RegistryError.notFound(null);
      }
      String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      return RegistryHttpServer.Answer.of(TYPES.get(extension), in.readAllBytes());
    } catch (IOException e) {
      throw new RegistryError(500, ErrorCodes.STORE_ERROR, "cannot read the console's " + name);
    }
  }

  /**
   * A page of the subjects the caller may read, matching {@code q} (part of the name) and
   * {@code type}: each with its type, latest version and id, level, mode and whether other
   * schemas reference it. Paged, so a registry of 10,000 subjects sends one screen at a time.
   */
  static ObjectNode subjects(RegistryService service, RouteTable.Call call) {
    String q = call.query("q") == null ? "" : call.query("q").toLowerCase(Locale.ROOT);
    String type = call.query("type") == null || call.query("type").isBlank() ? null : call.query("type");
    int offset = number(call.query("offset"), 0);
    int limit = Math.min(500, number(call.query("limit"), 50));
    boolean deleted = call.flag("deleted");
    List<String> names = new ArrayList<>();
    for (String subject : service.subjects(deleted)) {
      if (subject.toLowerCase(Locale.ROOT).contains(q) && call.mayRead(subject)) {
        names.add(subject);
      }
    }
    ArrayNode items = RegistryJson.MAPPER.createArrayNode();
    int matched = 0;
    for (String subject : names) {
      // without a type filter the names are the count: only the page's subjects are looked at
      if (type == null && (matched++ < offset || items.size() >= limit)) {
        continue;
      }
      SubjectVersion latest;
      try {
        latest = service.version(subject, "latest", deleted);
      } catch (RegistryError e) {
        continue; // deleted meanwhile
      }
      if (type != null && (!type.equalsIgnoreCase(latest.schema().schemaType()) || matched++ < offset
          || items.size() >= limit)) {
        continue;
      }
      ObjectNode item = items.addObject();
      item.put("subject", subject).put("type", latest.schema().schemaType()).put("version", latest.version())
          .put("id", latest.id())
          .put("compatibility", service.subjectConfig(subject, true).level().name())
          .put("mode", service.mode(subject))
          .put("referenced", !service.referencedBy(subject, latest.version()).isEmpty());
    }
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    out.put("total", matched).put("offset", offset).put("limit", limit);
    out.set("items", items);
    return out;
  }

  /** Two versions compared at the subject's level: the verdict and each finding at its line. */
  static ObjectNode compare(RegistryService service, String subject, String from, String to) {
    if (from == null || to == null) {
      throw RegistryError.badRequest("compare needs ?from=<version>&to=<version>");
    }
    RegistryService.Comparison comparison = service.compare(subject, from, to);
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    out.put("subject", subject).put("from", from).put("to", to).put("level", comparison.level().name())
        .put("compatible", comparison.compatible()).put("fromText", comparison.fromText())
        .put("toText", comparison.toText());
    ArrayNode findings = out.putArray("findings");
    for (Diagnostic d : comparison.findings()) {
      findings.addObject().put("line", d.line()).put("column", d.column()).put("rule", d.ruleId()).put("path", d.path())
          .put("severity", d.severity().name()).put("message", d.message());
    }
    return out;
  }

  private static int number(String text, int fallback) {
    try {
      return text == null ? fallback : Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      throw RegistryError.badRequest("not a number: " + text);
    }
  }
}
