package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Confluent's DLQ rule action: the record that failed a rule goes to a dead-letter topic (the
 * rule's {@code dlq.topic} parameter) as its JSON (Avro's encoding, or Protobuf's mapping), with Confluent's headers
 * {@code __rule.name}, {@code __rule.mode}, {@code __rule.subject}, {@code __rule.topic} and, when
 * the rule threw, {@code __rule.exception}; then the serializer fails as Confluent's does
 * ({@code Rule failed: <name>}), so the application sees it. The producer is made from the
 * serializer's own configuration (its {@code bootstrap.servers}) on first use.
 */
final class DlqAction implements AutoCloseable {
  static final String TOPIC_PARAM = "dlq.topic";
  static final String HEADER_PREFIX = "__rule.";

  private final Map<String, Object> configs;
  private volatile KafkaProducer<byte[], byte[]> producer;

  DlqAction(Map<String, ?> serializerConfigs) {
    this.configs = new HashMap<>(serializerConfigs);
  }

  /**
   * What a WRITE rule's failure does to the value, as Confluent's serializers act on it: NONE writes
   * it as it was, DLQ sends it (as {@code json}) to the rule's dead-letter topic and then fails the
   * send, anything else (ERROR) fails the send.
   */
  <T> T onWriteFailure(DomainRules.Failed failed, String subject, String topic, T unchanged,
      java.util.function.Supplier<byte[]> json) {
    switch (failed.action) {
      case "NONE" -> {
        return unchanged;
      }
      case "DLQ" -> {
        send(failed.rule, Rule.Mode.WRITE, subject, topic, json.get(), failed.getCause() instanceof Exception e ? e : null);
        throw new org.apache.kafka.common.errors.SerializationException("Rule failed: " + failed.rule.name()
            + " (sent to the dead-letter topic " + failed.rule.params().get(TOPIC_PARAM) + ")", failed);
      }
      default -> throw new org.apache.kafka.common.errors.SerializationException(failed.getMessage() + " (topic "
          + topic + ", subject " + subject + ")", failed);
    }
  }

  void send(Rule rule, Rule.Mode mode, String subject, String topic, byte[] json, Exception cause) {
    String dlq = rule.params().get(TOPIC_PARAM);
    if (dlq == null || dlq.isBlank()) {
      throw new org.apache.kafka.common.errors.SerializationException("Could not send to DLQ as no topic is "
          + "configured: give rule " + rule.name() + " the param \"" + TOPIC_PARAM + "\"");
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dlq, null, null, json);
    record.headers().add(HEADER_PREFIX + "name", bytes(rule.name()));
    record.headers().add(HEADER_PREFIX + "mode", bytes(mode.name()));
    record.headers().add(HEADER_PREFIX + "subject", bytes(subject));
    record.headers().add(HEADER_PREFIX + "topic", bytes(topic));
    if (cause != null) {
      record.headers().add(HEADER_PREFIX + "exception", bytes(cause.getMessage()));
    }
    producer().send(record);
    producer().flush(); // the caller is told the record failed only once the dead letter is safe
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      synchronized (this) {
        if (producer == null) {
          Map<String, Object> props = new HashMap<>();
          props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, configs.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
          configs.forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
              props.put(k, v);
            }
          });
          if (props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new org.apache.kafka.common.errors.SerializationException("Could not send to DLQ: the serializer's "
                + "configuration has no bootstrap.servers");
          }
          producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
      }
    }
    return producer;
  }

  /** The record in Avro's JSON encoding, as Confluent's action writes it. */
  static byte[] json(Schema schema, Object value) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
      new GenericDatumWriter<>(schema, org.apache.avro.specific.SpecificData.get()).write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The message in Protobuf's JSON mapping, every field printed, as Confluent's action writes it. */
  static byte[] json(com.google.protobuf.Message message) {
    try {
      return com.google.protobuf.util.JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
          .omittingInsignificantWhitespace().print(message).getBytes(StandardCharsets.UTF_8);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return message.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
