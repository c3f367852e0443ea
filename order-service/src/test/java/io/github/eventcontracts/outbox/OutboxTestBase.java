package io.github.eventcontracts.outbox;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@link OutboxFixture} per test class: PostgreSQL, Kafka and the registry started once. */
abstract class OutboxTestBase {
  static OutboxFixture fixture;
  static EmbeddedPostgres postgres;
  static EmbeddedKafka kafka;
  static EmbeddedRegistry registry;

  @BeforeAll
  static void startServices() throws Exception {
    fixture = new OutboxFixture();
    postgres = fixture.postgres;
    kafka = fixture.kafka;
    registry = fixture.registry;
  }

  @AfterAll
  static void stopServices() throws Exception {
    fixture.close();
  }

  static DataSource database(String name) throws SQLException {
    return fixture.database(name);
  }
}
