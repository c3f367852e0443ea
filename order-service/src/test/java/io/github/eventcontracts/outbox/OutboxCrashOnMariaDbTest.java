package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same kills on MariaDB 11.4: the polling relay and the consumer keep their guarantees there. */
class OutboxCrashOnMariaDbTest extends OutboxCrashTest {
  @Override
  OutboxFixture.Database database() {
    return OutboxFixture.Database.MARIADB;
  }

  /** No binlog relay (see {@link CdcRelay#NOT_ON_MYSQL}): asked for one, the relay says so and stops. */
  @Override
  @Test
  void cdcRelayKilledAndRestartedLosesNoCommittedEvent() throws Exception {
    Process relay = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OutboxRelayMain.class.getName(), "--jdbc-url",
        fixture.jdbcUrl("nothing"), "--bootstrap-servers", kafka.bootstrapServers(), "--mode", "cdc")
        .redirectErrorStream(true).start();
    assertThat(relay.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(relay.exitValue()).isEqualTo(2);
    assertThat(new String(relay.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("on MySQL and MariaDB use the polling relay");
  }
}
