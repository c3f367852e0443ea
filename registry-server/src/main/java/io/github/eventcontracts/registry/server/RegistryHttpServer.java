package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Confluent Schema Registry's REST API v1 over Jetty (as Confluent's own registry runs): routing,
 * JSON, the request size limit and optional basic auth. All rules live in {@link RegistryService}.
 *
 * <p>Hostile or broken clients cannot starve it: request headers are parsed without holding a
 * thread, bodies are read asynchronously and handed to a worker only when complete, a connection
 * that sends nothing for the idle timeout is closed, one that trickles a request for longer than
 * the request timeout is closed ({@link SlowRequestReaper}), and connections beyond the cap wait in
 * the accept queue. A thread is busy only while a whole request is being answered.
 */
final class RegistryHttpServer implements AutoCloseable {
  private final RegistryService service;
  private final Server server;
  private final ServerConnector connector;
  private final SlowRequestReaper reaper;
  private final long maxRequestBytes;
  private final byte[] expectedCredentials;

  RegistryHttpServer(RegistryService service, RegistryOptions options) throws IOException {
    this.service = service;
    this.maxRequestBytes = options.maxRequestBytes();
    this.expectedCredentials = options.basicAuth() == null ? null
        : Base64.getEncoder().encodeToString(options.basicAuth().getBytes(StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    // request threads plus the acceptor and the selector; requests beyond queueSize get 503 at once
    QueuedThreadPool pool = new QueuedThreadPool(options.threads() + 2, Math.min(4, options.threads() + 2), 60_000,
        new BlockingArrayQueue<>(options.queueSize())) {
      @Override
      protected void runJob(Runnable job) {
        try {
          super.runJob(job);
        } catch (VirtualMachineError e) { // Jetty would log it and carry on, half alive
          Fatal.halt("in " + Thread.currentThread().getName(), e);
        }
      }
    };
    pool.setName("registry-http");
    pool.setDaemon(true);
    this.server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    // subjects are path segments and may hold an encoded '/', as Confluent's reference subjects do
    http.setUriCompliance(UriCompliance.from(UriCompliance.AMBIGUOUS_VIOLATIONS));
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    connector.setAcceptQueueSize(128);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(options.maxConnections(), connector));
    this.reaper = new SlowRequestReaper(options.requestTimeout());
    connector.addEventListener(reaper);
    // Non-blocking: Jetty may call it on the selector thread, so it answers only reads there (memory
    // lookups) and hands everything that parses a schema or writes the log to a worker.
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
        accept(request, response, callback);
        return true;
      }
    });
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  int port() {
    return connector.getLocalPort();
  }

  /** Checks what can be checked before the body, then reads the body without holding this thread. */
  private void accept(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
    try {
      authorize(request);
      if (request.getLength() > maxRequestBytes) {
        throw tooLarge();
      }
    } catch (RegistryError e) {
      answer(request, response, callback, e);
      return;
    }
    // one byte over the limit is enough to know it is too large
    CompletableFuture<byte[]> body =
        Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
    if (body.isDone() && "GET".equals(request.getMethod())) { // a read: answered from memory, on this thread
      body.whenComplete((bytes, failure) -> bodyRead(request, response, callback, bytes, failure));
    } else { // parses, checks or writes; or a body still arriving, which no thread waits for
      body.whenComplete((bytes, failure) -> server.getThreadPool().execute(
          () -> bodyRead(request, response, callback, bytes, failure)));
    }
  }

  private void bodyRead(org.eclipse.jetty.server.Request request, Response response, Callback callback, byte[] body,
      Throwable failure) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof VirtualMachineError fatal) {
        Fatal.halt("while reading a request body", fatal);
      }
      answer(request, response, callback, cause instanceof IllegalArgumentException ? tooLarge()
          : RegistryError.badRequest("the request body could not be read: " + cause.getMessage()));
    } else if (body.length > maxRequestBytes) {
      answer(request, response, callback, tooLarge());
    } else {
      respond(request, response, callback, body);
    }
  }

  private volatile KafkaLeaderElector cluster;
  private volatile KafkaStore clusterStore;
  private final HttpClient forwarder = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Instances on one Kafka topic: writes that reach a follower are forwarded to the leader. */
  void cluster(KafkaLeaderElector elector, KafkaStore store) {
    this.clusterStore = store;
    this.cluster = elector;
  }

  private static final Pattern REGISTER_PATH = Pattern.compile("/subjects/[^/]+/versions/?");

  /** Requests that change state; lookups and compatibility tests (POSTs too) are answered by any instance. */
  private static boolean isWrite(org.eclipse.jetty.server.Request request) {
    String method = request.getMethod();
    return method.equals("PUT") || method.equals("DELETE")
        || method.equals("POST") && REGISTER_PATH.matcher(request.getHttpURI().getPath()).matches();
  }

  /**
   * Sends a write to the leader with the caller's credentials and answers with the leader's answer;
   * a success is answered only once this instance has read the write back (read your writes). While
   * no leader is known (an election under way) it waits for one, up to the session timeout twice.
   */
  private void forward(org.eclipse.jetty.server.Request request, Response response, Callback callback, byte[] body) {
    KafkaLeaderElector elector = cluster;
    long deadline = System.nanoTime() + 2 * KafkaLeaderElector.SESSION_TIMEOUT.toNanos();
    String leader = null;
    while (leader == null) {
      if (elector.isLeader()) {
        respondLocally(request, response, callback, body);
        return;
      }
      leader = elector.leaderUrl().orElse(null);
      if (leader != null && leader.equals(elector.advertisedUrl())) {
        leader = null; // assigned to this instance, still taking over: wait for it
      }
      if (leader == null) {
        if (System.nanoTime() > deadline) {
          answer(request, response, callback, new RegistryError(500, ErrorCodes.UNKNOWN_LEADER,
              "Unknown leader: no registry instance leads " + clusterStore.topic() + " at the moment; retry"));
          return;
        }
        try {
          Thread.sleep(100); // an election takes seconds; nothing to wait on but the group's next answer
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    String query = request.getHttpURI().getQuery();
    HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(leader
            + request.getHttpURI().getPath() + (query == null ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(30))
        .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    out.header("Content-Type", type != null ? type : RegistryJson.CONTENT_TYPE);
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth != null) {
      out.header("Authorization", auth);
    }
    HttpResponse<String> answer;
    try {
      answer = forwarder.send(out.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      elector.forgetLeader();
      answer(request, response, callback, new RegistryError(500, ErrorCodes.REQUEST_FORWARDING_FAILED,
          "Error while forwarding the request to the leader " + leader + ": " + e.getMessage()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (answer.statusCode() < 300) {
      try {
        clusterStore.awaitApplied(clusterStore.endOffset());
      } catch (RegistryError e) {
        answer(request, response, callback, e);
        return;
      }
    }
    write(response, callback, answer.statusCode(), answer.headers().firstValue("Content-Type")
        .orElse(RegistryJson.CONTENT_TYPE), answer.body());
  }

  private void respond(org.eclipse.jetty.server.Request request, Response response, Callback callback, byte[] body) {
    if (cluster != null && isWrite(request) && !cluster.isLeader()) {
      reaper.busy(request, true);
      try {
        forward(request, response, callback, body);
      } finally {
        reaper.busy(request, false);
      }
      return;
    }
    respondLocally(request, response, callback, body);
  }

  private void respondLocally(org.eclipse.jetty.server.Request request, Response response, Callback callback,
      byte[] body) {
    reaper.busy(request, true);
    try {
      Answer answer = route(new Request(request, body));
      write(response, callback, 200, answer.contentType(), answer.body());
    } catch (RegistryError e) {
      answer(request, response, callback, e);
    } catch (StackOverflowError e) {
      // the parsers refuse deep nesting before recursing; this is the last line of defence
      answer(request, response, callback, RegistryError.invalidSchema("the schema nests too deeply to process"));
    } catch (VirtualMachineError e) {
      Fatal.halt("while answering " + request.getMethod() + " " + request.getHttpURI().getPath(), e);
    } catch (RuntimeException e) {
      System.err.println("registry-server: " + request.getMethod() + " " + request.getHttpURI().getPath()
          + " failed: " + e);
      write(response, callback, 500, RegistryJson.CONTENT_TYPE,
          RegistryJson.error(ErrorCodes.STORE_ERROR, "Internal error: " + e.getClass().getSimpleName()).toString());
    } finally {
      reaper.busy(request, false);
    }
  }

  private void answer(org.eclipse.jetty.server.Request request, Response response, Callback callback, RegistryError e) {
    if (e.status == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"schema-registry\"");
    }
    write(response, callback, e.status, RegistryJson.CONTENT_TYPE, RegistryJson.error(e.errorCode, e.getMessage())
        .toString());
  }

  private static void write(Response response, Callback callback, int status, String contentType, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** Basic auth; the scheme is matched case-insensitively (RFC 7235), the credentials in constant time. */
  private void authorize(org.eclipse.jetty.server.Request request) {
    if (expectedCredentials == null) {
      return;
    }
    String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    int space = given == null ? -1 : given.indexOf(' ');
    boolean ok = space > 0 && given.substring(0, space).equalsIgnoreCase("Basic")
        && MessageDigest.isEqual(expectedCredentials, given.substring(space + 1).trim().getBytes(StandardCharsets.US_ASCII));
    if (!ok) {
      throw new RegistryError(401, ErrorCodes.UNAUTHORIZED, "Unauthorized");
    }
  }

  private RegistryError tooLarge() {
    return new RegistryError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxRequestBytes
        + " bytes");
  }

  /** A successful answer: Confluent's JSON, or a schema's raw text ({@code .../schema} endpoints). */
  private record Answer(String contentType, String body) {
    static Answer json(JsonNode node) {
      return new Answer(RegistryJson.CONTENT_TYPE, node.toString());
    }

    static Answer text(String schema) {
      return new Answer("text/plain; charset=utf-8", schema);
    }
  }

  /** A parsed request: method, decoded path segments (empty ones kept), query and body. */
  private static final class Request {
    final String method;
    final List<String> path = new ArrayList<>();
    final Map<String, String> query = new HashMap<>();
    final byte[] body;

    Request(org.eclipse.jetty.server.Request request, byte[] body) {
      this.method = request.getMethod();
      this.body = body;
      String rawPath = request.getHttpURI().getPath();
      String[] segments = rawPath.split("/", -1);
      // "/subjects//versions" is an empty subject, not the subject "versions"; a trailing '/' is nothing
      for (int i = 1; i < segments.length; i++) {
        if (i < segments.length - 1 || !segments[i].isEmpty()) {
          path.add(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
      }
      String rawQuery = request.getHttpURI().getQuery();
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

  private Answer route(Request r) {
    List<String> p = r.path;
    if (p.isEmpty() && r.method.equals("GET")) {
      return Answer.json(RegistryJson.MAPPER.createObjectNode());
    }
    String head = p.isEmpty() ? "" : p.get(0);
    switch (head) {
      case "schemas" -> {
        if (r.is("GET", 2) && p.get(1).equals("types")) {
          return Answer.json(strings(RegistryService.SCHEMA_TYPES));
        }
        if (p.size() >= 3 && p.get(1).equals("ids") && r.method.equals("GET")) {
          int id = intParam(p.get(2), "schema id");
          if (p.size() == 3) {
            RegistrySchema schema = service.schema(id);
            return Answer.json(RegistryJson.schema(new RegistrySchema(service.formatted(id, r.query.get("format")),
                schema.schemaType(), schema.references())));
          }
          if (p.size() == 4 && p.get(3).equals("schema")) {
            return Answer.text(service.formatted(id, r.query.get("format")));
          }
          if (p.size() == 4 && p.get(3).equals("versions")) {
            ArrayNode out = RegistryJson.MAPPER.createArrayNode();
            service.usesOf(id).forEach(e -> out.addObject().put("subject", e.getKey()).put("version", e.getValue()));
            return Answer.json(out);
          }
          if (p.size() == 4 && p.get(3).equals("subjects")) {
            return Answer.json(strings(service.usesOf(id).stream().map(Map.Entry::getKey).distinct().toList()));
          }
        }
      }
      case "subjects" -> {
        if (r.is("GET", 1)) {
          return Answer.json(strings(service.subjects(r.flag("deleted"))));
        }
        if (p.size() >= 2) {
          String subject = p.get(1);
          if (r.is("POST", 2)) {
            return Answer.json(RegistryJson.subjectVersion(service.lookup(subject, r.schema(), r.flag("deleted"),
                r.flag("normalize"))));
          }
          if (r.is("DELETE", 2)) {
            return Answer.json(ints(service.deleteSubject(subject, r.flag("permanent"))));
          }
          if (p.size() >= 3 && p.get(2).equals("versions")) {
            if (r.is("GET", 3)) {
              return Answer.json(ints(service.versions(subject, r.flag("deleted"))));
            }
            if (r.is("POST", 3)) {
              JsonNode body = r.json();
              // IMPORT mode: the id and version the schema had in the registry it is migrated from
              Integer importId = body.hasNonNull("id") ? body.get("id").asInt() : null;
              Integer importVersion = body.hasNonNull("version") ? body.get("version").asInt() : null;
              return Answer.json(RegistryJson.MAPPER.createObjectNode().put("id", service.register(subject, r.schema(),
                  r.flag("normalize"), importId, importVersion)));
            }
            if (p.size() >= 4) {
              String version = p.get(3);
              if (r.is("GET", 4)) {
                return Answer.json(RegistryJson.subjectVersion(formatted(service.version(subject, version, r.flag("deleted")),
                    r.query.get("format"))));
              }
              if (r.is("DELETE", 4)) {
                return Answer.json(RegistryJson.MAPPER.getNodeFactory().numberNode(
                    service.deleteVersion(subject, version, r.flag("permanent"))));
              }
              if (r.is("GET", 5) && p.get(4).equals("schema")) {
                return Answer.text(service.formatted(service.version(subject, version, r.flag("deleted")).id(),
                    r.query.get("format")));
              }
              if (r.is("GET", 5) && p.get(4).equals("referencedby")) {
                SubjectVersion v = service.version(subject, version, true);
                return Answer.json(ints(service.referencedBy(subject, v.version())));
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
          return Answer.json(out);
        }
      }
      case "config" -> {
        String subject = p.size() == 2 ? p.get(1) : null;
        if (p.size() <= 2) {
          switch (r.method) {
            case "GET" -> {
              String level = subject == null ? service.globalLevel() : service.subjectLevel(subject, r.flag("defaultToGlobal"));
              return Answer.json(RegistryJson.MAPPER.createObjectNode().put("compatibilityLevel", level));
            }
            case "PUT" -> {
              JsonNode body = r.json();
              String level = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
              return Answer.json(RegistryJson.MAPPER.createObjectNode().put("compatibility", service.setLevel(subject, level)));
            }
            case "DELETE" -> {
              if (subject != null) {
                return Answer.json(RegistryJson.MAPPER.createObjectNode().put("compatibilityLevel", service.deleteLevel(subject)));
              }
            }
            default -> { }
          }
        }
      }
      case "mode" -> {
        String subject = p.size() == 2 ? p.get(1) : null;
        if (p.size() <= 2) {
          switch (r.method) {
            case "GET" -> {
              return Answer.json(RegistryJson.MAPPER.createObjectNode().put("mode", service.mode(subject)));
            }
            case "PUT" -> {
              return Answer.json(RegistryJson.MAPPER.createObjectNode().put("mode",
                  service.setMode(subject, r.json().path("mode").asText(null), r.flag("force"))));
            }
            case "DELETE" -> {
              if (subject != null) {
                return Answer.json(RegistryJson.MAPPER.createObjectNode().put("mode", service.deleteMode(subject)));
              }
            }
            default -> { }
          }
        }
      }
      case "v1" -> {
        if (r.is("GET", 3) && p.get(1).equals("metadata") && p.get(2).equals("id")) {
          // Confluent's cluster identity; the Kafka cluster only when the state lives in Kafka
          ObjectNode clusters = RegistryJson.MAPPER.createObjectNode();
          KafkaStore store = clusterStore;
          if (store != null && store.clusterId() != null) {
            clusters.put("kafka-cluster", store.clusterId());
          }
          clusters.put("schema-registry-cluster", "schema-registry");
          ObjectNode scope = RegistryJson.MAPPER.createObjectNode();
          scope.putArray("path");
          scope.set("clusters", clusters);
          ObjectNode out = RegistryJson.MAPPER.createObjectNode();
          out.set("scope", scope);
          return Answer.json(out);
        }
        if (r.is("GET", 3) && p.get(1).equals("metadata") && p.get(2).equals("leader")) {
          KafkaLeaderElector elector = cluster;
          ObjectNode out = RegistryJson.MAPPER.createObjectNode();
          if (elector == null) {
            out.put("store", "single instance").put("isLeader", true);
          } else {
            out.put("store", "kafka topic " + clusterStore.topic()).put("instance", elector.advertisedUrl())
                .put("isLeader", elector.isLeader());
            elector.leaderUrl().ifPresentOrElse(url -> out.put("leader", url), () -> out.putNull("leader"));
          }
          return Answer.json(out);
        }
      }
      default -> { }
    }
    throw new RegistryError(404, ErrorCodes.NOT_FOUND, "HTTP 404 Not Found");
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
      throw new RegistryError(404, ErrorCodes.NOT_FOUND, "HTTP 404 Not Found: invalid " + what + " '" + text + "'");
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
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("registry-server: stopping the HTTP server: " + e);
    }
    reaper.close();
  }
}
