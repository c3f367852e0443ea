package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The 5,000 orders on MariaDB 11.4, relayed by polling: exactly the committed events, once, in order per key. */
class OutboxEndToEndOnMariaDbTest extends OutboxEndToEndTest {
  @Override
  OutboxFixture.Database database() {
    return OutboxFixture.Database.MARIADB;
  }

  /** The CDC relay refuses a MariaDB URL, saying what to use instead (see {@link CdcRelay#NOT_ON_MYSQL}). */
  @Override
  @Test
  void changeDataCaptureRelaysExactlyTheCommittedEvents() {
    assertThatThrownBy(() -> CdcRelay.Settings.of(fixture.jdbcUrl("cdc"), "root", "", "outbox", Path.of("offsets")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use the polling relay");
  }
}
