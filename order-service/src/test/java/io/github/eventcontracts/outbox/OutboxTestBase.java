package io.github.eventcontracts.outbox;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link OutboxFixture} per test class: the database, Kafka and the registry started once. A
 * class runs on PostgreSQL unless it names another database ({@link #database()}), so every test
 * of the pattern runs on each database by a one-line subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxTestBase {
  static OutboxFixture fixture;
  static EmbeddedPostgres postgres;
  static EmbeddedKafka kafka;
  static EmbeddedRegistry registry;

  /** The database this class's tests run on. */
  OutboxFixture.Database database() {
    return OutboxFixture.Database.POSTGRESQL;
  }

  @BeforeAll
  void startServices() throws Exception {
    fixture = new OutboxFixture(database());
    postgres = fixture.postgres;
    kafka = fixture.kafka;
    registry = fixture.registry;
  }

  @AfterAll
  void stopServices() throws Exception {
    fixture.close();
  }

  static DataSource database(String name) throws SQLException {
    return fixture.database(name);
  }
}
