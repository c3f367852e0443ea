package io.github.eventcontracts.outbox;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.ServerException;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The CDC relay for MySQL 8 and MariaDB: reads the binary log as a replica does (Debezium's own
 * binlog reader, {@code io.debezium:mysql-binlog-connector-java}), takes the outbox table's inserted
 * rows transaction by transaction, and hands a transaction over only at its commit event — the
 * binlog holds committed transactions in commit order, so a rolled-back row never reaches it.
 * Batches are sent to Kafka and, once acknowledged, the position after them is recorded
 * ({@link BinlogPosition}); a relay killed in between starts again there and sends them again.
 *
 * <p>Column names come from the binlog itself ({@code binlog_row_metadata=FULL}: every table map
 * names its columns), so the relay needs no schema history to survive an {@code ALTER TABLE}: the
 * position is its whole state. First start: a consistent snapshot of the outbox table and the binlog
 * position it stands at (MariaDB's {@code binlog_snapshot_file/position}, without locks; MySQL
 * briefly under {@code FLUSH TABLES WITH READ LOCK}, as Debezium does), then the binlog from there.
 *
 * <p>Why not Debezium's connectors: Debezium 3.6's MariaDB connector is not published on Maven
 * Central, and its MySQL connector refuses MariaDB 11 (it requires {@code SHOW BINARY LOG STATUS}).
 */
final class BinlogRelay extends AbstractCdcRelay {
  /** Rows per Kafka round: big enough to amortise the acknowledgement wait, small enough to record progress often. */
  static final int MAX_BATCH = 2_000;
  /** Transactions read ahead of Kafka: reading pauses when the relay falls this far behind. */
  static final int READ_AHEAD = 10_000;

  /** Where the server is, from {@code jdbc:mariadb://host[:port]/database} (or {@code jdbc:mysql:}), port 3306 unless named. */
  record Endpoint(String host, int port, String database) {
    static Endpoint of(String jdbcUrl) {
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (uri.getHost() == null || path.isEmpty()) {
        throw new IllegalArgumentException(jdbcUrl + ": the binlog relay needs jdbc:mariadb://host[:port]/database "
            + "(or jdbc:mysql://...), naming the database that holds the outbox table");
      }
      return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), path);
    }
  }

  /** A committed transaction's outbox rows, and where the binlog continues after it. */
  private record Committed(List<ProducerRecord<byte[], byte[]>> records, BinlogPosition next) {}

  private final CdcRelay.Settings settings;
  private final Endpoint endpoint;
  private final Producer<byte[], byte[]> producer;
  private final BlockingQueue<Committed> committed = new ArrayBlockingQueue<>(READ_AHEAD);
  private volatile boolean closing;
  private volatile BinaryLogClient client;
  private Thread reader;
  private Thread sender;

  /** The events read so far, as groups; touched only by the binlog client's thread. */
  private BinlogGroups groups;

  private BinlogRelay(CdcRelay.Settings settings, Endpoint endpoint, Producer<byte[], byte[]> producer) {
    this.settings = settings;
    this.endpoint = endpoint;
    this.producer = producer;
  }

  static BinlogRelay start(CdcRelay.Settings settings, Producer<byte[], byte[]> producer) {
    Endpoint endpoint = Endpoint.of(settings.jdbcUrl());
    DataSource dataSource = Databases.dataSource(settings.jdbcUrl(), settings.user(), settings.password());
    BinlogRelay relay = new BinlogRelay(settings, endpoint, producer);
    try {
      boolean mariadb = BinlogServerCheck.check(dataSource, endpoint);
      BinlogPosition from = BinlogPosition.read(settings.offsetFile()).orElse(null);
      if (from == null) {
        from = relay.snapshot(dataSource, mariadb);
        from.write(settings.offsetFile());
      }
      relay.follow(from);
      return relay;
    } catch (SQLException e) {
      throw new IllegalStateException("the binlog relay cannot read " + settings.jdbcUrl() + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the outbox snapshot's events: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while relaying the outbox snapshot", e);
    }
  }

  /**
   * The rows already in the outbox table, relayed in id order from one consistent snapshot; returns
   * the binlog position that snapshot stands at, where following the binlog begins.
   */
  private BinlogPosition snapshot(DataSource dataSource, boolean mariadb)
      throws SQLException, ExecutionException, InterruptedException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      BinlogPosition at;
      if (mariadb) {
        connection.setAutoCommit(false);
        statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        at = mariaDbSnapshotPosition(statement);
      } else {
        // MySQL has no snapshot position: hold writes off while the snapshot and the position are taken together
        statement.execute("FLUSH TABLES WITH READ LOCK");
        try {
          connection.setAutoCommit(false);
          statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
          at = BinlogServerCheck.currentPosition(statement);
        } finally {
          statement.execute("UNLOCK TABLES");
        }
      }
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT aggregate_id, topic, payload, headers FROM outbox ORDER BY id")) {
        select.setFetchSize(MAX_BATCH); // streamed, not the whole table in memory
        try (ResultSet rows = select.executeQuery()) {
          List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
          while (rows.next()) {
            batch.add(Relay.record(rows.getString(2), rows.getString(1), rows.getBytes(3),
                Outbox.headers(rows.getString(4))));
            if (batch.size() == MAX_BATCH) {
              sendBatch(batch);
              batch = new ArrayList<>();
            }
          }
          sendBatch(batch);
        }
      }
      connection.commit();
      return at;
    }
  }

  private static BinlogPosition mariaDbSnapshotPosition(Statement statement) throws SQLException {
    String snapshotFile = null;
    long snapshotPosition = -1;
    try (ResultSet status = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
      while (status.next()) {
        switch (status.getString(1).toLowerCase(Locale.ROOT)) {
          case "binlog_snapshot_file" -> snapshotFile = status.getString(2);
          case "binlog_snapshot_position" -> snapshotPosition = Long.parseLong(status.getString(2));
          default -> { }
        }
      }
    }
    if (snapshotFile == null || snapshotFile.isEmpty() || snapshotPosition < 0) {
      throw new SQLException("MariaDB reported no binlog_snapshot_file/position: is the binary log on (log_bin)?");
    }
    return new BinlogPosition(snapshotFile, snapshotPosition);
  }

  private void sendBatch(List<ProducerRecord<byte[], byte[]>> batch) throws ExecutionException, InterruptedException {
    Relay.sendAll(producer, batch);
    relayed.addAndGet(batch.size());
  }

  /** Reads the binlog from {@code from} on one thread and relays what it hands over on another. */
  private void follow(BinlogPosition from) {
    groups = new BinlogGroups(endpoint.database(), from,
        (rows, next) -> committed.put(new Committed(rows, next)));
    reader = new Thread(this::read, "outbox-binlog-reader");
    sender = new Thread(this::send, "outbox-binlog-sender");
    reader.setDaemon(true);
    sender.setDaemon(true);
    reader.start();
    sender.start();
  }

  /** Connects at the last handed-over boundary, again after each lost connection, until closed or refused. */
  private void read() {
    long backoffMillis = 100;
    while (!closing) {
      AtomicReference<Exception> lost = new AtomicReference<>();
      AtomicBoolean connected = new AtomicBoolean();
      BinaryLogClient next = newClient(groups.boundary(), lost, connected);
      client = next;
      try {
        next.connect(); // returns when the connection ends; why it ended is in lost
      } catch (IOException | RuntimeException e) {
        lost.compareAndSet(null, e);
      }
      if (closing) {
        return;
      }
      if (lost.get() instanceof ServerException refused) {
        // the server said no (position purged, privileges): trying again changes nothing
        fail(new IllegalStateException(refusal(refused), refused));
        return;
      }
      System.err.println("outbox binlog relay: lost " + endpoint.host() + ":" + endpoint.port() + " ("
          + (lost.get() == null ? "closed by the server" : lost.get()) + "); reconnecting at " + groups.boundary());
      groups.restartAtBoundary(); // a group cut by the lost connection is read again whole
      if (connected.get()) {
        backoffMillis = 100; // it was up: this is a new outage, not the same one going on
      }
      try {
        stopped.get(backoffMillis, TimeUnit.MILLISECONDS); // returns early when the relay stops meanwhile
        return;
      } catch (java.util.concurrent.TimeoutException e) {
        backoffMillis = Math.min(backoffMillis * 2, 5_000);
      } catch (InterruptedException | ExecutionException e) {
        return;
      }
    }
  }

  private BinaryLogClient newClient(BinlogPosition from, AtomicReference<Exception> lost, AtomicBoolean connected) {
    BinaryLogClient c = new BinaryLogClient(endpoint.host(), endpoint.port(), settings.user(), settings.password());
    c.setServerId(serverId(settings.name()));
    c.setBinlogFilename(from.file());
    c.setBinlogPosition(from.position());
    c.setKeepAlive(false); // its own reconnect resumes mid-transaction; this relay resumes at a group boundary
    EventDeserializer deserializer = new EventDeserializer();
    deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    c.setEventDeserializer(deserializer);
    c.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
      @Override
      public void onConnect(BinaryLogClient up) {
        connected.set(true);
      }

      @Override
      public void onCommunicationFailure(BinaryLogClient failed, Exception ex) {
        lost.compareAndSet(null, ex);
      }

      @Override
      public void onEventDeserializationFailure(BinaryLogClient failed, Exception ex) {
        // the client would skip the event and go on: an outbox row could be in it, so stop instead
        fail(new IllegalStateException("cannot decode a binlog event after " + groups.boundary() + ": " + ex, ex));
      }
    });
    c.registerEventListener(event -> {
      try {
        groups.accept(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // closing
      } catch (RuntimeException e) {
        fail(e);
      }
    });
    return c;
  }

  /**
   * The id this relay registers as a replica: the server drops an older connection with the same id,
   * which is what a restarted relay wants; two relays of one name would take turns, as two readers of
   * one PostgreSQL slot cannot run at all.
   */
  static long serverId(String name) {
    return 1_000_000L + Math.floorMod(name.hashCode(), 1_000_000);
  }

  private String refusal(ServerException e) {
    String hint = switch (e.getErrorCode()) {
      case 1236 -> " — the recorded position " + groups.boundary() + " (" + settings.offsetFile() + ") is no longer in the "
          + "server's binary log (purged?); events after it cannot be read. Delete the offset file to start from a new "
          + "snapshot of the outbox table, and keep binlogs longer than the relay may be down (binlog_expire_logs_seconds)";
      case 1045, 1044, 1227 -> " — the relay's user needs REPLICATION SLAVE and REPLICATION CLIENT "
          + "(MariaDB: REPLICATION SLAVE, BINLOG MONITOR) and SELECT on the outbox table";
      default -> "";
    };
    return "the server refused the binlog relay: " + e.getMessage() + hint;
  }

  /** Sends what the reader handed over, a batch per round, and records the position after each acknowledged batch. */
  private void send() {
    long lastRecorded = System.nanoTime();
    try {
      while (!closing) {
        List<Committed> batch = new ArrayList<>();
        batch.add(committed.take());
        int rows = batch.get(0).records().size();
        for (Committed next; rows < MAX_BATCH && (next = committed.poll()) != null; ) {
          batch.add(next);
          rows += next.records().size();
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(rows);
        batch.forEach(c -> records.addAll(c.records()));
        Relay.sendAll(producer, records);
        // a round of other tables' transactions only moves the position: recorded at most once a second
        if (!records.isEmpty() || System.nanoTime() - lastRecorded > TimeUnit.SECONDS.toNanos(1)) {
          batch.get(batch.size() - 1).next().write(settings.offsetFile());
          lastRecorded = System.nanoTime();
        }
        relayed.addAndGet(records.size());
      }
    } catch (InterruptedException e) {
      // closing: what was not recorded is sent again by the next start
    } catch (ExecutionException e) {
      fail(new IllegalStateException("Kafka refused outbox events: " + e.getCause(), e.getCause()));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(Throwable why) {
    if (stopped.complete(why)) {
      closing = true;
      disconnect();
      if (sender != null) {
        sender.interrupt();
      }
    }
  }

  private void disconnect() {
    BinaryLogClient c = client;
    if (c != null) {
      try {
        c.disconnect();
      } catch (IOException ignored) {
        // going away either way
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    stopped.complete(null);
    disconnect();
    if (sender != null) {
      sender.interrupt();
    }
    try {
      if (reader != null) {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      }
      if (sender != null) {
        sender.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
