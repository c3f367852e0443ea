package io.github.eventcontracts.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the binlog relay needs of a MySQL or MariaDB server, checked before it reads anything, each
 * missing setting named with the line that fixes it: the binary log on, in ROW format, with full row
 * images and full row metadata (column names in every table map), and an outbox table whose text
 * columns are UTF-8.
 */
final class BinlogServerCheck {
  private BinlogServerCheck() {}

  /** Refuses a server the relay cannot read correctly, saying every reason at once; true for MariaDB. */
  static boolean check(DataSource dataSource, BinlogRelay.Endpoint endpoint) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      String version;
      try (ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
        rs.next();
        version = rs.getString(1);
      }
      boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
      Map<String, String> variables = new HashMap<>();
      try (ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN "
          + "('log_bin', 'binlog_format', 'binlog_row_image', 'binlog_row_metadata')")) {
        while (rs.next()) {
          variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toUpperCase(Locale.ROOT));
        }
      }
      List<String> problems = new ArrayList<>();
      expect(variables, "log_bin", "ON", "start the server with log_bin (--log-bin)", problems);
      expect(variables, "binlog_format", "ROW", "binlog_format=ROW", problems);
      expect(variables, "binlog_row_image", "FULL", "binlog_row_image=FULL", problems);
      if (!variables.containsKey("binlog_row_metadata")) {
        problems.add("the server has no binlog_row_metadata: the relay needs MySQL 8.0.1+ or MariaDB 10.5+ (this is "
            + version + ")");
      } else {
        expect(variables, "binlog_row_metadata", "FULL", "binlog_row_metadata=FULL (column names in the binlog)",
            problems);
      }
      problems.addAll(outboxProblems(connection, endpoint.database()));
      if (!problems.isEmpty()) {
        throw new SQLException((mariadb ? "MariaDB " : "MySQL ") + version + " at " + endpoint.host() + ":"
            + endpoint.port() + " cannot be read by the binlog relay: " + String.join("; ", problems)
            + " (set these in the server's configuration, [mysqld] section, and restart it)");
      }
      return mariadb;
    }
  }

  private static void expect(Map<String, String> variables, String name, String wanted, String fix,
      List<String> problems) {
    String actual = variables.get(name);
    if (!wanted.equals(actual) && !("ON".equals(wanted) && "1".equals(actual))) {
      problems.add(name + " is " + (actual == null ? "not set" : actual) + ", needs " + fix);
    }
  }

  private static List<String> outboxProblems(Connection connection, String database) throws SQLException {
    List<String> problems = new ArrayList<>();
    Map<String, String> charsets = new HashMap<>();
    try (PreparedStatement columns = connection.prepareStatement("SELECT COLUMN_NAME, CHARACTER_SET_NAME FROM "
        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'outbox'")) {
      columns.setString(1, database);
      try (ResultSet rs = columns.executeQuery()) {
        while (rs.next()) {
          charsets.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    if (charsets.isEmpty()) {
      problems.add("database " + database + " has no outbox table (create it with Outbox.createTable before the relay "
          + "starts)");
      return problems;
    }
    for (String column : List.of("aggregate_id", "topic", "headers")) {
      String charset = charsets.get(column);
      if (!charsets.containsKey(column)) {
        problems.add("the outbox table has no column " + column);
      } else if (charset != null && !charset.toLowerCase(Locale.ROOT).startsWith("utf8")
          && !charset.equalsIgnoreCase("ascii")) {
        problems.add("outbox." + column + " is " + charset + ", the relay reads UTF-8: ALTER TABLE outbox CONVERT TO "
            + "CHARACTER SET utf8mb4");
      }
    }
    return problems;
  }

  /** The binlog's current end, by whichever statement this server has (MySQL 8.4 renamed SHOW MASTER STATUS). */
  static BinlogPosition currentPosition(Statement statement) throws SQLException {
    SQLException last = null;
    for (String sql : List.of("SHOW BINARY LOG STATUS", "SHOW MASTER STATUS")) {
      try (ResultSet rs = statement.executeQuery(sql)) {
        if (!rs.next()) {
          throw new SQLException(sql + " returned nothing: is the binary log on (log_bin)?");
        }
        return new BinlogPosition(rs.getString(1), rs.getLong(2));
      } catch (java.sql.SQLSyntaxErrorException e) {
        last = e;
      }
    }
    throw last;
  }
}
