package io.github.eventcontracts.outbox;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.Producer;

/**
 * The change-data-capture relay: the outbox table's inserts read from the database's own log in
 * commit order — so rolled-back rows never exist for it — sent to Kafka, and the log position
 * recorded only after Kafka acknowledged them. A relay killed in between starts again from the last
 * recorded position and sends those rows again (duplicates, never loss). PostgreSQL's write-ahead
 * log is read by {@link WalRelay} (Debezium's embedded engine), MySQL's and MariaDB's binary log by
 * {@link BinlogRelay}.
 */
public interface CdcRelay extends AutoCloseable {
  /**
   * Where the database is and what the relay's state is called: {@code name} is the PostgreSQL
   * replication slot and publication, and on MySQL and MariaDB seeds the replica server id the relay
   * reads the binlog as; {@code offsetFile} keeps the log position relayed so far.
   */
  record Settings(String jdbcUrl, String user, String password, String name, Path offsetFile) {}

  /** Starts the relay the URL's database needs: {@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code jdbc:mysql:}. */
  static CdcRelay start(Settings settings, Producer<byte[], byte[]> producer) {
    String url = settings.jdbcUrl();
    if (url.startsWith("jdbc:postgresql:")) {
      return new WalRelay(settings, producer);
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return BinlogRelay.start(settings, producer);
    }
    throw new IllegalArgumentException("the CDC relay reads PostgreSQL (jdbc:postgresql://), MariaDB (jdbc:mariadb://) "
        + "and MySQL 8 (jdbc:mysql://), not " + url);
  }

  /** Events sent and acknowledged since this relay started. */
  long relayed();

  /**
   * Waits until the relay stops by itself (Kafka refused a batch, the database refused the relay)
   * and returns why; a relay that is closed returns null.
   */
  Throwable awaitFailure() throws InterruptedException;

  @Override
  void close() throws IOException;
}
