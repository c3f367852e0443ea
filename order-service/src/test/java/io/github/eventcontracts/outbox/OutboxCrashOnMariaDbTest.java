package io.github.eventcontracts.outbox;

/**
 * The same kills on MariaDB 11.4: the binlog relay, the polling relay and the consumer keep their
 * guarantees there.
 */
class OutboxCrashOnMariaDbTest extends OutboxCrashTest {
  @Override
  OutboxFixture.Database database() {
    return OutboxFixture.Database.MARIADB;
  }
}
