package io.github.eventcontracts.sample.support;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.PrintStream;

/**
 * The Kafka cluster and schema registry a sample talks to: the ones given, else embedded ones
 * started here (and stopped by {@link #close()}), so a sample runs on a bare machine.
 */
public final class Endpoints implements AutoCloseable {
  private final String bootstrapServers;
  private final String registryUrl;
  private final EmbeddedKafka kafka;
  private final EmbeddedRegistry registry;
  private java.util.Map<String, Object> registryClient = java.util.Map.of();
  private boolean closed;

  private Endpoints(String bootstrapServers, String registryUrl, EmbeddedKafka kafka, EmbeddedRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl = registryUrl;
    this.kafka = kafka;
    this.registry = registry;
  }

  /** Uses what is given; starts embedded Kafka and/or registry for what is blank, saying so on {@code log}. */
  public static Endpoints resolve(String bootstrapServers, String registryUrl, PrintStream log) {
    EmbeddedKafka kafka = null;
    EmbeddedRegistry registry = null;
    try {
      if (registryUrl == null || registryUrl.isBlank()) {
        registry = EmbeddedRegistry.start();
        registryUrl = registry.url();
        log.println("no --registry-url: started the embedded schema registry at " + registryUrl);
      }
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        kafka = EmbeddedKafka.start();
        bootstrapServers = kafka.bootstrapServers();
        log.println("no --bootstrap-servers: started an embedded Kafka (KRaft, single node) at " + bootstrapServers);
      }
      return new Endpoints(bootstrapServers, registryUrl, kafka, registry);
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registryUrl;
  }

  /** Confluent's registry client settings beyond the URL (TLS, credentials), for every serde a sample makes. */
  public java.util.Map<String, Object> registryClient() {
    return registryClient;
  }

  Endpoints withRegistryClient(java.util.Map<String, Object> settings) {
    this.registryClient = java.util.Map.copyOf(settings);
    return this;
  }

  /** True when Kafka was started here (so topics may be created freely). */
  public boolean embeddedKafka() {
    return kafka != null;
  }

  /** True when the registry was started here (it starts empty). */
  public boolean embeddedRegistry() {
    return registry != null;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      if (registry != null) {
        registry.close();
      }
    }
  }
}
