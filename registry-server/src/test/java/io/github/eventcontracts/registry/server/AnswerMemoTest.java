package io.github.eventcontracts.registry.server;

import static io.github.eventcontracts.registry.server.ModeAndImportTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Answers given again only while the state they came from is the state: never after a change. */
class AnswerMemoTest {
  private static final String ORDER = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Order\\\","
      + "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

  private static AnswerMemo.Key key(String path, String body) {
    return new AnswerMemo.Key("POST", path, null, body.getBytes(StandardCharsets.UTF_8));
  }

  private static RegistryHttpServer.Answer answer(String text) {
    return RegistryHttpServer.Answer.of(RegistryJson.CONTENT_TYPE, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAnswerIsGivenAgainOnlyAtTheGenerationItWasComputedAt() {
    AnswerMemo memo = new AnswerMemo(1 << 20);
    AtomicInteger computed = new AtomicInteger();
    memo.answer(key("/subjects/a/versions", ORDER), 7, true, () -> answer("{\"id\":" + computed.incrementAndGet() + "}"));
    // the same bytes, a new array: found by content
    assertThat(memo.get(key("/subjects/a/versions", ORDER), 7).answer().body())
        .isEqualTo("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(memo.get(key("/subjects/a/versions", ORDER), 7).write()).isTrue();
    assertThat(memo.get(key("/subjects/a/versions", ORDER), 8)).isNull();
    assertThat(memo.get(key("/subjects/a/versions", ORDER + " "), 7)).isNull();
    assertThat(memo.get(key("/subjects/b/versions", ORDER), 7)).isNull();
    memo.answer(key("/subjects/a/versions", ORDER), 7, true, () -> answer("{\"id\":" + computed.incrementAndGet() + "}"));
    assertThat(computed).hasValue(1);
    // a newer generation retires everything held
    memo.answer(key("/subjects/b/versions", ORDER), 8, true, () -> answer("{\"id\":2}"));
    assertThat(memo.size()).isEqualTo(1);
  }

  @Test
  void theMemoStaysWithinItsBudgetAndKeepsNoHugeBodies() {
    AnswerMemo memo = new AnswerMemo(10_000);
    for (int i = 0; i < 1_000; i++) {
      memo.answer(key("/subjects/s" + i + "/versions", ORDER), 1, true, () -> answer("{\"id\":1}"));
    }
    assertThat(memo.size()).isBetween(1, 10_000 / ORDER.length());
    String huge = "x".repeat(AnswerMemo.MAX_BODY + 1);
    AnswerMemo roomy = new AnswerMemo(1 << 30);
    roomy.answer(key("/subjects/h/versions", huge), 1, true, () -> answer("{\"id\":1}"));
    assertThat(roomy.get(key("/subjects/h/versions", huge), 1)).isNull();
  }

  @Test
  void aReRegisterIsAnsweredFromTheStateNotFromWhatWasAnsweredBefore() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      int id = call(registry, "POST", "/subjects/orders-value/versions", ORDER).path("id").asInt();
      for (int i = 0; i < 3; i++) {
        assertThat(call(registry, "POST", "/subjects/orders-value/versions", ORDER).path("id").asInt()).isEqualTo(id);
        assertThat(call(registry, "GET", "/subjects/orders-value/versions/latest", null).path("version").asInt())
            .isEqualTo(1);
      }
      call(registry, "PUT", "/mode/orders-value", "{\"mode\":\"READONLY\"}");
      JsonNode refused = call(registry, "POST", "/subjects/orders-value/versions", ORDER);
      assertThat(refused.path("error_code").asInt()).isEqualTo(42205);
      call(registry, "DELETE", "/mode/orders-value", null);
      assertThat(RegistryClient.of(registry.url()).deleteSubject("orders-value", false)).containsExactly(1);
      assertThat(call(registry, "GET", "/subjects/orders-value/versions/latest", null).path("error_code").asInt())
          .isEqualTo(40401);
      // the same request again: after the soft delete it is a new version of the same id
      assertThat(call(registry, "POST", "/subjects/orders-value/versions", ORDER).path("id").asInt()).isEqualTo(id);
      assertThat(call(registry, "GET", "/subjects/orders-value/versions/latest", null).path("version").asInt())
          .isEqualTo(2);
    }
  }

  @Test
  void readsRacingWritesEndOnTheLastWrite() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient writer = RegistryClient.of(registry.url());
      call(registry, "PUT", "/config/races-value", "{\"compatibility\":\"NONE\"}");
      int last = writer.register("races-value", RegistrySchema.avro("{\"type\":\"enum\",\"name\":\"E\","
          + "\"symbols\":[\"S1\"]}"));
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService readers = Executors.newFixedThreadPool(4);
      try {
        Future<?>[] running = new Future<?>[4];
        for (int r = 0; r < running.length; r++) {
          running[r] = readers.submit(() -> {
            while (writing.get()) {
              call(registry, "GET", "/subjects/races-value/versions/latest", null);
              writer.versions("races-value");
            }
            return null;
          });
        }
        for (int v = 2; v <= 60; v++) {
          last = writer.register("races-value", RegistrySchema.avro("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"S"
              + v + "\"]}"));
        }
        writing.set(false);
        for (Future<?> reader : running) {
          reader.get();
        }
        JsonNode latest = call(registry, "GET", "/subjects/races-value/versions/latest", null);
        assertThat(latest.path("version").asInt()).isEqualTo(60);
        assertThat(latest.path("id").asInt()).isEqualTo(last);
        assertThat(writer.versions("races-value")).hasSize(60);
      } finally {
        readers.shutdownNow();
      }
    }
  }
}
