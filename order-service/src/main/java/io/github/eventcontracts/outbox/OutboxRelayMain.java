package io.github.eventcontracts.outbox;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The relay as a process: {@code --jdbc-url jdbc:postgresql://host:port/db (or jdbc:mariadb://,
 * jdbc:mysql://) --user u --password p
 * --bootstrap-servers host:9092 --mode cdc|polling [--slot outbox_relay] [--offsets FILE]}. The
 * slot names the CDC relay's state: PostgreSQL's replication slot and publication, the replica id a
 * binlog relay registers as. Runs until killed; a CDC relay that stops by itself (Kafka or the
 * database refused it) exits 1 with the reason, bad settings exit 2.
 */
public final class OutboxRelayMain {
  private OutboxRelayMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String url = required(options, "--jdbc-url");
    String mode = options.getOrDefault("--mode", "cdc");
    if (!mode.equals("cdc") && !mode.equals("polling")) {
      System.err.println("--mode is cdc or polling, not '" + mode + "'");
      System.exit(2);
    }
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        required(options, "--bootstrap-servers"), "enable.idempotence", true, "acks", "all"),
        new ByteArraySerializer(), new ByteArraySerializer());
    String user = options.getOrDefault("--user", "postgres");
    String password = options.getOrDefault("--password", "postgres");
    if (mode.equals("cdc")) {
      CdcRelay relay;
      try {
        relay = CdcRelay.start(new CdcRelay.Settings(url, user, password, options.getOrDefault("--slot",
            "outbox_relay"), Path.of(options.getOrDefault("--offsets", "outbox-relay.offsets"))), producer);
      } catch (IllegalArgumentException | IllegalStateException e) {
        System.err.println("relay: " + e.getMessage());
        System.exit(2);
        return;
      }
      System.out.println("relay: cdc started");
      System.out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          relay.close();
        } catch (Exception ignored) {
          // exiting
        }
      }));
      Throwable failure = relay.awaitFailure();
      if (failure != null) {
        System.err.println("relay: stopped: " + failure.getMessage());
        System.exit(1);
      }
    } else {
      PollingRelay relay = new PollingRelay(dataSource(url, user, password), producer, 200);
      System.out.println("relay: polling started");
      System.out.flush();
      while (true) {
        if (relay.relayOnce() == 0) {
          Thread.sleep(50); // nothing waiting: poll again shortly
        }
      }
    }
  }

  static javax.sql.DataSource dataSource(String jdbcUrl, String user, String password) {
    return Databases.dataSource(jdbcUrl, user, password);
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      System.err.println("missing " + name);
      System.exit(2);
    }
    return value;
  }
}
