package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.CountingProxy;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  static final Schema ORDER = new Schema.Parser().parse("""
      {"type": "record", "name": "OrderCreated", "namespace": "it.orders", "fields": [
        {"name": "id", "type": "string"},
        {"name": "total", "type": "long"},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attributes", "type": {"type": "map", "values": "double"}},
        {"name": "coupon", "type": ["null", "string"], "default": null},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN", "PAID"]}},
        {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
        {"name": "line", "type": {"type": "record", "name": "Line", "fields": [
          {"name": "sku", "type": "string"}, {"name": "quantity", "type": "int"}, {"name": "blob", "type": "bytes"}]}}
      ]}
      """);

  static GenericRecord order(String id) {
    GenericRecord line = new GenericData.Record(ORDER.getField("line").schema());
    line.put("sku", "sku-1");
    line.put("quantity", 3);
    line.put("blob", ByteBuffer.wrap(new byte[] {1, 2}));
    GenericRecord order = new GenericData.Record(ORDER);
    order.put("id", id);
    order.put("total", 1999L);
    order.put("tags", List.of("a", "b"));
    order.put("attributes", Map.of("weight", 1.5));
    order.put("coupon", null);
    order.put("status", new GenericData.EnumSymbol(ORDER.getField("status").schema(), "PAID"));
    order.put("hash", new GenericData.Fixed(ORDER.getField("hash").schema(), new byte[] {9, 8, 7, 6}));
    order.put("line", line);
    return order;
  }

  static Map<String, Object> config(EmbeddedRegistry registry, boolean autoRegister) {
    return Map.of("schema.registry.url", registry.url(), "auto.register.schemas", String.valueOf(autoRegister));
  }

  @Test
  void roundTripsAGenericRecordInConfluentsFrame() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(config(registry, true), false);
      byte[] frame = serializer.serialize("orders", order("o-1"));
      int id = ByteBuffer.wrap(frame, 1, 4).getInt();
      assertThat(frame[0]).isZero();
      assertThat(RegistryClient.of(registry.url()).lookup("orders-value", RegistrySchema.avro(ORDER.toString())).id())
          .isEqualTo(id);

      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(config(registry, true), false);
      GenericRecord back = (GenericRecord) deserializer.deserialize("orders", frame);
      assertThat(back.get("id").toString()).isEqualTo("o-1");
      assertThat(back.get("total")).isEqualTo(1999L);
      assertThat(back.toString()).isEqualTo(order("o-1").toString());
    }
  }

  @Test
  void primitivesAndKeysUseTheirOwnSubjects() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      AvroSerializer keys = new AvroSerializer();
      keys.configure(config(registry, true), true);
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(config(registry, true), true);
      assertThat(deserializer.deserialize("orders", keys.serialize("orders", "order-42")).toString()).isEqualTo("order-42");
      assertThat(deserializer.deserialize("counters", keys.serialize("counters", 42L))).isEqualTo(42L);
      assertThat(RegistryClient.of(registry.url()).subjects()).containsExactly("counters-key", "orders-key");
      // a long key after a string key in one subject breaks BACKWARD: the registry refuses, typed
      assertThatThrownBy(() -> keys.serialize("orders", 42L)).isInstanceOf(SerializationException.class)
          .hasMessageContaining("orders-key");
    }
  }

  @Test
  void withoutAutoRegisterTheSchemaMustBeThereAlready() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(config(registry, false), false);
      assertThatThrownBy(() -> serializer.serialize("orders", order("o-1")))
          .isInstanceOf(SerializationException.class).hasMessageContaining("orders-value");
      int id = RegistryClient.of(registry.url()).register("orders-value", RegistrySchema.avro(ORDER.toString()));
      assertThat(ByteBuffer.wrap(serializer.serialize("orders", order("o-1")), 1, 4).getInt()).isEqualTo(id);

      AvroSerializer latest = new AvroSerializer();
      latest.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false",
          "use.latest.version", "true"), false);
      assertThat(ByteBuffer.wrap(latest.serialize("orders", order("o-2")), 1, 4).getInt()).isEqualTo(id);
    }
  }

  @Test
  void oneRegistryCallPerSchemaPerProcess() {
    AvroSerializer serializer = new AvroSerializer();
    AvroDeserializer deserializer = new AvroDeserializer();
    byte[] frame;
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      Map<String, Object> config = Map.of(SerdeConfig.CLIENT, new RegistryClient(RegistryClientConfig
          .builder(registry.url()).maxRetries(0).build()));
      serializer.configure(config, false);
      deserializer.configure(config, false);
      frame = serializer.serialize("orders", order("o-1"));
      deserializer.deserialize("orders", frame);
    }
    // the registry is gone: everything already seen keeps working from the caches
    for (int i = 0; i < 1000; i++) {
      byte[] again = serializer.serialize("orders", order("o-" + i));
      assertThat(((GenericRecord) deserializer.deserialize("orders", again)).get("id").toString()).isEqualTo("o-" + i);
    }
    assertThat(serializer.serialize("orders", order("o-1"))).isEqualTo(frame);
  }

  @Test
  void badFramesAreSerializationExceptionsNamingTopicAndId() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(config(registry, true), false);
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(config(registry, true), false);
      byte[] frame = serializer.serialize("orders", order("o-1"));
      int id = ByteBuffer.wrap(frame, 1, 4).getInt();

      byte[] badMagic = frame.clone();
      badMagic[0] = 1;
      assertThatThrownBy(() -> deserializer.deserialize("orders", badMagic))
          .isInstanceOf(SerializationException.class).hasMessageContaining("unknown magic byte 0x01 on topic orders");
      byte[] truncated = java.util.Arrays.copyOf(frame, frame.length - 3);
      assertThatThrownBy(() -> deserializer.deserialize("orders", truncated))
          .isInstanceOf(SerializationException.class).hasMessageContaining("schema id " + id + " on topic orders");
      byte[] unknownId = frame.clone();
      ByteBuffer.wrap(unknownId).putInt(1, 4242);
      assertThatThrownBy(() -> deserializer.deserialize("orders", unknownId))
          .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 4242 on topic orders")
          .hasMessageContaining("40403");
    }
  }

  /** A frame of one array-of-nulls field: blocks of {@code count} items, each costing no payload bytes. */
  static byte[] zeroByteItems(int id, int bytes, long count) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(WireFrame.header(id, null));
    while (out.size() < bytes) {
      long zigzag = (count << 1) ^ (count >> 63);
      while ((zigzag & ~0x7fL) != 0) {
        out.write((int) ((zigzag & 0x7f) | 0x80));
        zigzag >>>= 7;
      }
      out.write((int) zigzag);
    }
    out.write(0); // end of the array
    return out.toByteArray();
  }

  @Test
  void zeroByteItemsAreBoundedPerFrameNotPerBlock() {
    Schema nulls = new Schema.Parser().parse("""
        {"type": "record", "name": "Nulls", "namespace": "it", "fields": [
          {"name": "n", "type": {"type": "array", "items": "null"}}]}""");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      int id = RegistryClient.of(registry.url()).register("nulls-value", RegistrySchema.avro(nulls.toString()));
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(config(registry, false), false);
      // each block claims a little more than the bytes left: 10 KB would be 25 million nulls, 100 KB out of memory
      for (int size : new int[] {10_000, 100_000}) {
        byte[] frame = zeroByteItems(id, size, 1024 + size);
        assertThatThrownBy(() -> deserializer.deserialize("nulls", frame)).isInstanceOf(SerializationException.class)
            .hasMessageContaining("more array or map items");
      }
      // a modest array of nulls still decodes, and the cap can be raised for one that is not modest
      GenericRecord few = (GenericRecord) deserializer.deserialize("nulls", zeroByteItems(id, 6, 1000));
      assertThat((java.util.List<?>) few.get("n")).hasSize(1000);
      AvroDeserializer generous = new AvroDeserializer();
      generous.configure(Map.of("schema.registry.url", registry.url(), "avro.max.zero.byte.items", 300_000), false);
      assertThat((java.util.List<?>) ((GenericRecord) generous.deserialize("nulls", zeroByteItems(id, 6, 250_000)))
          .get("n")).hasSize(250_000);
      assertThatThrownBy(() -> deserializer.deserialize("nulls", zeroByteItems(id, 6, 250_000)))
          .isInstanceOf(SerializationException.class);
    }
  }

  @Test
  void anUnknownIdIsAskedAboutOncePerTtlNotOncePerFrame() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start();
        CountingProxy proxy = new CountingProxy(registry.url())) {
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(Map.of("schema.registry.url", proxy.url()), false);
      byte[] unknown = WireFrame.encode(4242, null, new byte[] {2, 'x'});
      for (int i = 0; i < 300; i++) {
        assertThatThrownBy(() -> deserializer.deserialize("orders", unknown)).isInstanceOf(SerializationException.class)
            .hasMessageContaining("4242");
      }
      assertThat(proxy.requests).filteredOn(r -> r.contains("/schemas/ids/4242")).hasSize(1);

      AvroDeserializer asking = new AvroDeserializer();
      asking.configure(Map.of("schema.registry.url", proxy.url(), "missing.id.cache.ttl.sec", 0), false);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> asking.deserialize("orders", unknown)).isInstanceOf(SerializationException.class);
      }
      assertThat(proxy.requests).filteredOn(r -> r.contains("/schemas/ids/4242")).hasSize(4);
    }
  }

  @Test
  void withUseLatestVersionARecordIsWrittenAsTheVersionItsIdNames() {
    String v1 = "{\"type\":\"record\",\"name\":\"Widget\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
    String v2 = v1.replace("}]}", "},{\"name\":\"color\",\"type\":\"string\",\"default\":\"red\"}]}");
    String v3 = v2.replace("\"default\":\"red\"", "\"default\":\"red\"},{\"name\":\"size\",\"type\":\"int\"");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("widgets-value", RegistrySchema.avro(v1));
      int latest = client.register("widgets-value", RegistrySchema.avro(v2));
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false",
          "use.latest.version", "true"), false);
      GenericRecord old = new GenericData.Record(new Schema.Parser().parse(v1));
      old.put("name", "w-1");
      byte[] frame = serializer.serialize("widgets", old);
      assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(latest);
      // the bytes are version 2's: its reader finds the default, not a record cut short
      AvroDeserializer reader = new AvroDeserializer();
      reader.configure(config(registry, false), false);
      GenericRecord read = (GenericRecord) reader.deserialize("widgets", frame);
      assertThat(read.get("name").toString()).isEqualTo("w-1");
      assertThat(read.get("color").toString()).isEqualTo("red");

      // a version the record cannot become (a field without a default) is refused, saying what to do
      client.setCompatibility("widgets-value", "NONE");
      client.register("widgets-value", RegistrySchema.avro(v3));
      AvroSerializer strict = new AvroSerializer();
      strict.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false",
          "use.latest.version", "true"), false);
      assertThatThrownBy(() -> strict.serialize("widgets", old)).isInstanceOf(SerializationException.class)
          .hasMessageContaining("cannot be written as schema id").hasMessageContaining("size");
    }
  }
}
