package io.github.eventcontracts.registry.server;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Confluent's own registry image and the Kafka it stores schemas in, for tests that hold our code
 * to the real thing (images from the {@code kafka.image} / {@code confluent.image} properties).
 * Shared with other modules through this module's test jar; use with
 * {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
public final class ConfluentStack {
  private ConfluentStack() {}

  public static KafkaContainer kafka(Network network) {
    return new KafkaContainer(DockerImageName.parse(System.getProperty("kafka.image", "confluentinc/cp-kafka:7.9.0")))
        .withNetwork(network)
        .withNetworkAliases("kafka");
  }

  public static GenericContainer<?> registry(Network network, KafkaContainer kafka) {
    return new GenericContainer<>(
        DockerImageName.parse(System.getProperty("confluent.image", "confluentinc/cp-schema-registry:7.9.0")))
        .withNetwork(network)
        .dependsOn(kafka)
        .withExposedPorts(8081)
        .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
        .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9092")
        .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
  }

  public static String url(GenericContainer<?> registry) {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
  }
}
