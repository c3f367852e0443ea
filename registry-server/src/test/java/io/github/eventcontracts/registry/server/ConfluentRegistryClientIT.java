package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.RegistryClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same client contract against Confluent's own registry image, so our client and our server
 * are both held to the real thing. Needs Docker; skipped cleanly where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentRegistryClientIT extends RegistryClientContract {
  private static final Network NETWORK = Network.newNetwork();

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer(
      DockerImageName.parse(System.getProperty("kafka.image", "confluentinc/cp-kafka:7.9.0")))
      .withNetwork(NETWORK)
      .withNetworkAliases("kafka");

  @Container
  static final GenericContainer<?> REGISTRY = new GenericContainer<>(
      DockerImageName.parse(System.getProperty("confluent.image", "confluentinc/cp-schema-registry:7.9.0")))
      .withNetwork(NETWORK)
      .dependsOn(KAFKA)
      .withExposedPorts(8081)
      .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
      .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
      .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9092")
      .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

  private static RegistryClient client;

  private static String url() {
    return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
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
