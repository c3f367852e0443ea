package io.github.eventcontracts.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/** What both relays share: an outbox row to a Kafka record, byte for byte, and a batch acknowledged as one. */
final class Relay {
  private Relay() {}

  static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] frame, Map<String, String> headers) {
    List<org.apache.kafka.common.header.Header> kafkaHeaders = new ArrayList<>();
    headers.forEach((name, value) -> kafkaHeaders.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
    return new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), frame, kafkaHeaders);
  }

  /**
   * Sends in order and waits for every acknowledgement: only then may the rows count as relayed. The
   * relay waits for the batch anyway, so it flushes rather than let the producer's {@code linger.ms}
   * hold the batch's last records back: each round was that much longer, and a CDC relay's next
   * batch only grows while this one waits.
   */
  static void sendAll(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records)
      throws ExecutionException, InterruptedException {
    if (records.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : records) {
      sent.add(producer.send(r));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
  }
}
