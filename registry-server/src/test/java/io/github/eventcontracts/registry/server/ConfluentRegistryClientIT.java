package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.RegistryClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same client contract against Confluent's own registry image, so our client and our server
 * are both held to the real thing. Needs Docker; skipped cleanly where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentRegistryClientIT extends RegistryClientContract {
  private static final Network NETWORK = Network.newNetwork();

  @Container
  static final KafkaContainer KAFKA = ConfluentStack.kafka(NETWORK);

  @Container
  static final GenericContainer<?> REGISTRY = ConfluentStack.registry(NETWORK, KAFKA);

  private static RegistryClient client;

  private static String url() {
    return ConfluentStack.url(REGISTRY);
  }

  @Override
  RegistryClient client() {
    if (client == null) {
      client = RegistryClient.of(url());
    }
    return client;
  }

  @Override
  RegistryClient freshClient() {
    return RegistryClient.of(url());
  }
}
