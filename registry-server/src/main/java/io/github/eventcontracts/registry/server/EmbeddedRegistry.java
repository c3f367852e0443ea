package io.github.eventcontracts.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Confluent-compatible schema registry in this JVM, for tests, demos and local runs:
 * {@code try (var registry = EmbeddedRegistry.start()) { ... registry.url() ... }}.
 */
public final class EmbeddedRegistry implements AutoCloseable {
  private final RegistryService service;
  private final RegistryHttpServer server;
  private final String url;

  private EmbeddedRegistry(RegistryOptions options) {
    SchemaStore store = storeFor(options);
    this.service = new RegistryService(store, options.defaultLevel() != null ? options.defaultLevel()
        : io.github.eventcontracts.core.compat.CompatibilityLevel.BACKWARD);
    io.github.eventcontracts.registry.server.auth.Access access;
    try {
      access = io.github.eventcontracts.registry.server.auth.Access.of(options.basicAuth(), options.authFile(),
          options.tls() != null && options.tls().clientAuth() != RegistryOptions.ClientAuth.NONE,
          message -> System.err.println("registry-server: " + message));
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    try {
      this.server = new RegistryHttpServer(service, options, access);
    } catch (IOException | RuntimeException e) {
      access.close();
      service.close();
      throw new UncheckedIOException("cannot start registry on " + options.effectiveListeners() + ": "
          + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
    this.url = server.urls().get(0);
    if (options.kafka() != null) {
      // instances on one topic elect the one that writes; the others forward writes to it
      KafkaStore topic = ((KafkaTopicStore) store).topic();
      this.elector = new KafkaLeaderElector(options.kafka(), url, new KafkaLeaderElector.Listener() {
        @Override
        public void elected() {
          topic.becomeWriter();
          System.err.println("registry-server: " + url + " is the leader for " + options.kafka().topic());
        }

        @Override
        public void deposed() {
          topic.stopWriting();
        }
      }, message -> System.err.println("registry-server: " + message));
      server.cluster(elector, topic);
    } else {
      this.elector = null;
    }
  }

  private final KafkaLeaderElector elector;

  /** The store the options ask for: Confluent's topic on Kafka, a file log, or memory. */
  private static SchemaStore storeFor(RegistryOptions options) {
    java.util.function.Consumer<String> notes = message -> System.err.println("registry-server: " + message);
    if (options.kafka() != null) {
      return new KafkaTopicStore(options.kafka(), notes);
    }
    if (options.dataDirectory() != null) {
      return new FileLogStore(options.dataDirectory(), options.repairLog(), notes);
    }
    return new MemoryStore();
  }

  /** In memory, on a free loopback port. */
  public static EmbeddedRegistry start() {
    return start(RegistryOptions.defaults());
  }

  public static EmbeddedRegistry start(RegistryOptions options) {
    return new EmbeddedRegistry(options);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public String url() {
    return url;
  }

  public int port() {
    return server.port();
  }

  /** Who may do what here: the authfile's users and permissions, failed logins, reloads. */
  public io.github.eventcontracts.registry.server.auth.Access access() {
    return server.access();
  }

  /** Every listener's URL (Confluent's {@code listeners}, e.g. an http and an https one). */
  public java.util.List<String> urls() {
    return server.urls();
  }

  @Override
  public void close() {
    if (elector != null) {
      elector.close();
    }
    server.close();
    service.close();
  }
}
