package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry of many subjects for {@code RegistryScaleBenchmark}, written through the registry's own
 * write path ({@link RegistryService#register}: parse, canonical form, compatibility check, records)
 * into a real store, the file log or Kafka's {@code _schemas} topic, in the store's own format. Only
 * durability is batched — one fsync or Kafka transaction per {@link #BATCH} records instead of one a
 * registration — because the benchmark measures reading such a store back, not filling it, and
 * 300,000 registrations at one fsync each would take longer than the rest of the run.
 *
 * <p>Half the subjects are Avro, half Protobuf; every tenth of each references a shared type
 * ({@code Money}, its own subject, as Confluent's reference subjects are); each subject has
 * {@code versionsEach} versions, each adding an optional field (BACKWARD compatible).
 */
public final class ScaleFixture {
  static final int BATCH = 5_000;
  public static final String MONEY_AVRO = "com.acme.scale.Money";
  public static final String MONEY_PROTO = "acme/scale/money.proto";

  private ScaleFixture() {}

  /** Fills a file log in {@code directory}; returns the registrations made. */
  public static int fileLog(Path directory, int subjects, int versionsEach) {
    return fill(new FileLogStore(directory, false, ScaleFixture::note), subjects, versionsEach, null);
  }

  /** Fills Confluent's {@code _schemas}-format topic; returns the registrations made. */
  public static int kafkaTopic(String bootstrapServers, String topic, int subjects, int versionsEach) {
    KafkaTopicStore store = new KafkaTopicStore(new KafkaStore.Options(bootstrapServers, topic, (short) 1, 1),
        ScaleFixture::note);
    return fill(store, subjects, versionsEach, () -> store.topic().becomeWriter());
  }

  /** The subject of the {@code i}th generated subject. */
  public static String subject(int i) {
    return (i % 2 == 0 ? "avro-" : "proto-") + i + "-value";
  }

  private static int fill(SchemaStore target, int subjects, int versionsEach, Runnable afterOpen) {
    Batching store = new Batching(target);
    int registrations = 0;
    try (RegistryService service = new RegistryService(store)) {
      if (afterOpen != null) {
        afterOpen.run();
      }
      service.register(MONEY_AVRO, RegistrySchema.avro("{\"type\":\"record\",\"name\":\"Money\",\"namespace\":"
          + "\"com.acme.scale\",\"fields\":[{\"name\":\"units\",\"type\":\"long\"},{\"name\":\"currency\","
          + "\"type\":\"string\"}]}"), false);
      service.register(MONEY_PROTO, RegistrySchema.protobuf("syntax = \"proto3\";\npackage acme.scale;\n\n"
          + "message Money {\n  int64 units = 1;\n  string currency = 2;\n}\n", List.of()), false);
      for (int v = 1; v <= versionsEach; v++) {
        for (int i = 0; i < subjects; i++) {
          service.register(subject(i), i % 2 == 0 ? avro(i, v) : protobuf(i, v), false);
          registrations++;
        }
      }
      store.flush();
    }
    return registrations + 2;
  }

  /** The {@code version}th schema of the {@code i}th subject, when it is an Avro one (even {@code i}). */
  public static RegistrySchema avro(int i, int version) {
    boolean money = i % 10 == 0;
    StringBuilder fields = new StringBuilder("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":"
        + (money ? "\"" + MONEY_AVRO + "\"" : "\"long\"") + "}");
    for (int f = 2; f <= version; f++) {
      fields.append(",{\"name\":\"note").append(f).append("\",\"type\":[\"null\",\"string\"],\"default\":null}");
    }
    String text = "{\"type\":\"record\",\"name\":\"Event" + i + "\",\"namespace\":\"com.acme.scale\",\"fields\":["
        + fields + "]}";
    return new RegistrySchema(text, RegistrySchema.AVRO, money ? List.of(new SchemaReference(MONEY_AVRO, MONEY_AVRO, 1))
        : List.of());
  }

  /** The {@code version}th schema of the {@code i}th subject, when it is a Protobuf one (odd {@code i}). */
  public static RegistrySchema protobuf(int i, int version) {
    boolean money = i % 10 == 1;
    StringBuilder text = new StringBuilder("syntax = \"proto3\";\npackage acme.scale.e").append(i).append(";\n\n");
    if (money) {
      text.append("import \"").append(MONEY_PROTO).append("\";\n\n");
    }
    text.append("message Event").append(i).append(" {\n  string id = 1;\n  ")
        .append(money ? "acme.scale.Money" : "int64").append(" amount = 2;\n");
    for (int f = 2; f <= version; f++) {
      text.append("  string note").append(f).append(" = ").append(f + 1).append(";\n");
    }
    text.append("}\n");
    return RegistrySchema.protobuf(text.toString(), money ? List.of(new SchemaReference(MONEY_PROTO, MONEY_PROTO, 1))
        : List.of());
  }

  private static void note(String message) {
    System.err.println("scale fixture: " + message);
  }

  /** The store's appends gathered into batches: durable at {@link #flush} or every {@link #BATCH} records. */
  private static final class Batching implements SchemaStore {
    private final SchemaStore store;
    private final List<LogRecord> pending = new ArrayList<>();

    Batching(SchemaStore store) {
      this.store = store;
    }

    @Override
    public void open(Replica replica) {
      store.open(replica);
    }

    @Override
    public void append(List<LogRecord> change) {
      pending.addAll(change);
      if (pending.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (!pending.isEmpty()) {
        store.append(List.copyOf(pending));
        pending.clear();
      }
    }

    @Override
    public String describe() {
      return store.describe();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
