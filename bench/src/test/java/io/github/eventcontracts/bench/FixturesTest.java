package io.github.eventcontracts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.compat.CompatibilityResult;
import org.junit.jupiter.api.Test;

/** The benchmark must time real work: a full walk that finds the intended differences. */
class FixturesTest {
  @Test
  void benchmarkPairsAreCompatibleAndNotIdentical() {
    CompatibilityBenchmark bench = new CompatibilityBenchmark();
    bench.setUp();
    CompatibilityResult avro = bench.avroPairCheck();
    assertThat(avro.compatible()).isTrue();
    assertThat(Fixtures.avro(Fixtures.AVRO_V1).fingerprint()).isNotEqualTo(Fixtures.avro(Fixtures.AVRO_V2).fingerprint());

    CompatibilityResult proto = bench.protobufPairCheck();
    assertThat(proto.compatible()).isTrue();
    assertThat(proto.differences()).extracting(d -> d.type().id() + " " + d.path())
        .contains("FIELD_ADDED #/OrderCreated/20", "FIELD_ADDED #/OrderCreated/21",
            "ONEOF_FIELD_ADDED #/OrderCreated/payment/22");
  }
}
