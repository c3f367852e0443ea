package io.github.eventcontracts.outbox;

/**
 * The 5,000 orders on MariaDB 11.4, relayed from the binlog and by polling: exactly the committed
 * events, once, in order per key.
 */
class OutboxEndToEndOnMariaDbTest extends OutboxEndToEndTest {
  @Override
  OutboxFixture.Database database() {
    return OutboxFixture.Database.MARIADB;
  }
}
