package io.github.eventcontracts.registry.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that answers from a script (status, body, delay), to put the
 * client through faults a healthy registry never shows. It records what it was asked.
 */
final class ScriptedServer implements AutoCloseable {
  record Answer(int status, String body, long delayMillis) {
    static Answer of(int status, String body) {
      return new Answer(status, body, 0);
    }
  }

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final AtomicInteger next = new AtomicInteger();

  ScriptedServer(Answer... script) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        exchange.getRequestBody().readAllBytes();
        Answer answer = script[Math.min(next.getAndIncrement(), script.length - 1)];
        if (answer.delayMillis() > 0) {
          try {
            Thread.sleep(answer.delayMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (IOException e) {
        // the client gave up (timeout test): nothing to answer
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
