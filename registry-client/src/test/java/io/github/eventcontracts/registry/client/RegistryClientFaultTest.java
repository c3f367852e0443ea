package io.github.eventcontracts.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.ScriptedServer.Answer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The client under faults: unreachable, failing, slow, refusing and conflicting registries. */
class RegistryClientFaultTest {
  private static final RegistrySchema SCHEMA = RegistrySchema.avro("{\"type\":\"string\"}");
  private static final String ID_5 = "{\"id\":5}";

  private static RegistryClientConfig.Builder fast(String... urls) {
    return RegistryClientConfig.builder(urls).backoff(Duration.ofMillis(5), Duration.ofMillis(20));
  }

  private static String deadUrl() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void serverDownIsUnavailableAfterRetries() throws Exception {
    String dead = deadUrl();
    RegistryClient client = new RegistryClient(fast(dead).maxRetries(2).build());
    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .isInstanceOfSatisfying(RegistryException.RegistryUnavailableException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage()).contains("unreachable").contains("3 attempt(s)").contains(dead);
        });
  }

  @Test
  void failsOverToTheNextUrl() throws Exception {
    try (ScriptedServer healthy = new ScriptedServer(Answer.of(200, ID_5))) {
      RegistryClient client = new RegistryClient(fast(deadUrl(), healthy.url()).maxRetries(1).build());
      assertThat(client.register("s", SCHEMA)).isEqualTo(5);
    }
  }

  @Test
  void serverErrorThenSuccessIsRetried() throws Exception {
    try (ScriptedServer server = new ScriptedServer(
        Answer.of(500, "{\"error_code\":50001,\"message\":\"store hiccup\"}"), Answer.of(200, ID_5))) {
      assertThat(new RegistryClient(fast(server.url()).build()).register("s", SCHEMA)).isEqualTo(5);
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void tooManyRequestsIsRetried() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(429, "{}"), Answer.of(429, "{}"), Answer.of(200, ID_5))) {
      assertThat(new RegistryClient(fast(server.url()).maxRetries(3).build()).register("s", SCHEMA)).isEqualTo(5);
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void persistentServerErrorsSurfaceTheLastAnswer() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(503, "{\"error_code\":50003,\"message\":\"busy\"}"))) {
      assertThatThrownBy(() -> new RegistryClient(fast(server.url()).maxRetries(2).build()).register("s", SCHEMA))
          .isInstanceOfSatisfying(RegistryException.RegistryServerException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.errorCode()).isEqualTo(50003);
          });
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void unauthorizedIsNotRetriedAndNeverShowsTheSecret() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}"))) {
      RegistryClientConfig config = fast(server.url()).basicAuth("svc:hunter2-secret").maxRetries(3).build();
      assertThatThrownBy(() -> new RegistryClient(config).register("s", SCHEMA))
          .isInstanceOfSatisfying(RegistryException.RegistryAuthenticationException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("Unauthorized").doesNotContain("hunter2");
          });
      assertThat(server.requests).hasSize(1);
      assertThat(server.authorizations.get(0)).startsWith("Basic ");
      assertThat(config.toString()).doesNotContain("hunter2").contains("auth=basic");
    }
  }

  @Test
  void credentialsInTheUrlBecomeBasicAuthAndLeaveTheMessages() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}"))) {
      String url = server.url().replace("http://", "http://svc:hunter2-secret@");
      RegistryClientConfig config = fast(url).build();
      assertThat(config.urls().toString()).doesNotContain("hunter2");
      assertThatThrownBy(() -> new RegistryClient(config).versions("s"))
          .isInstanceOf(RegistryException.SubjectNotFoundException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
      assertThat(server.authorizations.get(0)).isEqualTo("Basic "
          + java.util.Base64.getEncoder().encodeToString("svc:hunter2-secret".getBytes()));
    }
  }

  @Test
  void slowServerTimesOut() throws Exception {
    try (ScriptedServer server = new ScriptedServer(new Answer(200, ID_5, 3_000))) {
      RegistryClient client = new RegistryClient(fast(server.url()).requestTimeout(Duration.ofMillis(200))
          .maxRetries(1).build());
      assertThatThrownBy(() -> client.register("s", SCHEMA))
          .isInstanceOfSatisfying(RegistryException.RegistryUnavailableException.class,
              e -> assertThat(e.getMessage()).contains("timed out"));
    }
  }

  @Test
  void conflictIsTypedWithTheDifferences() throws Exception {
    String body = "{\"error_code\":40901,\"message\":\"Schema being registered is incompatible with an earlier schema "
        + "for subject \\\"s\\\", details: [{errorType:'TYPE_MISMATCH', description:'...'}, {oldSchemaVersion: 1}]\"}";
    try (ScriptedServer server = new ScriptedServer(Answer.of(409, body))) {
      assertThatThrownBy(() -> new RegistryClient(fast(server.url()).build()).register("s", SCHEMA))
          .isInstanceOfSatisfying(RegistryException.IncompatibleSchemaException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(40901);
            assertThat(e.errorTypes()).containsExactly("TYPE_MISMATCH");
          });
      assertThat(server.requests).hasSize(1);
    }
  }

  @Test
  void oneCallPerSchemaEvenUnderConcurrency() throws Exception {
    try (ScriptedServer server = new ScriptedServer(new Answer(200, "{\"schema\":\"\\\"string\\\"\"}", 100))) {
      RegistryClient client = new RegistryClient(fast(server.url()).build());
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Callable<RegistrySchema>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> client.schemaById(42));
      }
      for (Future<RegistrySchema> f : pool.invokeAll(calls)) {
        assertThat(f.get().schema()).isEqualTo("\"string\"");
      }
      pool.shutdown();
      assertThat(server.requests).containsExactly("GET /schemas/ids/42");
    }
  }

  @Test
  void aFailedLookupIsNotCached() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(500, "{}"), Answer.of(200, ID_5))) {
      RegistryClient client = new RegistryClient(fast(server.url()).maxRetries(0).build());
      assertThatThrownBy(() -> client.register("s", SCHEMA)).isInstanceOf(RegistryException.RegistryServerException.class);
      assertThat(client.register("s", SCHEMA)).isEqualTo(5);
      assertThat(client.register("s", SCHEMA)).isEqualTo(5);
      assertThat(server.requests).hasSize(2);
    }
  }
}
