package io.github.eventcontracts.registry.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the registry.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param dataDirectory where the durable log lives, or null for memory only
 * @param basicAuth {@code user:password} required of every request, or null
 * @param maxRequestBytes larger request bodies get 413
 * @param threads request threads
 * @param queueSize requests waiting for a thread before new ones are refused
 * @param repairLog start on a damaged log by keeping every readable record (see {@link DurableLog})
 * @param maxConnections open connections beyond this wait to be accepted
 * @param idleTimeout a connection that sends nothing for this long is closed
 * @param requestTimeout a request whose headers and body have not all arrived by then is answered 408
 * @param kafka the Kafka topic holding the state (Confluent's {@code _schemas} format), or null
 */
public record RegistryOptions(String host, int port, Path dataDirectory, String basicAuth, long maxRequestBytes,
    int threads, int queueSize, boolean repairLog, int maxConnections, Duration idleTimeout,
    Duration requestTimeout, KafkaStore.Options kafka) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  public static RegistryOptions defaults() {
    return new RegistryOptions("127.0.0.1", 0, null, null, DEFAULT_MAX_REQUEST_BYTES, 16, 512, false, 1024,
        Duration.ofSeconds(30), Duration.ofSeconds(10), null);
  }

  public RegistryOptions withPort(int newPort) {
    return new RegistryOptions(host, newPort, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withHost(String newHost) {
    return new RegistryOptions(newHost, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withDataDirectory(Path directory) {
    return new RegistryOptions(host, port, directory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withBasicAuth(String userInfo) {
    return new RegistryOptions(host, port, dataDirectory, userInfo, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withMaxRequestBytes(long bytes) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, bytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withThreads(int count) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, count, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withRepairLog(boolean repair) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repair,
        maxConnections, idleTimeout, requestTimeout, kafka);
  }

  public RegistryOptions withMaxConnections(int count) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        count, idleTimeout, requestTimeout, kafka);
  }

  /** State in a Kafka topic instead of memory or a file; see {@link KafkaStore}. */
  public RegistryOptions withKafka(String bootstrapServers, String topic, short replicationFactor, int minInsyncReplicas) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout,
        new KafkaStore.Options(bootstrapServers, topic, replicationFactor, minInsyncReplicas));
  }

  public RegistryOptions withTimeouts(Duration idle, Duration request) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idle, request, kafka);
  }
}
