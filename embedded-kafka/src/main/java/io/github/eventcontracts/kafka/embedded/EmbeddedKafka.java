package io.github.eventcontracts.kafka.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka in KRaft mode (one process as broker and controller), bound to 127.0.0.1 on
 * free ports, with its logs in a temporary directory that {@link #close()} deletes. Settings are the
 * ones a one-node cluster needs: replication factor 1 for internal topics, no initial rebalance
 * delay, a small log-cleaner buffer (the default takes 128 MiB of heap).
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaRaftServer server;
  private final Path directory;
  private final String bootstrapServers;
  private final String securedBootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, Path directory, String bootstrapServers, String securedBootstrapServers) {
    this.server = server;
    this.directory = directory;
    this.bootstrapServers = bootstrapServers;
    this.securedBootstrapServers = securedBootstrapServers;
  }

  /**
   * A second listener, as a managed Kafka has it: SASL over TLS, with PLAIN users and SCRAM-SHA-512
   * users (their credentials stored by the controller, as {@code kafka-configs --add-config} would).
   *
   * @param keyStore the broker's key and certificate (PKCS12)
   * @param trustStore the CA of that certificate (PKCS12), with which the node checks that each
   *     SCRAM user can log in before it is handed out
   * @param password the stores' password
   */
  public record SaslSsl(Path keyStore, Path trustStore, String password, Map<String, String> plainUsers,
      Map<String, String> scramUsers) {
    /** What a client of the SASL_SSL listener sets to log in as {@code user} with {@code mechanism}. */
    public Map<String, String> clientSettings(String mechanism, String user, String userPassword) {
      String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
          : "org.apache.kafka.common.security.scram.ScramLoginModule";
      return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", mechanism,
          "sasl.jaas.config", module + " required username=\"" + user + "\" password=\"" + userPassword + "\";",
          "ssl.truststore.location", trustStore.toString(), "ssl.truststore.password", password,
          "ssl.truststore.type", "PKCS12");
    }
  }

  /** Formats a fresh log directory and starts the node; returns once it accepts clients. */
  public static EmbeddedKafka start() {
    return start(null);
  }

  /**
   * As {@link #start()}, with a {@code SASL_SSL} listener beside the plaintext one
   * ({@link #securedBootstrapServers()}).
   */
  public static EmbeddedKafka startSecured(SaslSsl secured) {
    return start(secured);
  }

  private static EmbeddedKafka start(SaslSsl secured) {
    Path directory;
    try {
      directory = Files.createTempDirectory("embedded-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for Kafka's logs", e);
    }
    int brokerPort = freePort();
    int controllerPort = freePort();
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    int securedPort = secured == null ? -1 : freePort();
    String extra = secured == null ? "" : ",SASL_SSL://127.0.0.1:" + securedPort;
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort + extra);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + extra);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
        + (secured == null ? "" : ",SASL_SSL:SASL_SSL"));
    if (secured != null) {
      props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
      StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
      secured.plainUsers().forEach((user, password) -> plain.append(" user_").append(user).append("=\"")
          .append(password).append('"'));
      props.put("listener.name.sasl_ssl.plain.sasl.jaas.config", plain.append(';').toString());
      props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      props.put("listener.name.sasl_ssl.ssl.keystore.location", secured.keyStore().toString());
      props.put("listener.name.sasl_ssl.ssl.keystore.password", secured.password());
      props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
    }
    props.put("log.dirs", directory.resolve("logs").toString());
    props.put("num.partitions", "3");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    props.put("auto.create.topics.enable", "false");
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(directory.resolve("logs").toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      delete(directory);
      throw new IllegalStateException("cannot format Kafka's log directory " + directory + ": " + e.getMessage(), e);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    EmbeddedKafka kafka = new EmbeddedKafka(server, directory, "127.0.0.1:" + brokerPort,
        secured == null ? null : "127.0.0.1:" + securedPort);
    kafka.awaitReady();
    if (secured != null && !secured.scramUsers().isEmpty()) {
      kafka.addScramUsers(secured.scramUsers());
      secured.scramUsers().forEach((user, password) -> kafka.awaitLogin(secured.clientSettings("SCRAM-SHA-512", user,
          password)));
    }
    return kafka;
  }

  /** {@code host:port} of the SASL_SSL listener; null when the node has none. */
  public String securedBootstrapServers() {
    return securedBootstrapServers;
  }

  /**
   * Returns once a client with these settings is let in: a SCRAM credential reaches the broker's
   * cache a moment after the controller stored it, and a refused login is not retried by clients.
   */
  private void awaitLogin(Map<String, String> settings) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Map<String, Object> props = new java.util.HashMap<>(settings);
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, securedBootstrapServers);
      try (Admin admin = Admin.create(props)) {
        admin.describeCluster().clusterId().get();
        return;
      } catch (ExecutionException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("a SCRAM user cannot log in to the SASL_SSL listener: " + e.getCause(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for SCRAM users", e);
      }
    }
  }

  private void addScramUsers(Map<String, String> users) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.alterUserScramCredentials(users.entrySet().stream().map(u ->
          (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
              new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(u.getKey(),
                  new org.apache.kafka.clients.admin.ScramCredentialInfo(
                      org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096), u.getValue()))
          .toList()).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot store SCRAM credentials: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing SCRAM credentials", e);
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Creates topics unless they exist; returns when they are usable. */
  public void createTopics(int partitions, String... topics) {
    createTopics(bootstrapServers, partitions, topics);
  }

  /**
   * Creates topics on any cluster unless they exist, with the cluster's default replication factor
   * (1 on this embedded one, what the operators chose on a real one).
   */
  public static void createTopics(String bootstrapServers, int partitions, String... topics) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (String topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private void awaitReady() {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.describeCluster().nodes().get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("embedded Kafka did not come up on " + bootstrapServers + ": " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      delete(directory);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: it is a temporary directory
    }
  }
}
