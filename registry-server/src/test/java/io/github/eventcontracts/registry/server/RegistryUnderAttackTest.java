package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken clients on loopback do not stop the registry for everyone: stalled and
 * dripping connections, bodies shorter than they claim, schemas nested thousands deep. Every loop
 * is bounded in count and time.
 */
class RegistryUnderAttackTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  /**
   * How long a normal read may take during an attack: half the shortest request timeout the attacks
   * below run under (10 s by default, 8 s for the drippers). A starved server answers only once the
   * attackers are reaped, so it fails this; a merely busy two-core machine does not.
   */
  private static final Duration PROMPT = Duration.ofSeconds(4);

  private static RegistryOptions withRequestTimeout(Duration timeout) {
    RegistryOptions defaults = RegistryOptions.defaults();
    return defaults.withTimeouts(defaults.idleTimeout(), timeout);
  }

  /** A normal client's read, which must be answered promptly. */
  private static void assertPromptlyAnswered(EmbeddedRegistry registry, int id) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/" + id)).timeout(PROMPT).GET()
        .build();
    HttpResponse<String> response = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static Socket connect(EmbeddedRegistry registry) throws IOException {
    URI uri = URI.create(registry.url());
    Socket socket = new Socket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static int register(EmbeddedRegistry registry) {
    return RegistryClient.of(registry.url()).register("attack-value", RegistrySchema.avro(
        "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"t\",\"fields\":[]}"));
  }

  @Test
  void sixteenStalledConnectionsDoNotStarveTheServer() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) { // 16 request threads, as the probe found
      int id = register(registry);
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          Socket s = connect(registry);
          s.getOutputStream().write('G');
          s.getOutputStream().flush();
          stalled.add(s);
        }
        for (int i = 0; i < 20; i++) {
          assertPromptlyAnswered(registry, id);
        }
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  @Test
  void threeHundredDrippingConnectionsLeaveNormalClientsAnsweredAndAreClosed() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(withRequestTimeout(Duration.ofSeconds(8)))) {
      int id = register(registry);
      List<Socket> drippers = new ArrayList<>();
      byte[] request = "GET /subjects HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 300; i++) {
          drippers.add(connect(registry));
        }
        // one byte a second on every connection for four seconds, normal reads in between
        for (int second = 0; second < 4; second++) {
          for (Socket s : drippers) {
            try {
              OutputStream out = s.getOutputStream();
              out.write(request[second]);
              out.flush();
            } catch (IOException e) {
              // already closed by the server: what should happen to a slow request
            }
          }
          long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
          while (System.nanoTime() < until) {
            assertPromptlyAnswered(registry, id);
          }
        }
        // then, at the request timeout, every dripping connection is closed (not left to the 30 s idle timeout)
        int closed = 0;
        for (Socket s : drippers) {
          s.setSoTimeout(20_000);
          try {
            if (s.getInputStream().read() == -1) {
              closed++;
            }
          } catch (IOException e) {
            closed++; // reset by the server
          }
        }
        assertThat(closed).isEqualTo(drippers.size());
      } finally {
        for (Socket s : drippers) {
          s.close();
        }
      }
    }
  }

  @Test
  void aBodyShorterThanItsContentLengthIsClosedAfterTheRequestTimeout() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(withRequestTimeout(Duration.ofSeconds(1)))) {
      int id = register(registry);
      try (Socket s = connect(registry)) {
        s.setSoTimeout(20_000); // the idle timeout is 30 s: only the 1 s request timeout closes it before this
        s.getOutputStream().write(("POST /subjects/short-value/versions HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + "application/json\r\nContent-Length: 100\r\n\r\n{\"schema\":").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertPromptlyAnswered(registry, id);
        InputStream in = s.getInputStream();
        int read;
        try {
          while ((read = in.read()) != -1) {
            // an error response before the close is fine too
          }
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the connection with a short body was still open after 20 s", e);
        } catch (IOException e) {
          // reset: closed
        }
      }
      assertPromptlyAnswered(registry, id);
    }
  }

  static String nested(int depth) {
    StringBuilder text = new StringBuilder("syntax = \"proto3\";\npackage deep;\n");
    for (int i = 0; i < depth; i++) {
      text.append("message M").append(i).append(" {\n");
    }
    return text.append("}\n".repeat(depth)).toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_500, 20_000})
  void deeplyNestedProtobufIs422AndTheServerKeepsServing(int depth) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      int id = register(registry);
      String body = RegistryJson.schema(RegistrySchema.protobuf(nested(depth), List.of())).toString();
      for (int i = 0; i < 20; i++) { // as many as there are request threads, and more
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url()
                + "/subjects/deep-value/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("42201").contains("NESTING_TOO_DEEP").contains("64 levels");
      }
      assertPromptlyAnswered(registry, id);
    }
  }

  @Test
  void basicAuthSchemeIsCaseInsensitive() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withBasicAuth("ops:s3cret"))) {
      String token = java.util.Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
      for (String scheme : List.of("Basic", "basic", "BASIC")) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
            .header("Authorization", scheme + " " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(scheme).isEqualTo(200);
      }
      HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
          .header("Authorization", "basic " + token.substring(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void anEmptySubjectIsNotTheSubjectVersions() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url()
              + "/subjects//versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isIn(404, 422);
      assertThat(RegistryClient.of(registry.url()).subjects()).isEmpty();
    }
  }

  /** Bodies that never arrive are read without a thread: two request threads still answer everyone. */
  @Test
  void bodiesThatNeverArriveDoNotHoldTheRequestThreads() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withThreads(2))) {
      int id = register(registry);
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          Socket s = connect(registry);
          s.getOutputStream().write("POST /subjects/x/versions HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{"
              .getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          stalled.add(s);
        }
        for (int i = 0; i < 10; i++) {
          assertPromptlyAnswered(registry, id);
        }
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  /** Sends {@code requestHead} as raw bytes and returns the status line and body. */
  private static String[] raw(EmbeddedRegistry registry, byte[] requestHead) throws IOException {
    try (Socket s = connect(registry)) {
      s.getOutputStream().write(requestHead);
      s.getOutputStream().flush();
      String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      int split = answer.indexOf("\r\n\r\n");
      return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(0, split),
          answer.substring(split + 4)};
    }
  }

  @Test
  void malformedRequestsGetConfluentsJsonErrorsNeverHtmlNever5xx() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      List<byte[]> probes = List.of(
          "GET /subjects/a\nb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(),  // a LF in the path
          "GET /subjects/a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(), // a NUL in the path
          "GET /subjects/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(),
          "GET /subjects?deleted=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(), // a bad escape
          "GET /subjects/%zz/versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(),
          "PUT /schemas/types HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
      for (byte[] probe : probes) {
        String[] answer = raw(registry, probe);
        String what = new String(probe).lines().findFirst().orElse("") + " -> " + answer[0];
        int status = Integer.parseInt(answer[0].split(" ")[1]);
        assertThat(status).as(what + "\n" + answer[1] + "\n" + answer[2]).isBetween(400, 499);
        assertThat(answer[1].toLowerCase(java.util.Locale.ROOT)).as(what)
            .contains("content-type: application/vnd.schemaregistry.v1+json");
        var body = io.github.eventcontracts.registry.client.RegistryJson.MAPPER.readTree(answer[2]);
        assertThat(body.path("error_code").asInt()).as(what + " " + answer[2]).isEqualTo(status);
        assertThat(body.path("message").asText()).as(what).isNotBlank().doesNotContain("<");
      }
      // and the registry still answers
      assertThat(register(registry)).isPositive();
    }
  }
}
