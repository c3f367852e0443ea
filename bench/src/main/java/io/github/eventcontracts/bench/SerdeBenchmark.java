package io.github.eventcontracts.bench;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.github.eventcontracts.bench.avro.BenchEvent;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.serde.AvroDeserializer;
import io.github.eventcontracts.serde.AvroSerializer;
import io.github.eventcontracts.serde.ProtobufDeserializer;
import io.github.eventcontracts.serde.ProtobufSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Serialize + deserialize of one 15-field event, per operation: our serdes against the raw codecs
 * (Avro SpecificDatumWriter/Reader with a reused encoder and decoder, Protobuf toByteArray/parseFrom)
 * and against Apicurio's Avro serdes (2.4.2.Final, in Confluent-compatible framing, its registry
 * client answered from memory so only the serde is timed). Ours talk to an embedded registry, which
 * they ask once per schema; the timed loop never reaches it. {@link #main} runs all five in one JVM
 * session and prints the ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {
  private static final String TOPIC = "bench-avro";
  private static final String PROTO_TOPIC = "bench-protobuf";

  private EmbeddedRegistry registry;
  private BenchEvent avroEvent;
  private io.github.eventcontracts.bench.proto.BenchEvent protoEvent;

  private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream(256);
  private BinaryEncoder rawEncoder;
  private BinaryDecoder rawDecoder;
  private SpecificDatumWriter<BenchEvent> rawWriter;
  private SpecificDatumReader<BenchEvent> rawReader;

  private AvroSerializer ourAvroSerializer;
  private AvroDeserializer ourAvroDeserializer;
  private ProtobufSerializer<io.github.eventcontracts.bench.proto.BenchEvent> ourProtoSerializer;
  private ProtobufDeserializer<io.github.eventcontracts.bench.proto.BenchEvent> ourProtoDeserializer;

  private AvroKafkaSerializer<BenchEvent> apicurioSerializer;
  private AvroKafkaDeserializer<BenchEvent> apicurioDeserializer;

  static BenchEvent avroEvent() {
    return BenchEvent.newBuilder().setEventId("6b0e1c9a-55c4-4e0e-9b7a-1f2d3c4b5a69")
        .setOrderId("0b7e2c52-5d7a-4a43-a6d7-3c1f0f6a9b11").setCustomerId("customer-4711").setSku("SKU-12345")
        .setQuantity(3).setPriceUnits(1999).setCurrency("EUR").setCreatedAt(1_790_000_000_123L).setWeightKg(1.25)
        .setDiscount(0.1f).setGift(true).setChannel("MOBILE").setCoupon("WELCOME10")
        .setTags(List.of("express", "fragile")).setWarehouseId(42).build();
  }

  static io.github.eventcontracts.bench.proto.BenchEvent protoEvent() {
    return io.github.eventcontracts.bench.proto.BenchEvent.newBuilder().setEventId("6b0e1c9a-55c4-4e0e-9b7a-1f2d3c4b5a69")
        .setOrderId("0b7e2c52-5d7a-4a43-a6d7-3c1f0f6a9b11").setCustomerId("customer-4711").setSku("SKU-12345")
        .setQuantity(3).setPriceUnits(1999).setCurrency("EUR").setCreatedAt(1_790_000_000_123L).setWeightKg(1.25)
        .setDiscount(0.1f).setGift(true).setChannel("MOBILE")
        .setCoupon("WELCOME10").addTags("express").addTags("fragile").setWarehouseId(42).build();
  }

  @Setup(Level.Trial)
  public void setUp() {
    registry = EmbeddedRegistry.start();
    avroEvent = avroEvent();
    protoEvent = protoEvent();

    rawWriter = new SpecificDatumWriter<>(BenchEvent.getClassSchema());
    rawReader = new SpecificDatumReader<>(BenchEvent.getClassSchema());

    Map<String, Object> ours = new HashMap<>();
    ours.put("schema.registry.url", registry.url());
    ours.put("auto.register.schemas", true);
    ours.put("avro.remove.java.properties", true);
    ours.put("specific.avro.reader", true);
    ours.put(ProtobufDeserializer.VALUE_TYPE, io.github.eventcontracts.bench.proto.BenchEvent.class);
    ourAvroSerializer = new AvroSerializer();
    ourAvroSerializer.configure(ours, false);
    ourAvroDeserializer = new AvroDeserializer();
    ourAvroDeserializer.configure(ours, false);
    ourProtoSerializer = new ProtobufSerializer<>();
    ourProtoSerializer.configure(ours, false);
    ourProtoDeserializer = new ProtobufDeserializer<>();
    ourProtoDeserializer.configure(ours, false);

    RegistryClient inMemory = InMemoryApicurioClient.create();
    Map<String, Object> apicurio = new HashMap<>();
    apicurio.put("apicurio.registry.url", "http://in-memory.invalid");
    apicurio.put("apicurio.registry.auto-register", true);
    apicurio.put("apicurio.registry.headers.enabled", false); // the id in the payload, as Confluent's
    apicurio.put("apicurio.registry.as-confluent", true); // 0x00 + 4-byte id
    apicurio.put("apicurio.registry.use-specific-avro-reader", true);
    apicurioSerializer = new AvroKafkaSerializer<>(inMemory);
    apicurioSerializer.configure(apicurio, false);
    apicurioDeserializer = new AvroKafkaDeserializer<>(inMemory);
    apicurioDeserializer.configure(apicurio, false);

    // every path round-trips the event before anything is timed
    check(avroRaw(), avroEvent);
    check(avroOurs(), avroEvent);
    check(avroApicurio(), avroEvent);
    check(protobufRaw(), protoEvent);
    check(protobufOurs(), protoEvent);
  }

  private static void check(Object back, Object expected) {
    if (!expected.equals(back)) {
      throw new IllegalStateException("round trip changed the event: " + back);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  @Benchmark
  public BenchEvent avroRaw() {
    try {
      rawOut.reset();
      rawEncoder = EncoderFactory.get().directBinaryEncoder(rawOut, rawEncoder);
      rawWriter.write(avroEvent, rawEncoder);
      rawEncoder.flush();
      byte[] bytes = rawOut.toByteArray();
      rawDecoder = DecoderFactory.get().binaryDecoder(bytes, rawDecoder);
      return rawReader.read(null, rawDecoder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Object avroOurs() {
    return ourAvroDeserializer.deserialize(TOPIC, ourAvroSerializer.serialize(TOPIC, avroEvent));
  }

  @Benchmark
  public BenchEvent avroApicurio() {
    return apicurioDeserializer.deserialize(TOPIC, apicurioSerializer.serialize(TOPIC, avroEvent));
  }

  @Benchmark
  public io.github.eventcontracts.bench.proto.BenchEvent protobufRaw() {
    try {
      return io.github.eventcontracts.bench.proto.BenchEvent.parseFrom(protoEvent.toByteArray());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public io.github.eventcontracts.bench.proto.BenchEvent protobufOurs() {
    return ourProtoDeserializer.deserialize(PROTO_TOPIC, ourProtoSerializer.serialize(PROTO_TOPIC, protoEvent));
  }

  /** Runs the five benchmarks and prints ours/raw and ours/Apicurio. */
  public static void main(String[] args) throws Exception {
    Map<String, Double> score = new HashMap<>();
    for (RunResult result : new Runner(new OptionsBuilder().include(SerdeBenchmark.class.getName() + "\\.").build()).run()) {
      String name = result.getParams().getBenchmark();
      score.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    System.out.printf("%nserialize+deserialize per second: avro raw %.0f, ours %.0f, apicurio %.0f; protobuf raw %.0f, ours %.0f%n",
        score.get("avroRaw"), score.get("avroOurs"), score.get("avroApicurio"), score.get("protobufRaw"),
        score.get("protobufOurs"));
    System.out.printf("avro ours/raw: %.2f (goal >= 0.90)%n", score.get("avroOurs") / score.get("avroRaw"));
    System.out.printf("protobuf ours/raw: %.2f (goal >= 0.90)%n", score.get("protobufOurs") / score.get("protobufRaw"));
    System.out.printf("avro ours/apicurio: %.2f (goal >= 1.5)%n", score.get("avroOurs") / score.get("avroApicurio"));
  }
}
