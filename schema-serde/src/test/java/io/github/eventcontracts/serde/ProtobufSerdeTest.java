package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.orders.v1.OrderShipped;
import com.acme.orders.v1.ShipmentLine;
import com.acme.orders.v1.ShipmentStatus;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ProtobufSerdeTest {
  static OrderShipped shipped(String orderId) {
    return OrderShipped.newBuilder().setOrderId(orderId).setCarrier("DHL").setTrackingNumber("JD0001")
        .setStatus(ShipmentStatus.SHIPMENT_STATUS_SHIPPED)
        .setShippedAt(Timestamp.newBuilder().setSeconds(1_790_000_000L).setNanos(5))
        .addLines(ShipmentLine.newBuilder().setSku("sku-1").setQuantity(2)).build();
  }

  static Map<String, Object> config(EmbeddedRegistry registry, boolean autoRegister, Object... more) {
    Map<String, Object> config = new HashMap<>(AvroSerdeTest.config(registry, autoRegister));
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }

  static <T extends Message> ProtobufSerializer<T> serializer(EmbeddedRegistry registry, boolean autoRegister) {
    ProtobufSerializer<T> serializer = new ProtobufSerializer<>();
    serializer.configure(config(registry, autoRegister), false);
    return serializer;
  }

  /** A value deserializer; {@code more} are extra key/value settings. */
  static <T extends Message> ProtobufDeserializer<T> deserializer(EmbeddedRegistry registry, Object... more) {
    ProtobufDeserializer<T> deserializer = new ProtobufDeserializer<>();
    deserializer.configure(config(registry, false, more), false);
    return deserializer;
  }

  static String text(String resource) throws IOException {
    try (InputStream in = ProtobufSerdeTest.class.getClassLoader().getResourceAsStream("META-INF/schemas/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void secondTopLevelMessageIsFramedWithIndexListOneAndParsesIntoItsClass() throws IOException {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      // registered the way the build registers it: the file's text under the topic's subject
      int id = RegistryClient.of(registry.url()).register("order-shipped-value",
          RegistrySchema.protobuf(text("proto/orders.proto"), List.of()));
      ProtobufSerializer<OrderShipped> serializer = serializer(registry, false);
      byte[] frame = serializer.serialize("order-shipped", shipped("o-1"));

      byte[] header = ByteBuffer.allocate(7).put((byte) 0).putInt(id).put((byte) 2).put((byte) 2).array();
      assertThat(Arrays.copyOf(frame, 7)).isEqualTo(header); // OrderShipped is message [1]: 02 02
      assertThat(Arrays.copyOfRange(frame, 7, frame.length)).isEqualTo(shipped("o-1").toByteArray());

      ProtobufDeserializer<OrderShipped> deserializer =
          deserializer(registry, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class.getName());
      assertThat(deserializer.deserialize("order-shipped", frame)).isEqualTo(shipped("o-1"));
    }
  }

  @Test
  void firstMessageIsTheSingleZeroByte() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<ShipmentLine> serializer = serializer(registry, true);
      ShipmentLine line = ShipmentLine.newBuilder().setSku("a").setQuantity(1).build();
      byte[] frame = serializer.serialize("lines", line);
      assertThat(frame[5]).isZero();
      assertThat(Arrays.copyOfRange(frame, 6, frame.length)).isEqualTo(line.toByteArray());
    }
  }

  @Test
  void nestedMessagesCarryTheirPathAndDecodeAsDynamicOrSpecific() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<Message> serializer = serializer(registry, true);
      DynamicMessage parcel = DynamicMessage.newBuilder(NestedProto.PARCEL)
          .setField(NestedProto.PARCEL.findFieldByName("parcel_id"), "p-1")
          .setField(NestedProto.PARCEL.findFieldByName("weight_grams"), 1200).build();
      byte[] frame = serializer.serialize("parcels", parcel);
      assertThat(HexFormat.of().formatHex(frame, 5, 8)).isEqualTo("040000"); // [0, 0]
      DynamicMessage detail = DynamicMessage.newBuilder(NestedProto.DETAIL)
          .setField(NestedProto.DETAIL.findFieldByName("field"), "email").build();
      byte[] detailFrame = serializer.serialize("details", detail);
      assertThat(HexFormat.of().formatHex(detailFrame, 5, 9)).isEqualTo("06020000"); // [1, 0, 0]

      // The registry stored the file's text, which names Shipment.Parcel at [0, 0]
      RegistrySchema stored = RegistryClient.of(registry.url()).schemaById(ByteBuffer.wrap(frame, 1, 4).getInt());
      assertThat(stored.schema()).contains("message Parcel");

      // A reader that expects Parcel gets it; one that expects another type is refused, naming both.
      ProtobufDeserializer<Message> wrongType = deserializer(registry, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class);
      assertThatThrownBy(() -> wrongType.deserialize("parcels", frame))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("acme.interop.Shipment.Parcel")
          .hasMessageContaining("acme.orders.v1.OrderShipped")
          .hasMessageContaining("topic parcels");
    }
  }

  @Test
  void mapEntryTypesAreNotCountedInIndexPaths() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<Message> serializer = serializer(registry, true);
      // protoc's descriptor has Catalog.LabelsEntry before Item, and Item.PricesEntry before Variant
      assertThat(CatalogProto.ITEM.getIndex()).isEqualTo(1);
      assertThat(MessageIndexes.of(CatalogProto.ITEM)).containsExactly(0, 0);
      assertThat(MessageIndexes.of(CatalogProto.VARIANT)).containsExactly(0, 0, 0);
      assertThat(MessageIndexes.of(CatalogProto.DETAIL)).containsExactly(1, 0, 0);

      DynamicMessage item = message(CatalogProto.ITEM, "sku", "sku-1");
      DynamicMessage variant = message(CatalogProto.VARIANT, "color", "red");
      DynamicMessage detail = message(CatalogProto.DETAIL, "field", "email");
      byte[] itemFrame = serializer.serialize("catalog", item);
      byte[] variantFrame = serializer.serialize("catalog", variant);
      byte[] detailFrame = serializer.serialize("catalog", detail);
      assertThat(HexFormat.of().formatHex(itemFrame, 5, 8)).isEqualTo("040000");
      assertThat(HexFormat.of().formatHex(variantFrame, 5, 9)).isEqualTo("06000000");
      assertThat(HexFormat.of().formatHex(detailFrame, 5, 9)).isEqualTo("06020000");

      // our own deserializer reads each frame back as the message it names
      for (var pair : List.of(List.of(itemFrame, item), List.of(variantFrame, variant), List.of(detailFrame, detail))) {
        Message expected = (Message) pair.get(1);
        ProtobufDeserializer<Message> reader =
            deserializer(registry, ProtobufDeserializer.VALUE_TYPE, expected.getDescriptorForType());
        assertThat(reader.deserialize("catalog", (byte[]) pair.get(0))).isEqualTo(expected);
      }
    }
  }

  static DynamicMessage message(com.google.protobuf.Descriptors.Descriptor type, String field, Object value) {
    return DynamicMessage.newBuilder(type).setField(type.findFieldByName(field), value).build();
  }

  @Test
  void withoutASpecificTypeMessagesDecodeAsDynamicMessagesFromTheJarsDescriptorSet() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<OrderShipped> serializer = serializer(registry, true);
      byte[] frame = serializer.serialize("order-shipped", shipped("o-2"));
      ProtobufDeserializer<Message> deserializer = deserializer(registry);
      Message message = deserializer.deserialize("order-shipped", frame);
      assertThat(message).isInstanceOf(DynamicMessage.class);
      assertThat(message.getDescriptorForType().getFullName()).isEqualTo("acme.orders.v1.OrderShipped");
      assertThat(message.toByteArray()).isEqualTo(shipped("o-2").toByteArray());
    }
  }

  @Test
  void interleavedMessagesOfOneFileEachDecodeAsTheirOwnType() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      // one subject holding both messages of orders.proto (RecordNameStrategy would split them)
      ProtobufSerializer<Message> serializer = serializer(registry, true);
      ShipmentLine line = ShipmentLine.newBuilder().setSku("a").setQuantity(1).build();
      byte[] lineFrame = serializer.serialize("mixed", line);
      byte[] shippedFrame = serializer.serialize("mixed", shipped("o-9"));
      assertThat(ByteBuffer.wrap(lineFrame, 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(shippedFrame, 1, 4).getInt());
      ProtobufDeserializer<Message> deserializer = deserializer(registry);
      for (int i = 0; i < 3; i++) {
        assertThat(deserializer.deserialize("mixed", lineFrame).getDescriptorForType().getFullName())
            .isEqualTo("acme.orders.v1.ShipmentLine");
        assertThat(deserializer.deserialize("mixed", shippedFrame).toByteArray()).isEqualTo(shipped("o-9").toByteArray());
      }
    }
  }

  @Test
  void framesWithoutAnIndexListAreReadOnlyWhenAskedFor() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<OrderShipped> serializer = serializer(registry, true);
      byte[] confluent = serializer.serialize("order-shipped", shipped("o-3"));
      byte[] npmStyle = WireFrame.encode(ByteBuffer.wrap(confluent, 1, 4).getInt(), null, shipped("o-3").toByteArray());

      ProtobufDeserializer<OrderShipped> strict = deserializer(registry, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class);
      assertThatThrownBy(() -> strict.deserialize("order-shipped", npmStyle)).isInstanceOf(SerializationException.class);

      ProtobufDeserializer<OrderShipped> lenient = deserializer(registry, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class,
          ProtobufDeserializer.WITHOUT_INDEXES, "true");
      assertThat(lenient.deserialize("order-shipped", npmStyle)).isEqualTo(shipped("o-3"));
    }
  }

  @Test
  void lookupWithoutAutoRegisterFailsClearlyWhenTheSubjectLacksTheSchema() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<OrderShipped> serializer = serializer(registry, false);
      assertThatThrownBy(() -> serializer.serialize("order-shipped", shipped("o-4")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("subject order-shipped-value")
          .hasMessageContaining("40401");
    }
  }

  @Test
  void badFramesAreSerializationExceptionsNamingTopicAndId() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<OrderShipped> serializer = serializer(registry, true);
      byte[] frame = serializer.serialize("order-shipped", shipped("o-5"));
      ProtobufDeserializer<OrderShipped> deserializer = deserializer(registry, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class);

      byte[] unknownId = frame.clone();
      unknownId[4] = 99;
      assertThatThrownBy(() -> deserializer.deserialize("order-shipped", unknownId))
          .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 99").hasMessageContaining("40403");
      byte[] badMagic = frame.clone();
      badMagic[0] = 1;
      assertThatThrownBy(() -> deserializer.deserialize("order-shipped", badMagic))
          .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 0x01");
      byte[] outOfRange = frame.clone();
      outOfRange[6] = 8; // message [4]: the file has two messages
      assertThatThrownBy(() -> deserializer.deserialize("order-shipped", outOfRange))
          .isInstanceOf(SerializationException.class).hasMessageContaining("declares 2 message type(s) there");
      byte[] truncated = Arrays.copyOf(frame, frame.length - 3);
      assertThatThrownBy(() -> deserializer.deserialize("order-shipped", truncated))
          .isInstanceOf(SerializationException.class).hasMessageContaining("order-shipped");
    }
  }
}
