package io.github.eventcontracts.registry.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar registry-server.jar [schema-registry.properties] [--port 8081] [--host 127.0.0.1] [--data DIR]
 * [--basic-auth-file FILE] [--basic-auth user:password] [--max-request-bytes N] [--threads N]
 * [--max-connections N] [--request-timeout-seconds N] [--idle-timeout-seconds N] [--repair-log]
 * [--kafka-bootstrap-servers HOST:PORT [--kafka-topic _schemas] [--kafka-replication-factor 3]
 * [--kafka-min-insync-replicas 2]]}.
 * Credentials also come from the environment variable {@value #AUTH_ENV}, so that they need not
 * show in {@code ps}. A first argument that is a file is Confluent's {@code schema-registry.properties}
 * ({@link ConfluentConfigFile}); options after it override what it sets.
 */
public final class RegistryServerMain {
  /** Basic-auth credentials, {@code user:password}, when neither option gives them. */
  public static final String AUTH_ENV = "REGISTRY_BASIC_AUTH";
  private static final String USAGE = "usage: registry-server [schema-registry.properties] [--port 8081] [--host 127.0.0.1] [--data DIR] "
      + "[--basic-auth-file FILE | --basic-auth user:password] [--max-request-bytes 1048576] [--threads 16] "
      + "[--max-connections 1024] [--request-timeout-seconds 10] [--idle-timeout-seconds 30] [--repair-log]\n"
      + "  [--kafka-bootstrap-servers host:9092 [--kafka-topic _schemas] [--kafka-replication-factor 1] "
      + "[--kafka-min-insync-replicas 1]]  state in a Kafka topic, in Confluent's format\n"
      + "  [--authfile auth.json]  users and per-subject permissions in Karapace's authfile format\n"
      + "schema-registry.properties: Confluent's listeners, ssl.*, kafkastore.* (security too), "
      + "schema.registry.group.id, and Karapace's registry.authfile; options after the file override it\n"
      + "credentials may also come from the environment variable " + AUTH_ENV + " (user:password)";

  private RegistryServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Fatal.installHandler();
    // Jetty otherwise starts the JVM's whole JMX server (~300 ms) just to learn the reference size;
    // 16 references per 64-byte cache line is what compressed oops give. Set here, in the process we
    // own, not in EmbeddedRegistry: a host application's JVM-wide settings are its own.
    if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
      System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }
    RegistryOptions options = RegistryOptions.defaults().withPort(8081);
    String environmentAuth = System.getenv(AUTH_ENV);
    if (environmentAuth != null && !environmentAuth.isBlank()) {
      options = options.withBasicAuth(environmentAuth.strip());
    }
    try {
      int first = 0;
      if (args.length > 0 && !args[0].startsWith("-")) {
        options = ConfluentConfigFile.apply(Path.of(args[0]), options);
        first = 1;
      }
      for (int i = first; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--authfile" -> options = options.withAuthFile(Path.of(value(args, ++i, arg)));
          case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, arg)));
          case "--host" -> options = options.withHost(value(args, ++i, arg));
          case "--data" -> options = options.withDataDirectory(Path.of(value(args, ++i, arg)));
          case "--basic-auth" -> options = options.withBasicAuth(value(args, ++i, arg));
          case "--max-request-bytes" -> options = options.withMaxRequestBytes(Long.parseLong(value(args, ++i, arg)));
          case "--threads" -> options = options.withThreads(Integer.parseInt(value(args, ++i, arg)));
          case "--repair-log" -> options = options.withRepairLog(true);
          case "--kafka-bootstrap-servers" -> options = withKafka(options, value(args, ++i, arg), null, null, null);
          case "--kafka-topic" -> options = withKafka(options, null, value(args, ++i, arg), null, null);
          case "--kafka-replication-factor" -> options = withKafka(options, null, null,
              Short.parseShort(value(args, ++i, arg)), null);
          case "--kafka-min-insync-replicas" -> options = withKafka(options, null, null, null,
              Integer.parseInt(value(args, ++i, arg)));
          case "--basic-auth-file" -> options = options.withBasicAuth(credentialsFile(value(args, ++i, arg)));
          case "--max-connections" -> options = options.withMaxConnections(Integer.parseInt(value(args, ++i, arg)));
          case "--request-timeout-seconds" -> options = options.withTimeouts(options.idleTimeout(),
              java.time.Duration.ofSeconds(Long.parseLong(value(args, ++i, arg))));
          case "--idle-timeout-seconds" -> options = options.withTimeouts(
              java.time.Duration.ofSeconds(Long.parseLong(value(args, ++i, arg))), options.requestTimeout());
          case "--help", "-h" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
        }
      }
      if (options.kafka() != null && options.kafka().bootstrapServers() == null) {
        throw new IllegalArgumentException("--kafka-topic and the other --kafka-* options need --kafka-bootstrap-servers");
      }
      if (options.kafka() != null && options.dataDirectory() != null) {
        throw new IllegalArgumentException("--data and --kafka-bootstrap-servers exclude each other: choose one store");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("registry-server: " + e.getMessage());
      System.exit(2);
    }
    long started = System.nanoTime();
    EmbeddedRegistry registry;
    try {
      registry = EmbeddedRegistry.start(options);
    } catch (RuntimeException e) {
      System.err.println("registry-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "registry-shutdown"));
    System.out.println("registry-server listening on " + String.join(", ", registry.urls()) + " ("
        + (options.kafka() != null ? "state in Kafka topic " + options.kafka().topic() + " at "
            + options.kafka().bootstrapServers() : options.dataDirectory() == null ? "in memory"
            : "data in " + options.dataDirectory()) + ", started in "
        + (System.nanoTime() - started) / 1_000_000 + " ms)");
    System.out.flush();
    stopped.await();
  }

  /** The first line of a file holding {@code user:password}. */
  private static String credentialsFile(String path) {
    try {
      String line = java.nio.file.Files.readAllLines(Path.of(path)).stream().filter(l -> !l.isBlank()).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--basic-auth-file " + path + " is empty; it must hold "
              + "user:password"));
      if (!line.contains(":")) {
        throw new IllegalArgumentException("--basic-auth-file " + path + " must hold user:password on its first line");
      }
      return line.strip();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read --basic-auth-file " + path + ": " + e.getMessage());
    }
  }

  /** Changes one Kafka setting, keeping the others (defaults: topic _schemas, one replica). */
  private static RegistryOptions withKafka(RegistryOptions options, String servers, String topic, Short replication,
      Integer minInsync) {
    KafkaStore.Options k = options.kafka() != null ? options.kafka() : KafkaStore.Options.of(null);
    return options.withKafka(servers != null ? servers : k.bootstrapServers(), topic != null ? topic : k.topic(),
        replication != null ? replication : k.replicationFactor(), minInsync != null ? minInsync : k.minInsyncReplicas());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
