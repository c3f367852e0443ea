package io.github.eventcontracts.bench;

import io.github.eventcontracts.core.compat.CompatibilityChecker;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.model.Contract;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pair checks per second on one thread: one BACKWARD check of a new version against the previous
 * one, schemas already parsed (the registry and the plugin parse once and check many times), and
 * the same including parsing both texts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CompatibilityBenchmark {
  private final CompatibilityChecker checker = new CompatibilityChecker();
  private List<Contract> avroOld;
  private Contract avroNew;
  private List<Contract> protoOld;
  private Contract protoNew;

  @Setup
  public void setUp() {
    avroOld = List.of(Fixtures.avro(Fixtures.AVRO_V1));
    avroNew = Fixtures.avro(Fixtures.AVRO_V2);
    protoOld = List.of(Fixtures.proto(Fixtures.PROTO_V1));
    protoNew = Fixtures.proto(Fixtures.PROTO_V2);
  }

  @Benchmark
  public CompatibilityResult avroPairCheck() {
    return checker.check(CompatibilityLevel.BACKWARD, avroOld, avroNew);
  }

  @Benchmark
  public CompatibilityResult protobufPairCheck() {
    return checker.check(CompatibilityLevel.BACKWARD, protoOld, protoNew);
  }

  @Benchmark
  public CompatibilityResult avroParseAndCheck() {
    return checker.check(CompatibilityLevel.BACKWARD, List.of(Fixtures.avro(Fixtures.AVRO_V1)),
        Fixtures.avro(Fixtures.AVRO_V2));
  }

  @Benchmark
  public CompatibilityResult protobufParseAndCheck() {
    return checker.check(CompatibilityLevel.BACKWARD, List.of(Fixtures.proto(Fixtures.PROTO_V1)),
        Fixtures.proto(Fixtures.PROTO_V2));
  }
}
