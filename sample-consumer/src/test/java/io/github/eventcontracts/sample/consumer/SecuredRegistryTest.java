package io.github.eventcontracts.sample.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.RegistryOptions;
import io.github.eventcontracts.registry.server.TestCertificates;
import io.github.eventcontracts.sample.support.RegistryClientSettings;
import io.github.eventcontracts.serde.AvroSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples against a registry in production dress: HTTPS that asks for a client certificate,
 * permissions from an authfile; the client settings come from a {@code --registry-config} file under
 * Confluent's names.
 */
class SecuredRegistryTest {
  @TempDir Path dir;

  @Test
  void theDecoderReachesAnHttpsRegistryWithTheSettingsFile() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    Path authFile = dir.resolve("auth.json");
    Files.writeString(authFile, "{\"users\": [], \"permissions\": [{\"username\": \"sample\", \"operation\": \"Write\", "
        + "\"resource\": \"Subject:order-.*\"}]}");
    Path settings = dir.resolve("registry.properties");
    Files.writeString(settings, "schema.registry.ssl.truststore.location=" + certificates.trustStore() + "\n"
        + "schema.registry.ssl.truststore.password=" + TestCertificates.PASSWORD + "\n"
        + "schema.registry.ssl.keystore.location=" + certificates.keyStore("sample") + "\n"
        + "schema.registry.ssl.keystore.password=" + TestCertificates.PASSWORD + "\n");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(certificates.httpsRegistry(RegistryOptions.ClientAuth.REQUIRED)
        .withAuthFile(authFile))) {
      Map<String, Object> client = RegistryClientSettings.read(settings);
      Map<String, Object> serde = new HashMap<>(client);
      serde.put("schema.registry.url", registry.url());
      serde.put("avro.remove.java.properties", true);
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(serde, false);
      OrderCreated order = OrderCreated.newBuilder().setOrderId(UUID.randomUUID()).setCustomerId("c-1")
          .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
          .setTotal(Money.newBuilder().setUnits(1999).setCurrency("EUR").build()).setCouponCode(null).build();
      byte[] frame = serializer.serialize("order-created", order);

      EventDecoder decoder = new EventDecoder(registry.url(), List.of("order-created"), client);
      assertThat(decoder.decode("order-created", frame).event()).isEqualTo(order);
      // without the file: no certificate, no answer
      EventDecoder bare = new EventDecoder(registry.url(), List.of("order-created"));
      assertThatThrownBy(() -> bare.decode("order-created", frame))
          .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
    }
  }

  @Test
  void aMisspeltSettingIsRefusedByName() throws Exception {
    Path settings = dir.resolve("registry.properties");
    Files.writeString(settings, "schema.registry.ssl.trustore.location=/x\n");
    assertThatThrownBy(() -> RegistryClientSettings.read(settings))
        .hasMessageContaining("unknown setting schema.registry.ssl.trustore.location");
  }
}
