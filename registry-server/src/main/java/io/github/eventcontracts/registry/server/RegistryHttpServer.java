package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import io.github.eventcontracts.registry.server.auth.Access;
import io.github.eventcontracts.registry.server.auth.AuthFile;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
  private static final String PRINCIPAL = "registry.principal";
  private static final String MEMO_KEY = "registry.memoKey";
  private final Server server;
  private final List<ServerConnector> connectors = new ArrayList<>();
  private final List<RegistryOptions.Listener> listeners;
  private final SlowRequestReaper reaper;
  private final long maxRequestBytes;
  private final Access access;
  /** This registry's own certificate subject (its keystore's); another instance shows the same one. */
  private final javax.security.auth.x500.X500Principal instanceIdentity;
  private final javax.net.ssl.SSLContext instanceTls;
  private final RouteTable<Answer> routes;
  private final int queueSize;
  /** Answers already given, while the state is unchanged; 32 MiB at most. */
  private final AnswerMemo memo = new AnswerMemo(32L << 20);

  RegistryHttpServer(RegistryService service, RegistryOptions options, Access access) throws IOException {
    this.service = service;
    this.access = access;
    this.routes = routeTable();
    this.maxRequestBytes = options.maxRequestBytes();
    this.listeners = options.effectiveListeners();
    InstanceTls instance = InstanceTls.of(options.tls());
    this.instanceIdentity = instance == null ? null : instance.identity();
    this.instanceTls = instance == null ? null : instance.context();
    // Request threads plus the acceptor and the selector. The queue itself is unbounded, as Jetty
    // wants it (a bounded one can reject its own internal jobs); requests beyond queueSize are
    // refused with 503 before they are queued (see accept).
    this.queueSize = options.queueSize();
    QueuedThreadPool pool = new QueuedThreadPool(options.threads() + 2, Math.min(4, options.threads() + 2), 60_000,
        new BlockingArrayQueue<>(Math.max(8, options.queueSize()), Math.max(8, options.queueSize()))) {
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
    server.setErrorHandler(new JsonErrors());
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    // subjects are path segments and may hold an encoded '/', as Confluent's reference subjects do
    http.setUriCompliance(UriCompliance.from(UriCompliance.AMBIGUOUS_VIOLATIONS));
    this.reaper = new SlowRequestReaper(options.requestTimeout());
    for (RegistryOptions.Listener listener : listeners) {
      ServerConnector connector = listener.https() ? httpsConnector(http, options.tls(), listener)
          : new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      connector.setHost(listener.host());
      connector.setPort(listener.port());
      connector.setIdleTimeout(options.idleTimeout().toMillis());
      connector.setAcceptQueueSize(128);
      connector.addEventListener(reaper);
      server.addConnector(connector);
      connectors.add(connector);
    }
    server.addBean(new NetworkConnectionLimit(options.maxConnections(), connectors.toArray(new ServerConnector[0])));
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
    return connectors.get(0).getLocalPort();
  }

  Access access() {
    return access;
  }

  /** Each listener's URL, with the port it got: {@code https://127.0.0.1:40123}. */
  List<String> urls() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      String host = listeners.get(i).host();
      out.add(listeners.get(i).scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
          + connectors.get(i).getLocalPort());
    }
    return out;
  }

  /** TLS from Confluent's {@code ssl.*} settings; client certificates asked for or required as configured. */
  private ServerConnector httpsConnector(HttpConfiguration plain, RegistryOptions.Tls tls, RegistryOptions.Listener at) {
    if (tls == null || tls.keyStore() == null) {
      throw new IllegalArgumentException("listener " + at.scheme() + "://" + at.host() + ":" + at.port()
          + " needs a keystore: set ssl.keystore.location and ssl.keystore.password");
    }
    org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keyStore().toString());
    if (tls.keyStoreType() != null) {
      ssl.setKeyStoreType(tls.keyStoreType());
    }
    ssl.setKeyStorePassword(tls.keyStorePassword());
    if (tls.keyPassword() != null) {
      ssl.setKeyManagerPassword(tls.keyPassword());
    }
    if (tls.trustStore() != null) {
      ssl.setTrustStorePath(tls.trustStore().toString());
      if (tls.trustStoreType() != null) {
        ssl.setTrustStoreType(tls.trustStoreType());
      }
      ssl.setTrustStorePassword(tls.trustStorePassword());
    }
    ssl.setNeedClientAuth(tls.clientAuth() == RegistryOptions.ClientAuth.REQUIRED);
    ssl.setWantClientAuth(tls.clientAuth() == RegistryOptions.ClientAuth.REQUESTED);
    if (!tls.protocols().isEmpty()) {
      ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    }
    HttpConfiguration https = new HttpConfiguration(plain);
    org.eclipse.jetty.server.SecureRequestCustomizer secure = new org.eclipse.jetty.server.SecureRequestCustomizer();
    secure.setSniHostCheck(false); // clients reach a registry by IP and by names the certificate may not list
    https.addCustomizer(secure);
    return new ServerConnector(server, 1, 1, new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
  }

  /** Checks what can be checked before the body, then reads the body without holding this thread. */
  private void accept(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
    Access.Principal principal;
    try {
      principal = authenticate(request);
      request.setAttribute(PRINCIPAL, principal);
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
    if (principal.everything() && body.isDone() && !body.isCompletedExceptionally() && answeredBefore(request,
        response, callback, body.join())) {
      return; // nobody to authorize, and this very request answered at this state: no route, no parse
    }
    if (body.isDone() && "GET".equals(request.getMethod())) { // a read: answered from memory, on this thread
      body.whenComplete((bytes, failure) -> bodyRead(request, response, callback, bytes, failure));
    } else { // parses, checks or writes; or a body still arriving, which no thread waits for
      body.whenComplete((bytes, failure) -> {
        QueuedThreadPool pool = (QueuedThreadPool) server.getThreadPool();
        if (pool.getQueueSize() >= queueSize) {
          answer(request, response, callback, new RegistryError(503, ErrorCodes.OPERATION_TIMEOUT,
              "Too many requests waiting (" + queueSize + "); retry"));
          return;
        }
        pool.execute(() -> bodyRead(request, response, callback, bytes, failure));
      });
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

  /** Answers, on this thread, a request the memo holds for the current state; false when it holds none. */
  private boolean answeredBefore(org.eclipse.jetty.server.Request request, Response response, Callback callback,
      byte[] body) {
    if (body.length > AnswerMemo.MAX_BODY) {
      return false;
    }
    AnswerMemo.Key key = memoKey(request, body);
    request.setAttribute(MEMO_KEY, key); // a miss is computed and kept under the same key
    AnswerMemo.Entry known = memo.get(key, service.generation());
    LeaderForwarder cluster = forwarder;
    if (known == null || known.write() && cluster != null && !cluster.isLeader()) { // a follower forwards writes
      return false;
    }
    write(response, callback, 200, known.answer().contentType(), known.answer().body());
    return true;
  }

  /** The request as the memo keys it, made once per request. */
  private static AnswerMemo.Key memoKey(org.eclipse.jetty.server.Request request, byte[] body) {
    if (request.getAttribute(MEMO_KEY) instanceof AnswerMemo.Key made) {
      return made;
    }
    return new AnswerMemo.Key(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(), body);
  }

  private volatile LeaderForwarder forwarder;

  /** Instances on one Kafka topic: writes that reach a follower are forwarded to the leader. */
  void cluster(KafkaLeaderElector elector, KafkaStore store) {
    this.forwarder = new LeaderForwarder(elector, store, instanceTls);
  }

  private void respond(org.eclipse.jetty.server.Request request, Response response, Callback callback, byte[] body) {
    reaper.busy(request, true);
    try {
      Call call = new Call(request, body);
      RouteTable.Match<Answer> match = routes.find(call.method, call.path);
      call.params = match.params();
      call.principal = (Access.Principal) request.getAttribute(PRINCIPAL);
      call.access = access;
      authorize(match, call);
      LeaderForwarder cluster = forwarder;
      if (cluster != null && match.route().access() == RouteTable.Access.WRITE && !cluster.isLeader()) {
        String query = request.getHttpURI().getQuery();
        LeaderForwarder.Answer forwarded = cluster.forward(call.method,
            request.getHttpURI().getPath() + (query == null ? "" : "?" + query),
            request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getHeaders().get(HttpHeader.AUTHORIZATION),
            call.principal.certificate() ? call.principal.name() : null, body);
        if (forwarded != null) {
          write(response, callback, forwarded.status(), forwarded.contentType(), utf8(forwarded.body()));
          return;
        }
      }
      RouteTable.Route<Answer> route = match.route();
      Answer answer = route.fromState() && body.length <= AnswerMemo.MAX_BODY
          ? memo.answer(memoKey(request, body), service.generation(), route.access() == RouteTable.Access.WRITE,
              () -> route.handler().handle(call))
          : route.handler().handle(call);
      write(response, callback, 200, answer.contentType(), answer.body());
    } catch (RegistryError e) {
      answer(request, response, callback, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(request, response, callback, new RegistryError(500, ErrorCodes.REQUEST_FORWARDING_FAILED,
          "interrupted while forwarding the request to the leader"));
    } catch (StackOverflowError e) {
      // the parsers refuse deep nesting before recursing; this is the last line of defence
      answer(request, response, callback, RegistryError.invalidSchema("the schema nests too deeply to process"));
    } catch (VirtualMachineError e) {
      Fatal.halt("while answering " + request.getMethod() + " " + request.getHttpURI().getPath(), e);
    } catch (RuntimeException e) {
      System.err.println("registry-server: " + request.getMethod() + " " + request.getHttpURI().getPath()
          + " failed: " + e);
      write(response, callback, 500, RegistryJson.CONTENT_TYPE,
          utf8(RegistryJson.error(ErrorCodes.STORE_ERROR, "Internal error: " + e.getClass().getSimpleName()).toString()));
    } finally {
      reaper.busy(request, false);
    }
  }

  private void answer(org.eclipse.jetty.server.Request request, Response response, Callback callback, RegistryError e) {
    if (e.status == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"schema-registry\"");
    }
    write(response, callback, e.status, RegistryJson.CONTENT_TYPE, utf8(RegistryJson.error(e.errorCode, e.getMessage())
        .toString()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Response response, Callback callback, int status, String contentType, byte[] bytes) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** Who the request is: basic auth (the scheme matched case-insensitively, RFC 7235) or its client certificate. */
  private Access.Principal authenticate(org.eclipse.jetty.server.Request request) {
    java.security.cert.X509Certificate[] peer = null;
    if (request.getAttribute(org.eclipse.jetty.io.EndPoint.SslSessionData.ATTRIBUTE)
        instanceof org.eclipse.jetty.io.EndPoint.SslSessionData tls) {
      peer = tls.peerCertificates();
    }
    String forwardedFor = request.getHeaders().get(LeaderForwarder.FORWARDED_PRINCIPAL);
    if (forwardedFor != null) {
      // a follower passing on a certificate user's write: only another instance may say who it is for
      if (instanceIdentity == null || peer == null || peer.length == 0
          || !peer[0].getSubjectX500Principal().equals(instanceIdentity)) {
        throw new RegistryError(401, ErrorCodes.UNAUTHORIZED, "Unauthorized: " + LeaderForwarder.FORWARDED_PRINCIPAL
            + " is taken only from another instance of this registry");
      }
      return new Access.Principal(forwardedFor, false, true);
    }
    try {
      return access.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION), peer,
          org.eclipse.jetty.server.Request.getRemoteAddr(request));
    } catch (Access.Unauthenticated e) {
      throw new RegistryError(401, ErrorCodes.UNAUTHORIZED, "Unauthorized");
    }
  }

  /** The route's permission, in Karapace's terms: 403 where the caller's permissions do not reach. */
  private void authorize(RouteTable.Match<Answer> match, Call call) {
    if (call.principal.everything()) {
      return;
    }
    AuthFile.Operation operation = match.route().access() == RouteTable.Access.WRITE
        ? AuthFile.Operation.Write : AuthFile.Operation.Read;
    String resource = switch (match.route().resource()) {
      case NONE, FILTERED -> null;
      case CONFIG -> "Config:";
      case SUBJECT -> "Subject:" + match.params().get("subject");
      case SUBJECTS_OF_ID -> {
        int id = intParam(match.params().get("id"), "schema id");
        // readable when one subject using it is, as Karapace decides it
        boolean any = service.usesOf(id).stream().anyMatch(e -> call.mayRead(e.getKey()));
        yield any ? null : "the subjects of schema id " + id;
      }
    };
    if (resource != null && (match.route().resource() == RouteTable.Resource.SUBJECTS_OF_ID
        || !access.allows(call.principal, operation, resource))) {
      throw new RegistryError(403, ErrorCodes.FORBIDDEN, "User " + call.principal.name() + " is denied operation "
          + operation + " on " + resource);
    }
  }

  private RegistryError tooLarge() {
    return new RegistryError(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body is larger than " + maxRequestBytes
        + " bytes");
  }

  /**
   * What Jetty answers itself — a request line it cannot parse (a LF or NUL in the path), a path it
   * refuses, headers too large — in Confluent's JSON error body, never an HTML page.
   */
  private static final class JsonErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, RegistryJson.CONTENT_TYPE);
      return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateResponse(org.eclipse.jetty.server.Request request, Response response, int code,
        String message, Throwable cause, Callback callback) {
      // a request line Jetty cannot read (a LF in the path leaves no HTTP version) is the client's fault
      int status = code == 505 ? 400 : code;
      RegistryHttpServer.write(response, callback, status, RegistryJson.CONTENT_TYPE, utf8(body(status, message)));
    }

    private static String body(int status, String reason) {
      String text = "HTTP " + status + " " + org.eclipse.jetty.http.HttpStatus.getMessage(status)
          + (reason == null || reason.isBlank() ? "" : ": " + reason);
      return RegistryJson.error(status, text).toString();
    }
  }

  /** A successful answer, encoded once: Confluent's JSON, or a schema's raw text ({@code .../schema} endpoints). */
  record Answer(String contentType, byte[] body) {
    static Answer of(String contentType, byte[] body) {
      return new Answer(contentType, body);
    }

    static Answer json(JsonNode node) {
      return encoded(node);
    }

    /** A JSON array of strings, written straight to bytes: a list of 100,000 subjects builds no tree. */
    static Answer values(List<String> values) {
      return encoded(values);
    }

    private static Answer encoded(Object value) {
      try {
        return new Answer(RegistryJson.CONTENT_TYPE, RegistryJson.MAPPER.writeValueAsBytes(value));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("an answer that cannot be written as JSON: " + e.getMessage(), e);
      }
    }

    static Answer text(String schema) {
      return new Answer("text/plain; charset=utf-8", utf8(schema));
    }
  }

  /** A parsed request: method, decoded path segments (empty ones kept), query, body, and the route's parameters. */
  private static final class Call implements RouteTable.Call {
    final String method;
    final List<String> path = new ArrayList<>();
    final Map<String, String> query = new HashMap<>();
    /** Every value of a repeated parameter ({@code ?key=a&key=b}), in order. */
    final Map<String, List<String>> queryAll = new HashMap<>();
    final byte[] body;
    Map<String, String> params = Map.of();
    Access.Principal principal;
    Access access;

    Call(org.eclipse.jetty.server.Request request, byte[] body) {
      this.method = request.getMethod();
      this.body = body;
      String rawPath = request.getHttpURI().getPath();
      String[] segments = rawPath.split("/", -1);
      // "/subjects//versions" is an empty subject, not the subject "versions"; a trailing '/' is nothing
      for (int i = 1; i < segments.length; i++) {
        if (i < segments.length - 1 || !segments[i].isEmpty()) {
          path.add(decode(segments[i].replace("+", "%2B"), "path"));
        }
      }
      String rawQuery = request.getHttpURI().getQuery();
      if (rawQuery != null) {
        for (String pair : rawQuery.split("&")) {
          int eq = pair.indexOf('=');
          String key = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
          String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query");
          query.put(key, value);
          queryAll.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
      }
    }

    /** A bad escape ({@code %zz}) is the client's mistake: 400, never a 500. */
    private static String decode(String text, String where) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw RegistryError.badRequest("the request " + where + " has an invalid %-escape: '" + text + "'");
      }
    }

    @Override
    public String param(String name) {
      return params.get(name);
    }

    @Override
    public String query(String name) {
      return query.get(name);
    }

    @Override
    public List<String> queryAll(String name) {
      return queryAll.getOrDefault(name, List.of());
    }

    @Override
    public boolean flag(String name) {
      return "true".equalsIgnoreCase(query.get(name));
    }

    @Override
    public byte[] body() {
      return body;
    }

    @Override
    public boolean seesEverything() {
      return principal.everything();
    }

    @Override
    public boolean mayRead(String subject) {
      return access.allows(principal, AuthFile.Operation.Read, "Subject:" + subject);
    }
  }

  private static JsonNode json(RouteTable.Call call) {
    byte[] body = call.body();
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

  private static RegistrySchema schema(RouteTable.Call call) {
    try {
      return RegistryJson.readSchema(json(call));
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  /** A route answered from the state and the request alone, unless it lists what the caller may see. */
  private static RouteTable.Route<Answer> route(String method, String pattern, RouteTable.Access access,
      RouteTable.Resource resource, RouteTable.Handler<Answer> handler) {
    return new RouteTable.Route<>(method, pattern, access, resource, resource != RouteTable.Resource.FILTERED, handler);
  }

  /** A route whose answer depends on more than the state: leadership, the console's files. */
  private static RouteTable.Route<Answer> live(String method, String pattern, RouteTable.Access access,
      RouteTable.Resource resource, RouteTable.Handler<Answer> handler) {
    return new RouteTable.Route<>(method, pattern, access, resource, false, handler);
  }

  /** Confluent's REST API v1, one line an endpoint. */
  private RouteTable<Answer> routeTable() {
    RouteTable.Access read = RouteTable.Access.READ;
    RouteTable.Access write = RouteTable.Access.WRITE;
    RouteTable.Resource none = RouteTable.Resource.NONE;
    RouteTable.Resource config = RouteTable.Resource.CONFIG;
    RouteTable.Resource subject = RouteTable.Resource.SUBJECT;
    RouteTable.Resource ofId = RouteTable.Resource.SUBJECTS_OF_ID;
    RouteTable.Resource filtered = RouteTable.Resource.FILTERED;
    return new RouteTable<>(List.of(
        route("GET", "/", read, none, c -> Answer.json(RegistryJson.MAPPER.createObjectNode())),
        route("GET", "/schemas/types", read, none, c -> Answer.json(strings(RegistryService.SCHEMA_TYPES))),
        route("GET", "/schemas/ids/{id}", read, ofId, c -> {
          int id = intParam(c.param("id"), "schema id");
          RegistrySchema schema = service.schema(id);
          return Answer.json(RegistryJson.schema(schema.withText(service.formatted(id, c.query("format")))));
        }),
        route("GET", "/schemas/ids/{id}/schema", read, ofId,
            c -> Answer.text(service.formatted(intParam(c.param("id"), "schema id"), c.query("format")))),
        route("GET", "/schemas/ids/{id}/versions", read, filtered, c -> {
          ArrayNode out = RegistryJson.MAPPER.createArrayNode();
          service.usesOf(intParam(c.param("id"), "schema id")).stream().filter(e -> c.mayRead(e.getKey()))
              .forEach(e -> out.addObject().put("subject", e.getKey()).put("version", e.getValue()));
          return Answer.json(out);
        }),
        route("GET", "/schemas/ids/{id}/subjects", read, filtered, c -> Answer.json(strings(
            service.usesOf(intParam(c.param("id"), "schema id")).stream().map(Map.Entry::getKey).distinct()
                .filter(c::mayRead).toList()))),
        route("GET", "/subjects", read, filtered, c -> Answer.values(subjectList(c))),
        route("POST", "/subjects/{subject}", read, subject, c -> Answer.json(RegistryJson.subjectVersion(
            service.lookup(c.param("subject"), schema(c), c.flag("deleted"), c.flag("normalize"))))),
        route("DELETE", "/subjects/{subject}", write, subject,
            c -> Answer.json(ints(service.deleteSubject(c.param("subject"), c.flag("permanent"))))),
        route("GET", "/subjects/{subject}/versions", read, subject,
            c -> Answer.json(ints(service.versions(c.param("subject"), c.flag("deleted"))))),
        route("POST", "/subjects/{subject}/versions", write, subject, c -> {
          JsonNode body = json(c);
          // IMPORT mode: the id and version the schema had in the registry it is migrated from
          Integer importId = body.hasNonNull("id") ? body.get("id").asInt() : null;
          Integer importVersion = body.hasNonNull("version") ? body.get("version").asInt() : null;
          return Answer.json(RegistryJson.MAPPER.createObjectNode().put("id", service.register(c.param("subject"),
              schema(c), c.flag("normalize"), importId, importVersion)));
        }),
        route("GET", "/subjects/{subject}/versions/{version}", read, subject, c -> Answer.json(RegistryJson.subjectVersion(
            formatted(service.version(c.param("subject"), c.param("version"), c.flag("deleted")), c.query("format"))))),
        route("DELETE", "/subjects/{subject}/versions/{version}", write, subject, c -> Answer.json(RegistryJson.MAPPER
            .getNodeFactory().numberNode(service.deleteVersion(c.param("subject"), c.param("version"),
                c.flag("permanent"))))),
        route("GET", "/subjects/{subject}/versions/{version}/schema", read, subject, c -> Answer.text(service.formatted(
            service.version(c.param("subject"), c.param("version"), c.flag("deleted")).id(), c.query("format")))),
        route("GET", "/subjects/{subject}/metadata", read, subject, c -> Answer.json(RegistryJson.subjectVersion(formatted(
            service.latestWithMetadata(c.param("subject"), metadataQuery(c), c.flag("deleted")), c.query("format"))))),
        route("GET", "/subjects/{subject}/versions/{version}/referencedby", read, subject, c -> {
          SubjectVersion v = service.version(c.param("subject"), c.param("version"), true);
          return Answer.json(ints(service.referencedBy(c.param("subject"), v.version())));
        }),
        route("POST", "/compatibility/subjects/{subject}/versions", read, subject, c -> compatibility(c, null)),
        route("POST", "/compatibility/subjects/{subject}/versions/{version}", read, subject,
            c -> compatibility(c, c.param("version"))),
        route("GET", "/config", read, config, c -> config(service.globalConfig())),
        route("PUT", "/config", write, config, c -> updateConfig(c, null)),
        route("GET", "/config/{subject}", read, subject,
            c -> config(service.subjectConfig(c.param("subject"), c.flag("defaultToGlobal")))),
        route("PUT", "/config/{subject}", write, subject, c -> updateConfig(c, c.param("subject"))),
        route("DELETE", "/config/{subject}", write, subject, c -> config(service.deleteConfig(c.param("subject")))),
        route("GET", "/mode", read, config, c -> mode(service.mode(null))),
        route("PUT", "/mode", write, config, c -> mode(service.setMode(null, json(c).path("mode").asText(null), c.flag("force")))),
        route("GET", "/mode/{subject}", read, subject, c -> mode(service.mode(c.param("subject")))),
        route("PUT", "/mode/{subject}", write, subject,
            c -> mode(service.setMode(c.param("subject"), json(c).path("mode").asText(null), c.flag("force")))),
        route("DELETE", "/mode/{subject}", write, subject, c -> mode(service.deleteMode(c.param("subject")))),
        live("GET", "/v1/metadata/id", read, none, c -> clusterIdentity()),
        live("GET", "/v1/metadata/leader", read, none, c -> leadership()),
        // the web console: its files, and the two views the REST API has no answer for
        live("GET", "/ui", read, none, c -> Console.file("index.html")),
        live("GET", "/ui/{file}", read, none, c -> Console.file(c.param("file").isEmpty() ? "index.html"
            : c.param("file"))),
        live("GET", "/ui/api/subjects", read, filtered, c -> Answer.json(Console.subjects(service, c))),
        live("GET", "/ui/api/subjects/{subject}/compare", read, subject, c -> Answer.json(Console.compare(service,
            c.param("subject"), c.query("from"), c.query("to"))))));
  }

  /**
   * Confluent's {@code GET /subjects?subjectPrefix=&offset=&limit=&deleted=&deletedOnly=}: the
   * page is taken from what the caller may read, so a reader's pages have no holes.
   */
  private List<String> subjectList(RouteTable.Call c) {
    RegistryService.SubjectFilter filter = c.flag("deletedOnly") ? RegistryService.SubjectFilter.DELETED_ONLY
        : c.flag("deleted") ? RegistryService.SubjectFilter.INCLUDE_DELETED : RegistryService.SubjectFilter.LIVE;
    String prefix = c.query("subjectPrefix");
    if (prefix == null || prefix.equals(":*:")) { // Confluent's "every context": this registry has one
      prefix = "";
    }
    int offset = Math.max(0, c.query("offset") == null ? 0 : intParam(c.query("offset"), "offset"));
    int limit = c.query("limit") == null ? -1 : intParam(c.query("limit"), "limit");
    limit = limit < 0 ? Integer.MAX_VALUE : limit; // Confluent: a negative limit is no limit
    if (c.seesEverything()) {
      return service.subjects(filter, prefix, offset, limit);
    }
    return service.subjects(filter, prefix, 0, Integer.MAX_VALUE).stream().filter(c::mayRead).skip(offset)
        .limit(limit).toList();
  }

  private Answer compatibility(RouteTable.Call c, String version) {
    CompatibilityCheck check = service.testCompatibility(c.param("subject"), version, schema(c), c.flag("normalize"));
    ObjectNode out = RegistryJson.MAPPER.createObjectNode().put("is_compatible", check.compatible());
    if (c.flag("verbose")) {
      out.set("messages", strings(check.messages()));
    }
    return Answer.json(out);
  }

  /** Confluent's {@code Config}: {@code compatibilityLevel} and the data-contract settings. */
  private static Answer config(SubjectConfig config) {
    return Answer.json(config.toJson("compatibilityLevel"));
  }

  /** Confluent answers a config update with the request's shape: {@code compatibility} and the rest. */
  private Answer updateConfig(RouteTable.Call c, String subject) {
    return Answer.json(service.updateConfig(subject, json(c)).toJson("compatibility"));
  }

  /** {@code ?key=owner&value=payments&key=...}: pairs of metadata properties, in order. */
  private static Map<String, String> metadataQuery(RouteTable.Call c) {
    List<String> keys = c.queryAll("key");
    List<String> values = c.queryAll("value");
    if (keys.size() != values.size()) {
      throw RegistryError.badRequest("each key needs a value: ?key=<property>&value=<value>");
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), values.get(i));
    }
    return out;
  }

  private static Answer mode(String mode) {
    return Answer.json(RegistryJson.MAPPER.createObjectNode().put("mode", mode));
  }

  /** Confluent's cluster identity; the Kafka cluster only when the state lives in Kafka. */
  private Answer clusterIdentity() {
    ObjectNode clusters = RegistryJson.MAPPER.createObjectNode();
    LeaderForwarder cluster = forwarder;
    if (cluster != null && cluster.store().clusterId() != null) {
      clusters.put("kafka-cluster", cluster.store().clusterId());
    }
    clusters.put("schema-registry-cluster", "schema-registry");
    ObjectNode scope = RegistryJson.MAPPER.createObjectNode();
    scope.putArray("path");
    scope.set("clusters", clusters);
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    out.set("scope", scope);
    return Answer.json(out);
  }

  private Answer leadership() {
    LeaderForwarder cluster = forwarder;
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    if (cluster == null) {
      out.put("store", "single instance").put("isLeader", true);
    } else {
      KafkaLeaderElector elector = cluster.elector();
      out.put("store", "kafka topic " + cluster.store().topic()).put("instance", elector.advertisedUrl())
          .put("isLeader", elector.isLeader());
      elector.leaderUrl().ifPresentOrElse(url -> out.put("leader", url), () -> out.putNull("leader"));
    }
    return Answer.json(out);
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
    access.close();
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("registry-server: stopping the HTTP server: " + e);
    }
    reaper.close();
  }
}
