package io.github.eventcontracts.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {
  @Test
  void aRecordGoesInAndComesOutThroughAConsumerGroup() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      kafka.createTopics(3, "greetings");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          kafka.bootstrapServers(), "enable.idempotence", "true", "acks", "all"), new StringSerializer(),
          new StringSerializer())) {
        for (int i = 0; i < 30; i++) {
          producer.send(new ProducerRecord<>("greetings", "k" + (i % 5), "hello " + i)).get();
        }
      }
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
          kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest"), new StringDeserializer(),
          new StringDeserializer())) {
        consumer.subscribe(List.of("greetings"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (values.size() < 30 && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(record.value());
          }
        }
      }
      assertThat(values).hasSize(30).contains("hello 0", "hello 29");
    }
  }
}
