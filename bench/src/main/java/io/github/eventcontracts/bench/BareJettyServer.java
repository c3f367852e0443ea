package io.github.eventcontracts.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP stack's own limit, for {@code bench/wrk-reads.sh}: Jetty 12 as the registry runs it
 * (same version, same connector setup), reading the request's body as the registry does (whole,
 * asynchronously) and answering from the selector with a fixed JSON body, the registry's content
 * type, no routing, no lookup. {@code GET /{n}} answers {@code n} bytes, any other path the size
 * given on the command line, so each endpoint is compared with an answer of its own size. What a
 * registry request costs beyond this is the registry's.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.BareJettyServer BYTES</pre>
 * Prints {@code port N}, then serves until killed.
 */
public final class BareJettyServer {
  private BareJettyServer() {}

  public static void main(String[] args) throws Exception {
    byte[] fallback = body(Integer.parseInt(args[0]));
    java.util.Map<String, byte[]> bySize = new java.util.concurrent.ConcurrentHashMap<>();
    QueuedThreadPool pool = new QueuedThreadPool(18, 4);
    pool.setDaemon(true);
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        byte[] body = path.length() > 1 && path.chars().skip(1).allMatch(Character::isDigit)
            ? bySize.computeIfAbsent(path, p -> body(Integer.parseInt(p.substring(1)))) : fallback;
        Content.Source.asByteArrayAsync(request, 1 << 20).whenComplete((ignored, failure) -> {
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/vnd.schemaregistry.v1+json");
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
          response.write(true, ByteBuffer.wrap(body), callback);
        });
        return true;
      }
    });
    server.start();
    System.out.println("port " + connector.getLocalPort() + " (" + new String(fallback, 0, 8, StandardCharsets.US_ASCII)
        + "... " + fallback.length + " bytes)");
    System.out.flush();
    server.join();
  }

  /** {@code {"x":"xxx…"}} of {@code size} bytes (at least 8). */
  private static byte[] body(int size) {
    size = Math.max(8, size);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'x');
    body[0] = '{';
    body[1] = '"';
    body[2] = 'x';
    body[3] = '"';
    body[4] = ':';
    body[5] = '"';
    body[size - 2] = '"';
    body[size - 1] = '}';
    return body;
  }
}
