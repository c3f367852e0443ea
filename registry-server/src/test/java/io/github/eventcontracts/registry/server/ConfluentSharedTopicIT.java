package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Confluent's registry image and ours on one {@code _schemas} topic: what one writes the other
 * serves, with the same ids and versions, both ways (a migration through the shared topic). Writes
 * go to one side at a time, as the README's migration says. Needs Docker; skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentSharedTopicIT {
  static final String MONEY = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":["
      + "{\"name\":\"units\",\"type\":\"long\"}]}";
  static final String ORDER = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":["
      + "{\"name\":\"total\",\"type\":\"acme.Money\"}]}";

  @Test
  void confluentAndOursServeEachOthersWrites() throws Exception {
    try (Network network = Network.newNetwork();
        var kafka = ConfluentStack.kafka(network)) {
      kafka.start();
      try (var confluentRegistry = ConfluentStack.registry(network, kafka)) {
        confluentRegistry.start();
        RegistryClient confluent = RegistryClient.of(ConfluentStack.url(confluentRegistry));
        int moneyId = confluent.register("acme.Money", RegistrySchema.avro(MONEY));
        int orderId = confluent.register("orders-value", new RegistrySchema(ORDER, "AVRO",
            List.of(new SchemaReference("acme.Money", "acme.Money", 1))));
        confluent.setCompatibility("orders-value", "FULL");

        try (EmbeddedRegistry ours = EmbeddedRegistry.start(RegistryOptions.defaults()
            .withKafka(kafka.getBootstrapServers(), "_schemas", (short) 1, 1))) {
          RegistryClient client = RegistryClient.of(ours.url());
          // Confluent's writes, served by ours
          assertThat(client.latest("orders-value").id()).isEqualTo(orderId);
          assertThat(client.schemaById(moneyId).schema()).contains("Money");
          assertThat(client.compatibility("orders-value", false)).isEqualTo("FULL");
          // ours writes (Confluent's side idle), Confluent's serves it with the same id
          int next = client.register("shipments-value", RegistrySchema.protobuf(
              "syntax = \"proto3\";\npackage acme;\nmessage Shipped { string id = 1; }\n", List.of()));
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (!confluent.subjects().contains("shipments-value") && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // Confluent's store tails the topic
          }
          assertThat(confluent.latest("shipments-value").id()).isEqualTo(next);
          assertThat(confluent.schemaById(next).schemaType()).isEqualTo("PROTOBUF");
        }
      }
    }
  }
}
