package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {
  private static final String URL = "http://localhost:1";

  @Test
  void defaultsAreConfluents() {
    SerdeConfig config = SerdeConfig.of(Map.of("schema.registry.url", URL), false);
    assertThat(config.autoRegister()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.specificReader()).isFalse();
    assertThat(config.normalize()).isFalse();
    assertThat(config.strategy()).isEqualTo(SubjectNamingStrategy.TOPIC_NAME);
    assertThat(config.maxZeroByteItems()).isEqualTo(BoundedDecoder.DEFAULT_MAX_ZERO_BYTE_ITEMS);
  }

  @Test
  void valuesOfTheWrongTypeAreRefusedNamingTheKey() {
    // Boolean.parseBoolean read "yes" as false without a word; Kafka's BOOLEAN type refuses it.
    assertThatThrownBy(() -> SerdeConfig.of(Map.of("schema.registry.url", URL, "auto.register.schemas", "yes"), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
    assertThatThrownBy(() -> SerdeConfig.of(Map.of("schema.registry.url", URL, "avro.max.zero.byte.items", -1), false))
        .isInstanceOf(ConfigException.class).hasMessageContaining("avro.max.zero.byte.items");
    assertThatThrownBy(() -> SerdeConfig.of(Map.of("schema.registry.url", URL, "value.subject.name.strategy", "Nope"),
        false)).isInstanceOf(ConfigException.class).hasMessageContaining("value.subject.name.strategy");
    assertThatThrownBy(() -> SerdeConfig.of(Map.of("schema.registry.url", URL, "basic.auth.credentials.source",
        "SASL_INHERIT"), false)).isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
    assertThatThrownBy(() -> SerdeConfig.of(Map.of(), false)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void keysAndValuesTakeTheirOwnStrategy() {
    Map<String, Object> configs = Map.of("schema.registry.url", URL,
        "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
        "value.subject.name.strategy", "TopicRecordNameStrategy");
    assertThat(SerdeConfig.of(configs, true).strategy()).isEqualTo(SubjectNamingStrategy.RECORD_NAME);
    assertThat(SerdeConfig.of(configs, false).strategy()).isEqualTo(SubjectNamingStrategy.TOPIC_RECORD_NAME);
  }

  @Test
  void kafkaNamesAMisspeltSerdeKeyAsUnused() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
    props.put("schema.registry.url", URL);
    props.put("auto.register.schemas", "false");
    props.put("auto.register.schema", "false"); // the typo a user makes
    ProducerConfig producerConfig = new ProducerConfig(props);
    // KafkaProducer hands a recording copy of its originals to the serializer, then warns about
    // every key nobody read.
    try (AvroSerializer serializer = new AvroSerializer()) {
      serializer.configure(producerConfig.originals(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "test")), false);
    }
    assertThat(producerConfig.unused()).contains("auto.register.schema")
        .doesNotContain("auto.register.schemas", "schema.registry.url");
  }

  @Test
  void everyKeyIsDocumented() {
    assertThat(SerdeConfig.DEFINITION.names()).contains("schema.registry.url", "normalize.schemas",
        "missing.id.cache.ttl.sec", "avro.max.zero.byte.items");
    SerdeConfig.DEFINITION.configKeys().values()
        .forEach(key -> assertThat(key.documentation).as(key.name).isNotBlank());
  }
}
