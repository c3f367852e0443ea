package io.github.eventcontracts.outbox;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A data source for a JDBC URL of the databases the outbox runs on. */
public final class Databases {
  private Databases() {}

  /**
   * {@code jdbc:postgresql://}, {@code jdbc:mariadb://} or {@code jdbc:mysql://} (MySQL 8 through
   * MariaDB's driver, which speaks its protocol).
   */
  public static DataSource dataSource(String jdbcUrl, String user, String password) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(jdbcUrl);
      dataSource.setUser(user);
      dataSource.setPassword(password);
      return dataSource;
    }
    if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
      try {
        String url = jdbcUrl.startsWith("jdbc:mysql:")
            ? jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "permitMysqlScheme" : jdbcUrl;
        MariaDbDataSource dataSource = new MariaDbDataSource(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
      } catch (SQLException e) {
        throw new IllegalArgumentException("not a usable MariaDB/MySQL URL: " + jdbcUrl + ": " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("the outbox runs on PostgreSQL (jdbc:postgresql://), MariaDB (jdbc:mariadb://) "
        + "and MySQL 8 (jdbc:mysql://), not " + jdbcUrl);
  }
}
