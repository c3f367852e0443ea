package io.github.eventcontracts.registry.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param listeners where to listen ({@code http://} and {@code https://}, Confluent's
 *     {@code listeners}); empty: plain HTTP at {@code host} and {@code port}
 * @param tls the HTTPS listeners' keystore, truststore and client-certificate policy, or null
 * @param authFile Karapace's authfile of users and per-subject permissions, or null
 * @param defaultLevel the global compatibility level while none is set (Confluent's
 *     {@code schema.compatibility.level}); null for BACKWARD
 */
public record RegistryOptions(String host, int port, Path dataDirectory, String basicAuth, long maxRequestBytes,
    int threads, int queueSize, boolean repairLog, int maxConnections, Duration idleTimeout,
    Duration requestTimeout, KafkaStore.Options kafka, List<Listener> listeners, Tls tls, Path authFile,
    io.github.eventcontracts.core.compat.CompatibilityLevel defaultLevel) {
  public RegistryOptions {
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }

  /** One {@code scheme://host:port} of Confluent's {@code listeners}. */
  public record Listener(String scheme, String host, int port) {
    public static Listener parse(String url) {
      java.net.URI uri;
      try {
        uri = java.net.URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("listener '" + url + "' is not a URL like https://0.0.0.0:8081");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("listener '" + url + "': the scheme is http or https");
      }
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("listener '" + url + "' needs a host and a port, e.g. " + scheme
            + "://0.0.0.0:8081");
      }
      return new Listener(scheme, uri.getHost(), uri.getPort());
    }

    public boolean https() {
      return scheme.equals("https");
    }
  }

  /** Whether and how a client certificate is asked for (Confluent's {@code ssl.client.authentication}). */
  public enum ClientAuth { NONE, REQUESTED, REQUIRED }

  /**
   * The server's TLS material, in Confluent's terms ({@code ssl.keystore.*}, {@code ssl.key.password},
   * {@code ssl.truststore.*}, {@code ssl.client.authentication}, {@code ssl.enabled.protocols}).
   */
  public record Tls(Path keyStore, String keyStoreType, String keyStorePassword, String keyPassword, Path trustStore,
      String trustStoreType, String trustStorePassword, ClientAuth clientAuth, List<String> protocols) {
    public Tls {
      protocols = protocols == null ? List.of() : List.copyOf(protocols);
      clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    }

    @Override
    public String toString() { // never the passwords
      return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", clientAuth=" + clientAuth + ", protocols="
          + protocols + "]";
    }
  }

  /** The listeners to open: the configured ones, else plain HTTP at host and port. */
  public List<Listener> effectiveListeners() {
    return listeners.isEmpty() ? List.of(new Listener("http", host, port)) : listeners;
  }
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  public static RegistryOptions defaults() {
    return new RegistryOptions("127.0.0.1", 0, null, null, DEFAULT_MAX_REQUEST_BYTES, 16, 512, false, 1024,
        Duration.ofSeconds(30), Duration.ofSeconds(10), null, List.of(), null, null, null);
  }

  public RegistryOptions withPort(int newPort) {
    return new RegistryOptions(host, newPort, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withHost(String newHost) {
    return new RegistryOptions(newHost, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withDataDirectory(Path directory) {
    return new RegistryOptions(host, port, directory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withBasicAuth(String userInfo) {
    return new RegistryOptions(host, port, dataDirectory, userInfo, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withMaxRequestBytes(long bytes) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, bytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withThreads(int count) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, count, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withRepairLog(boolean repair) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repair,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withMaxConnections(int count) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        count, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, defaultLevel);
  }

  /** State in a Kafka topic instead of memory or a file; see {@link KafkaStore}. */
  public RegistryOptions withKafka(String bootstrapServers, String topic, short replicationFactor, int minInsyncReplicas) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout,
        new KafkaStore.Options(bootstrapServers, topic, replicationFactor, minInsyncReplicas), listeners, tls, authFile, defaultLevel);
  }

  public RegistryOptions withTimeouts(Duration idle, Duration request) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idle, request, kafka, listeners, tls, authFile, defaultLevel);
  }

  /** The Kafka store's settings as they are (client security settings included). */
  public RegistryOptions withKafka(KafkaStore.Options store) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, store, listeners, tls, authFile, defaultLevel);
  }

  /** Confluent's {@code listeners}: where to listen, over HTTP or HTTPS. */
  public RegistryOptions withListeners(List<Listener> urls) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, urls, tls, authFile, defaultLevel);
  }

  public RegistryOptions withTls(Tls material) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, material, authFile, defaultLevel);
  }

  /** Karapace's authfile: users, hashed passwords, per-subject permissions. */
  public RegistryOptions withAuthFile(Path file) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, file, defaultLevel);
  }

  /** The global level while none is set: Confluent's {@code schema.compatibility.level}. */
  public RegistryOptions withDefaultLevel(io.github.eventcontracts.core.compat.CompatibilityLevel level) {
    return new RegistryOptions(host, port, dataDirectory, basicAuth, maxRequestBytes, threads, queueSize, repairLog,
        maxConnections, idleTimeout, requestTimeout, kafka, listeners, tls, authFile, level);
  }
}
