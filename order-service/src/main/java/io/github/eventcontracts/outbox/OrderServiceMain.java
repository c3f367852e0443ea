package io.github.eventcontracts.outbox;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The sample order service end to end, against a real PostgreSQL, Kafka and registry when given,
 * embedded ones otherwise: places orders (some rolled back), relays their events by CDC or polling,
 * consumes them with the transactional handler, and prints what happened.
 */
@Command(name = "order-service", mixinStandardHelpOptions = true,
    description = "Orders and their events through the transactional outbox.")
public final class OrderServiceMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin EndpointOptions endpoints;

  @Option(names = "--db", defaultValue = "postgres",
      description = "the embedded database when no --jdbc-url is given: postgres or mariadb (${DEFAULT-VALUE})")
  String db;

  @Option(names = "--jdbc-url", description = "jdbc:postgresql:// (wal_level=logical for cdc), jdbc:mariadb:// or "
      + "jdbc:mysql:// (binlog_format=ROW, binlog_row_image=FULL, binlog_row_metadata=FULL for cdc); default: an embedded database (--db)")
  String jdbcUrl;

  @Option(names = "--db-user", defaultValue = "postgres")
  String user;

  @Option(names = "--db-password", defaultValue = "postgres")
  String password;

  @Option(names = "--orders", defaultValue = "100")
  int orders;

  @Option(names = "--relay", defaultValue = "cdc", description = "cdc (the database's log: PostgreSQL's WAL, the "
      + "MySQL/MariaDB binlog) or polling (${DEFAULT-VALUE})")
  String relay;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OrderServiceMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!db.equals("postgres") && !db.equals("mariadb")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--db is postgres or mariadb, not '" + db + "'");
    }
    boolean postgresql = jdbcUrl == null || jdbcUrl.isBlank() ? db.equals("postgres")
        : jdbcUrl.startsWith("jdbc:postgresql:");
    if (!relay.equals("cdc") && !relay.equals("polling")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--relay is cdc or polling, not '" + relay + "'");
    }
    EmbeddedPostgres embedded = null;
    EmbeddedMariaDb embeddedMariaDb = null;
    DataSource ds;
    String url = jdbcUrl;
    if ((url == null || url.isBlank()) && postgresql) {
      // synchronous_commit on, as on a production server: embedded PostgreSQL turns it off, which
      // holds each commit back from logical decoding until the WAL writer flushes (up to 200 ms)
      embedded = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
          .setServerConfig("synchronous_commit", "on").start();
      ds = embedded.getPostgresDatabase();
      url = embedded.getJdbcUrl("postgres", "postgres");
    } else if (url == null || url.isBlank()) {
      embeddedMariaDb = EmbeddedMariaDb.start();
      ds = embeddedMariaDb.database("orders");
      url = embeddedMariaDb.jdbcUrl("orders");
      user = "root";
      password = "";
    } else {
      ds = OutboxRelayMain.dataSource(url, user, password);
    }
    try (Endpoints services = endpoints.resolve(System.out)) {
      try (Connection c = ds.getConnection(); var s = c.createStatement()) {
        OrderService.createTables(c);
        TransactionalConsumer.createTable(c);
        s.execute(OutboxConsumerMain.effectDdl(OutboxDialect.of(c)));
      }
      EmbeddedKafka.createTopics(services.bootstrapServers(), 3, OrderService.TOPIC);
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(Map.of("schema.registry.url", services.registryUrl()), false);
      OrderService service = new OrderService(ds, new Outbox(serializer));
      int committed = 0;
      long relayed = 0;
      try (Connection c = ds.getConnection()) {
        for (int i = 0; i < orders; i++) {
          boolean rollBack = i % 10 == 7;
          service.placeOrder(c, "customer-" + (i % 17), 100 + i, Instant.now(), rollBack);
          committed += rollBack ? 0 : 1;
        }
      }
      TransactionalConsumer handler = new TransactionalConsumer(ds, (connection, record) -> {
        try (var insert = connection.prepareStatement(
            "INSERT INTO order_effects (event_id, topic, kafka_offset) VALUES (?, ?, ?)")) {
          OutboxDialect.of(connection).setUuid(insert, 1, TransactionalConsumer.eventId(record));
          insert.setString(2, record.topic());
          insert.setLong(3, record.offset());
          insert.executeUpdate();
        }
      });
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          services.bootstrapServers(), "enable.idempotence", true, "acks", "all"), new ByteArraySerializer(),
          new ByteArraySerializer());
          KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
              services.bootstrapServers(), "group.id", "order-service-effects", "enable.auto.commit", false,
              "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        CdcRelay cdc = relay.equals("cdc") ? CdcRelay.start(new CdcRelay.Settings(url, user, password, "order_service",
            Files.createTempDirectory("relay").resolve("offsets.dat")), producer) : null;
        PollingRelay polling = relay.equals("cdc") ? null : new PollingRelay(ds, producer, 200);
        consumer.subscribe(List.of(OrderService.TOPIC));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (handler.handled() < committed && System.nanoTime() < deadline) {
          if (polling != null) {
            relayed += polling.relayOnce();
          }
          for (var record : consumer.poll(Duration.ofMillis(200))) {
            handler.handle(record);
          }
          consumer.commitSync();
        }
        if (cdc != null) {
          relayed = cdc.relayed();
          cdc.close();
        }
      }
      // the demo's machine line: what committed, what was relayed, what the consumer applied
      System.out.println("outbox: committed " + committed + " orders, rolled back " + (orders - committed) + ", relayed "
          + relayed + " events, consumed " + handler.handled());
      return handler.handled() == committed ? 0 : 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      if (embeddedMariaDb != null) {
        embeddedMariaDb.close();
      }
    }
  }
}
