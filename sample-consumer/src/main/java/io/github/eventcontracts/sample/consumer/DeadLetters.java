package io.github.eventcontracts.sample.consumer;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records that cannot be handled to {@code <topic>.dlq}: the original key and value bytes
 * untouched, the original headers, plus headers saying why ({@code dlq.reason},
 * {@code dlq.error}) and where it came from ({@code dlq.original.topic}, {@code .partition},
 * {@code .offset}). Each send is acknowledged before the consumer moves on, so nothing is lost.
 */
public final class DeadLetters implements AutoCloseable {
  public static final String SUFFIX = ".dlq";
  private final KafkaProducer<byte[], byte[]> producer;

  /** Creates the topics and their dead-letter topics (3 partitions, replication 1) unless they exist. */
  public static void createTopics(String bootstrapServers, List<String> topics) {
    List<String> all = new ArrayList<>(topics);
    topics.forEach(t -> all.add(t + SUFFIX));
    EmbeddedKafka.createTopics(bootstrapServers, 3, all.toArray(String[]::new));
  }

  public DeadLetters(String bootstrapServers) {
    this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.CLIENT_ID_CONFIG, "sample-consumer-dlq"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Publishes and waits for the acknowledgement; returns the dead-letter topic. */
  public String send(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
    String topic = record.topic() + SUFFIX;
    ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value());
    for (Header header : record.headers()) {
      letter.headers().add(header);
    }
    letter.headers().add("dlq.reason", bytes(reason));
    letter.headers().add("dlq.error", bytes(error.getClass().getName() + ": " + error.getMessage()));
    letter.headers().add("dlq.original.topic", bytes(record.topic()));
    letter.headers().add("dlq.original.partition", bytes(String.valueOf(record.partition())));
    letter.headers().add("dlq.original.offset", bytes(String.valueOf(record.offset())));
    try {
      producer.send(letter).get(2, TimeUnit.MINUTES);
      return topic;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering offset " + record.offset(), e);
    } catch (ExecutionException | TimeoutException e) {
      // Not acknowledged: the consumer must stop without committing, so the record is read again.
      throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
