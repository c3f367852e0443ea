package io.github.eventcontracts.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.sample.consumer.ConsumerLoop;
import io.github.eventcontracts.sample.consumer.DeadLetters;
import io.github.eventcontracts.sample.consumer.EventHandler;
import io.github.eventcontracts.sample.consumer.ProcessedLog;
import io.github.eventcontracts.sample.consumer.RetryPolicy;
import io.github.eventcontracts.sample.producer.OrderEvents;
import io.github.eventcontracts.sample.producer.SampleProducer;
import io.github.eventcontracts.sample.support.Endpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The other two ways into the dead-letter topic: a frame naming a schema id the registry does not
 * have, and an event whose handler keeps failing transiently until the retries run out (each retry
 * waited for, with backoff). Both letters carry the original bytes and say why.
 */
class DeadLetterTest {
  @Test
  void unknownSchemaIdAndExhaustedRetriesAreDeadLetteredWithTheOriginalBytes() throws Exception {
    try (Endpoints endpoints = Endpoints.resolve(null, null, System.out)) {
      DeadLetters.createTopics(endpoints.bootstrapServers(), OrderEvents.TOPICS);
      List<SampleProducer.Sent> sent = SampleProducer.publish(new SampleProducer.Settings(endpoints.bootstrapServers(),
          endpoints.registryUrl(), 3, 0, true, 11), s -> { });
      String unlucky = sent.stream().filter(s -> s.topic().equals(OrderEvents.ORDER_CREATED)).findFirst().orElseThrow()
          .eventId();
      byte[] unknownId = ByteBuffer.allocate(7).put((byte) 0).putInt(4242).put((byte) 2).put((byte) 'x').array();
      Demo.sendRaw(endpoints.bootstrapServers(), OrderEvents.ORDER_CREATED, "ghost", unknownId);

      AtomicInteger attempts = new AtomicInteger();
      EventHandler handler = event -> {
        if (event.eventId().equals(unlucky)) {
          attempts.incrementAndGet();
          throw new EventHandler.TransientFailure("inventory service timed out");
        }
      };
      ConsumerLoop.Settings settings = new ConsumerLoop.Settings(endpoints.bootstrapServers(), endpoints.registryUrl(),
          "dlq-test", List.of(OrderEvents.ORDER_CREATED), new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50)),
          100, true);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      ConsumerLoop.Stats stats;
      try (ProcessedLog processed = ProcessedLog.inMemory();
          ConsumerLoop loop = new ConsumerLoop(settings, handler, processed,
              new PrintStream(output, true, StandardCharsets.UTF_8))) {
        stats = loop.run(() -> processed.size() >= 4 || System.nanoTime() > deadline);
      }
      assertThat(stats.handled()).isEqualTo(2);
      assertThat(stats.deadLettered()).isEqualTo(2);
      assertThat(attempts).hasValue(3);
      assertThat(stats.retries()).isEqualTo(2);

      List<ConsumerRecord<byte[], byte[]>> letters = EndToEndTest.read(endpoints.bootstrapServers(),
          OrderEvents.ORDER_CREATED + DeadLetters.SUFFIX, 2);
      ConsumerRecord<byte[], byte[]> ghost = letters.stream()
          .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("ghost")).findFirst().orElseThrow();
      assertThat(ghost.value()).isEqualTo(unknownId);
      assertThat(EndToEndTest.header(ghost, "dlq.reason")).isEqualTo("deserialization");
      assertThat(EndToEndTest.header(ghost, "dlq.error")).contains("schema id 4242").contains("40403");
      ConsumerRecord<byte[], byte[]> exhausted = letters.stream()
          .filter(r -> r.headers().lastHeader("event-id") != null
              && EndToEndTest.header(r, "event-id").equals(unlucky)).findFirst().orElseThrow();
      assertThat(EndToEndTest.header(exhausted, "dlq.reason")).isEqualTo("retries-exhausted");
      assertThat(EndToEndTest.header(exhausted, "dlq.error")).contains("inventory service timed out");
      assertThat(EndToEndTest.header(exhausted, "dlq.original.topic")).isEqualTo(OrderEvents.ORDER_CREATED);
      assertThat(exhausted.value()[0]).isZero(); // the original Confluent frame, untouched
    }
  }
}
