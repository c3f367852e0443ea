package io.github.eventcontracts.registry.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP proxy on loopback in front of a registry: counts requests, answers 500 to requests
 * matching {@code fail} while a failure budget lasts, and can rewrite answers ({@link #rewrite}).
 */
public final class CountingProxy implements AutoCloseable {
  public final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile Predicate<String> fail = r -> false;
  private volatile Rewrite rewrite = (request, body, answer) -> answer;

  /** An answer the proxy sends: status and body. */
  public record Answer(int status, byte[] body) {}

  /** Changes the registry's answer to a request, e.g. to answer as another registry would. */
  @FunctionalInterface
  public interface Rewrite {
    Answer apply(String request, byte[] requestBody, Answer upstream);
  }
  private final AtomicInteger failures = new AtomicInteger();

  public CountingProxy(String target) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        requests.add(line);
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        byte[] answer;
        if (fail.test(line) && failures.getAndDecrement() > 0) {
          status = 500;
          answer = "{\"error_code\":50001,\"message\":\"injected store failure\"}".getBytes();
        } else {
          HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofByteArray(body));
          String type = exchange.getRequestHeaders().getFirst("Content-Type");
          if (type != null) {
            forward.header("Content-Type", type);
          }
          HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
          Answer rewritten = rewrite.apply(line, body, new Answer(response.statusCode(), response.body()));
          status = rewritten.status();
          answer = rewritten.body();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  public void failNext(int count, Predicate<String> which) {
    failures.set(count);
    fail = which;
  }

  public void rewrite(Rewrite how) {
    rewrite = how;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
