package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.RegistryOptions;
import io.github.eventcontracts.registry.server.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our serdes against a registry that requires client certificates, configured with the names
 * Confluent's serdes use ({@code schema.registry.ssl.truststore.location} and the rest): the
 * certificate's name is the user the registry's permissions are for.
 */
class SerdesOverHttpsTest {
  @TempDir Path dir;

  @Test
  void aServiceCertificateRegistersItsOwnSubjectsAndNoOthers() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    Path authFile = dir.resolve("auth.json");
    Files.writeString(authFile, "{\"users\": [], \"permissions\": [{\"username\": \"order-service\", "
        + "\"operation\": \"Write\", \"resource\": \"Subject:orders-.*\"}]}");
    RegistryOptions options = certificates.httpsRegistry(RegistryOptions.ClientAuth.REQUIRED).withAuthFile(authFile);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(options)) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("schema.registry.url", registry.url());
      config.put("auto.register.schemas", "true");
      config.put("schema.registry.ssl.truststore.location", certificates.trustStore().toString());
      config.put("schema.registry.ssl.truststore.password", TestCertificates.PASSWORD);
      config.put("schema.registry.ssl.keystore.location", certificates.keyStore("order-service").toString());
      config.put("schema.registry.ssl.keystore.password", TestCertificates.PASSWORD);
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(config, false);
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(config, false);

      GenericRecord order = AvroSerdeTest.order("o-1");
      byte[] frame = serializer.serialize("orders", order);
      assertThat(((GenericRecord) deserializer.deserialize("orders", frame)).get("id").toString()).isEqualTo("o-1");
      assertThatThrownBy(() -> serializer.serialize("payments", order)).isInstanceOf(SerializationException.class)
          .hasMessageContaining("403").hasMessageContaining("order-service is denied operation Write");
    }
  }
}
