package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Confluent Schema Registry's REST API v1 over the JDK's HTTP server: routing, JSON, the request
 * size limit, optional basic auth and a bounded thread pool. All rules live in {@link RegistryService}.
 */
final class RegistryHttpServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; with Nagle on, small answers wait for the
    // client's delayed ACK (~40 ms each). Must be set before the server's config class loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final RegistryService service;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final long maxRequestBytes;
  private final byte[] expectedAuthorization;

  RegistryHttpServer(RegistryService service, RegistryOptions options) throws IOException {
    this.service = service;
    this.maxRequestBytes = options.maxRequestBytes();
    this.expectedAuthorization = options.basicAuth() == null ? null
        : ("Basic " + Base64.getEncoder().encodeToString(options.basicAuth().getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(options.queueSize()), r -> {
          Thread t = new Thread(r, "registry-http-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      JsonNode answer;
      String raw = null;
      try {
        authorize(exchange);
        Request request = new Request(exchange, readBody(exchange));
        Object result = route(request);
        if (result instanceof String text) {
          raw = text;
          answer = null;
        } else {
          answer = (JsonNode) result;
        }
      } catch (RegistryError e) {
        status = e.status;
        answer = RegistryJson.error(e.errorCode, e.getMessage());
        if (e.status == 401) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
        }
      } catch (RuntimeException e) {
        status = 500;
        answer = RegistryJson.error(ErrorCodes.STORE_ERROR, "Internal error: " + e.getClass().getSimpleName());
        System.err.println("registry-server: " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
            + " failed: " + e);
      }
      byte[] bytes = (raw != null ? raw : answer.toString()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", raw != null ? "text/plain; charset=utf-8" : RegistryJson.CONTENT_TYPE);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void authorize(HttpExchange exchange) {
    if (expectedAuthorization == null) {
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
      throw new RegistryError(401, ErrorCodes.UNAUTHORIZED, "Unauthorized");
    }
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxRequestBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw RegistryError.badRequest("invalid Content-Length");
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > maxRequestBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private RegistryError tooLarge() {
    return new RegistryError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxRequestBytes
        + " bytes");
  }

  /** A parsed request: method, decoded path segments, query and body. */
  private static final class Request {
    final String method;
    final List<String> path = new ArrayList<>();
    final Map<String, String> query = new HashMap<>();
    final byte[] body;

    Request(HttpExchange exchange, byte[] body) {
      this.method = exchange.getRequestMethod();
      this.body = body;
      String rawPath = exchange.getRequestURI().getRawPath();
      for (String segment : rawPath.split("/")) {
        if (!segment.isEmpty()) {
          path.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
      }
      String rawQuery = exchange.getRequestURI().getRawQuery();
      if (rawQuery != null) {
        for (String pair : rawQuery.split("&")) {
          int eq = pair.indexOf('=');
          String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }

    boolean flag(String name) {
      return "true".equalsIgnoreCase(query.get(name));
    }

    boolean is(String method, int segments) {
      return this.method.equals(method) && path.size() == segments;
    }

    JsonNode json() {
      if (body.length == 0) {
        throw new RegistryError(422, ErrorCodes.INVALID_SCHEMA, "Empty request body");
      }
      try {
        JsonNode node = RegistryJson.MAPPER.readTree(body);
        if (node == null || !node.isObject()) {
          throw RegistryError.badRequest("the request body must be a JSON object");
        }
        return node;
      } catch (IOException e) {
        throw RegistryError.badRequest("the request body is not valid JSON");
      }
    }

    RegistrySchema schema() {
      try {
        return RegistryJson.readSchema(json());
      } catch (IllegalArgumentException e) {
        throw RegistryError.invalidSchema(e.getMessage());
      }
    }
  }

  private Object route(Request r) {
    List<String> p = r.path;
    if (p.isEmpty() && r.method.equals("GET")) {
      return RegistryJson.MAPPER.createObjectNode();
    }
    String head = p.isEmpty() ? "" : p.get(0);
    switch (head) {
      case "schemas" -> {
        if (r.is("GET", 2) && p.get(1).equals("types")) {
          return strings(RegistryService.SCHEMA_TYPES);
        }
        if (p.size() >= 3 && p.get(1).equals("ids") && r.method.equals("GET")) {
          int id = intParam(p.get(2), "schema id");
          if (p.size() == 3) {
            RegistrySchema schema = service.schema(id);
            return RegistryJson.schema(new RegistrySchema(service.formatted(id, r.query.get("format")),
                schema.schemaType(), schema.references()));
          }
          if (p.size() == 4 && p.get(3).equals("schema")) {
            return service.formatted(id, r.query.get("format"));
          }
          if (p.size() == 4 && p.get(3).equals("versions")) {
            ArrayNode out = RegistryJson.MAPPER.createArrayNode();
            service.usesOf(id).forEach(e -> out.addObject().put("subject", e.getKey()).put("version", e.getValue()));
            return out;
          }
          if (p.size() == 4 && p.get(3).equals("subjects")) {
            return strings(service.usesOf(id).stream().map(Map.Entry::getKey).distinct().toList());
          }
        }
      }
      case "subjects" -> {
        if (r.is("GET", 1)) {
          return strings(service.subjects(r.flag("deleted")));
        }
        if (p.size() >= 2) {
          String subject = p.get(1);
          if (r.is("POST", 2)) {
            return RegistryJson.subjectVersion(service.lookup(subject, r.schema(), r.flag("deleted"),
                r.flag("normalize")));
          }
          if (r.is("DELETE", 2)) {
            return ints(service.deleteSubject(subject, r.flag("permanent")));
          }
          if (p.size() >= 3 && p.get(2).equals("versions")) {
            if (r.is("GET", 3)) {
              return ints(service.versions(subject, r.flag("deleted")));
            }
            if (r.is("POST", 3)) {
              return RegistryJson.MAPPER.createObjectNode().put("id", service.register(subject, r.schema(),
                  r.flag("normalize")));
            }
            if (p.size() >= 4) {
              String version = p.get(3);
              if (r.is("GET", 4)) {
                return RegistryJson.subjectVersion(formatted(service.version(subject, version, r.flag("deleted")),
                    r.query.get("format")));
              }
              if (r.is("DELETE", 4)) {
                return RegistryJson.MAPPER.getNodeFactory().numberNode(
                    service.deleteVersion(subject, version, r.flag("permanent")));
              }
              if (r.is("GET", 5) && p.get(4).equals("schema")) {
                return service.formatted(service.version(subject, version, r.flag("deleted")).id(),
                    r.query.get("format"));
              }
              if (r.is("GET", 5) && p.get(4).equals("referencedby")) {
                SubjectVersion v = service.version(subject, version, true);
                return ints(service.referencedBy(subject, v.version()));
              }
            }
          }
        }
      }
      case "compatibility" -> {
        if (r.method.equals("POST") && p.size() >= 4 && p.get(1).equals("subjects") && p.get(3).equals("versions")
            && p.size() <= 5) {
          CompatibilityCheck check = service.testCompatibility(p.get(2), p.size() == 5 ? p.get(4) : null, r.schema(),
              r.flag("normalize"));
          ObjectNode out = RegistryJson.MAPPER.createObjectNode().put("is_compatible", check.compatible());
          if (r.flag("verbose")) {
            out.set("messages", strings(check.messages()));
          }
          return out;
        }
      }
      case "config" -> {
        String subject = p.size() == 2 ? p.get(1) : null;
        if (p.size() <= 2) {
          switch (r.method) {
            case "GET" -> {
              String level = subject == null ? service.globalLevel() : service.subjectLevel(subject, r.flag("defaultToGlobal"));
              return RegistryJson.MAPPER.createObjectNode().put("compatibilityLevel", level);
            }
            case "PUT" -> {
              JsonNode body = r.json();
              String level = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
              return RegistryJson.MAPPER.createObjectNode().put("compatibility", service.setLevel(subject, level));
            }
            case "DELETE" -> {
              if (subject != null) {
                return RegistryJson.MAPPER.createObjectNode().put("compatibilityLevel", service.deleteLevel(subject));
              }
            }
            default -> { }
          }
        }
      }
      case "mode" -> {
        if (r.method.equals("GET") && p.size() <= 2) {
          return RegistryJson.MAPPER.createObjectNode().put("mode", "READWRITE");
        }
      }
      default -> { }
    }
    throw new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  private SubjectVersion formatted(SubjectVersion v, String format) {
    if (format == null) {
      return v;
    }
    RegistrySchema schema = v.schema();
    return new SubjectVersion(v.subject(), v.version(), v.id(), new RegistrySchema(service.formatted(v.id(), format),
        schema.schemaType(), schema.references()));
  }

  private static int intParam(String text, String what) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new RegistryError(404, 404, "HTTP 404 Not Found: invalid " + what + " '" + text + "'");
    }
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode out = RegistryJson.MAPPER.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  private static ArrayNode ints(List<Integer> values) {
    ArrayNode out = RegistryJson.MAPPER.createArrayNode();
    values.forEach(out::add);
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
