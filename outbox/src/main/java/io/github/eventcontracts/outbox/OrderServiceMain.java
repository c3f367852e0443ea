package io.github.eventcontracts.outbox;

import io.github.eventcontracts.sample.support.EndpointOptions;
import io.github.eventcontracts.sample.support.Endpoints;
import io.github.eventcontracts.serde.AvroSerializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The sample order service end to end, against a real PostgreSQL, Kafka and registry when given,
 * embedded ones otherwise: places orders (some rolled back), relays their events by CDC or polling,
 * consumes them with the transactional handler, and prints what happened.
 */
@Command(name = "order-service", mixinStandardHelpOptions = true,
    description = "Orders and their events through the transactional outbox.")
public final class OrderServiceMain implements Callable<Integer> {
  @Mixin EndpointOptions endpoints;

  @Option(names = "--jdbc-url", description = "PostgreSQL with wal_level=logical; default: an embedded one")
  String jdbcUrl;

  @Option(names = "--db-user", defaultValue = "postgres")
  String user;

  @Option(names = "--db-password", defaultValue = "postgres")
  String password;

  @Option(names = "--orders", defaultValue = "100")
  int orders;

  @Option(names = "--relay", defaultValue = "cdc", description = "cdc or polling (${DEFAULT-VALUE})")
  String relay;

  /** Three partitions, the cluster's default replication; an existing topic is used as it is. */
  static void createTopic(String bootstrapServers, String topic) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, java.util.Optional.of(3),
          java.util.Optional.empty()))).all().get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw e;
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new OrderServiceMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    EmbeddedPostgres embedded = null;
    DataSource ds;
    String host;
    int port;
    String database;
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      // synchronous_commit on, as on a production server: embedded PostgreSQL turns it off, which
      // holds each commit back from logical decoding until the WAL writer flushes (up to 200 ms)
      embedded = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
          .setServerConfig("synchronous_commit", "on").start();
      ds = embedded.getPostgresDatabase();
      host = "localhost";
      port = embedded.getPort();
      database = "postgres";
    } else {
      PGSimpleDataSource given = new PGSimpleDataSource();
      given.setUrl(jdbcUrl);
      given.setUser(user);
      given.setPassword(password);
      ds = given;
      java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
      host = uri.getHost();
      port = uri.getPort() < 0 ? 5432 : uri.getPort();
      database = uri.getPath().substring(1);
    }
    try (Endpoints services = endpoints.resolve(System.out)) {
      try (Connection c = ds.getConnection(); var s = c.createStatement()) {
        OrderService.createTables(c);
        TransactionalConsumer.createTable(c);
        s.execute("CREATE TABLE IF NOT EXISTS order_effects (event_id UUID NOT NULL)");
      }
      createTopic(services.bootstrapServers(), OrderService.TOPIC);
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(Map.of("schema.registry.url", services.registryUrl()), false);
      OrderService service = new OrderService(ds, new Outbox(serializer));
      int committed = 0;
      try (Connection c = ds.getConnection()) {
        for (int i = 0; i < orders; i++) {
          boolean rollBack = i % 10 == 7;
          service.placeOrder(c, "customer-" + (i % 17), 100 + i, Instant.now(), rollBack);
          committed += rollBack ? 0 : 1;
        }
      }
      System.out.println("order-service: committed " + committed + " orders, rolled back " + (orders - committed));
      TransactionalConsumer handler = new TransactionalConsumer(ds, (connection, record) -> {
        try (var insert = connection.prepareStatement("INSERT INTO order_effects (event_id) VALUES (?)")) {
          insert.setObject(1, TransactionalConsumer.eventId(record));
          insert.executeUpdate();
        }
      });
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          services.bootstrapServers(), "enable.idempotence", true, "acks", "all"), new ByteArraySerializer(),
          new ByteArraySerializer());
          KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
              services.bootstrapServers(), "group.id", "order-service-effects", "enable.auto.commit", false,
              "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        CdcRelay cdc = relay.equals("cdc") ? CdcRelay.start(new CdcRelay.Settings(host, port, database, user, password,
            "order_service", Files.createTempDirectory("relay").resolve("offsets.dat")), producer) : null;
        PollingRelay polling = relay.equals("cdc") ? null : new PollingRelay(ds, producer, 200);
        consumer.subscribe(List.of(OrderService.TOPIC));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (handler.handled() < committed && System.nanoTime() < deadline) {
          if (polling != null) {
            polling.relayOnce();
          }
          for (var record : consumer.poll(Duration.ofMillis(200))) {
            handler.handle(record);
          }
          consumer.commitSync();
        }
        if (cdc != null) {
          cdc.close();
        }
      }
      System.out.println("order-service: relayed by " + relay + ", consumed " + handler.handled() + " (duplicates dropped "
          + handler.duplicates() + ")");
      return handler.handled() == committed ? 0 : 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
