package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import com.acme.orders.SalesChannel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.NpmProject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames our serializers write decode with the npm Confluent client, and frames it writes decode
 * with our deserializers: Avro (a generated SpecificRecord with a nested record, an enum, a union and
 * logical types) and Protobuf messages at index paths [0], [1], [0, 0] and [1, 0, 0].
 */
class SerdeNpmInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  static OrderCreated order() {
    return OrderCreated.newBuilder().setOrderId(UUID.fromString("0b7e2c52-5d7a-4a43-a6d7-3c1f0f6a9b11"))
        .setCustomerId("from-java").setCreatedAt(Instant.ofEpochMilli(1_790_000_000_456L))
        .setTotal(Money.newBuilder().setUnits(1999).setCurrency("EUR").build()).setChannel(SalesChannel.WEB)
        .setCouponCode(null).build();
  }

  static DynamicMessage message(Descriptor type, Object... fields) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (int i = 0; i < fields.length; i += 2) {
      builder.setField(type.findFieldByName((String) fields[i]), fields[i + 1]);
    }
    return builder.build();
  }

  @Test
  void ourFramesDecodeWithTheNpmClientAndItsWithOurs(@TempDir Path dir) throws Exception {
    NpmProject node = NpmProject.install(Path.of("src/test/node"), Path.of("target/npm-serde-interop"),
        List.of("package.json", "package-lock.json", "serde-interop.js"));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      Map<String, Object> config = ProtobufSerdeTest.config(registry, true, "avro.remove.java.properties", true);
      AvroSerializer avro = new AvroSerializer();
      avro.configure(config, false);
      ProtobufSerializer<Message> protobuf = new ProtobufSerializer<>();
      protobuf.configure(config, false);

      byte[] avroFrame = avro.serialize("orders", order());
      DynamicMessage parcel = message(NestedProto.PARCEL, "parcel_id", "p-1", "weight_grams", 1200);
      byte[] shipment = protobuf.serialize("shipments", message(NestedProto.SHIPMENT, "shipment_id", "s-1",
          "parcels", List.of(parcel)));
      byte[] parcelFrame = protobuf.serialize("parcels", parcel);
      Descriptor audit = NestedProto.DETAIL.getContainingType().getContainingType();
      byte[] auditFrame = protobuf.serialize("audits", message(audit, "actor", "alice"));
      byte[] detailFrame = protobuf.serialize("details", message(NestedProto.DETAIL, "field", "email", "value", "a@b.c"));
      int avroId = ByteBuffer.wrap(avroFrame, 1, 4).getInt();
      int nestedId = ByteBuffer.wrap(parcelFrame, 1, 4).getInt();

      Path input = dir.resolve("frames.json");
      Files.writeString(input, JSON.writeValueAsString(Map.of("avro", HEX.formatHex(avroFrame),
          "shipment", HEX.formatHex(shipment), "parcel", HEX.formatHex(parcelFrame), "audit", HEX.formatHex(auditFrame),
          "detail", HEX.formatHex(detailFrame), "avroId", avroId, "nestedId", nestedId)));
      JsonNode result = JSON.readTree(node.node("serde-interop.js", registry.url(), input.toString()));

      // ours -> npm
      JsonNode decoded = result.get("decoded");
      assertThat(decoded.get("avro").get("order_id").asText()).isEqualTo("0b7e2c52-5d7a-4a43-a6d7-3c1f0f6a9b11");
      assertThat(decoded.get("avro").get("total").get("units").asLong()).isEqualTo(1999);
      assertThat(decoded.get("avro").get("channel").asText()).isEqualTo("WEB");
      assertThat(decoded.get("avro").get("created_at").asLong()).isEqualTo(1_790_000_000_456L);
      assertThat(decoded.get("shipmentAsIs").get("shipmentId").asText()).isEqualTo("s-1");
      assertThat(decoded.get("shipment").get("indexes").toString()).isEqualTo("[0]");
      assertThat(decoded.get("shipment").get("value").get("parcels").get(0).get("weightGrams").asInt()).isEqualTo(1200);
      assertThat(decoded.get("parcel").get("indexes").toString()).isEqualTo("[0,0]");
      assertThat(decoded.get("parcel").get("name").asText()).isEqualTo("Shipment.Parcel");
      assertThat(decoded.get("parcel").get("value").get("parcelId").asText()).isEqualTo("p-1");
      assertThat(decoded.get("audit").get("indexes").toString()).isEqualTo("[1]");
      assertThat(decoded.get("audit").get("value").get("actor").asText()).isEqualTo("alice");
      assertThat(decoded.get("detail").get("indexes").toString()).isEqualTo("[1,0,0]");
      assertThat(decoded.get("detail").get("name").asText()).isEqualTo("Audit.Change.Detail");
      assertThat(decoded.get("detail").get("value").get("value").asText()).isEqualTo("a@b.c");

      // npm -> ours
      JsonNode encoded = result.get("encoded");
      AvroDeserializer avroReader = new AvroDeserializer();
      avroReader.configure(ProtobufSerdeTest.config(registry, false, "specific.avro.reader", true), false);
      OrderCreated fromNode = (OrderCreated) avroReader.deserialize("orders", HEX.parseHex(encoded.get("avro").asText()));
      assertThat(fromNode.getOrderId()).isEqualTo(UUID.fromString("6f1c1a8e-4f7e-4b7c-9a59-5b0c9d1e2f30"));
      assertThat(fromNode.getTotal().getUnits()).isEqualTo(4250);
      assertThat(fromNode.getChannel()).isEqualTo(SalesChannel.MOBILE);
      assertThat(fromNode.getCouponCode()).isEqualTo("NODE5");
      assertThat(fromNode.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1_790_000_000_123L));

      byte[] nodeParcel = HEX.parseHex(encoded.get("parcel").asText());
      Message expectedParcel = message(NestedProto.PARCEL, "parcel_id", "p-node", "weight_grams", 750);
      // the npm client writes no index list: the message follows the id directly
      assertThat(Arrays.copyOfRange(nodeParcel, 5, nodeParcel.length)).isEqualTo(expectedParcel.toByteArray());
      assertThat(read(registry, NestedProto.PARCEL, nodeParcel)).isEqualTo(expectedParcel);
      assertThat(read(registry, audit, HEX.parseHex(encoded.get("audit").asText())))
          .isEqualTo(message(audit, "actor", "node"));
    }
  }

  /** Reads a frame without an index list as {@code type} (a DynamicMessage of that descriptor). */
  private static Message read(EmbeddedRegistry registry, Descriptor type, byte[] frame) {
    ProtobufDeserializer<Message> reader = new ProtobufDeserializer<>();
    reader.configure(ProtobufSerdeTest.config(registry, false, ProtobufDeserializer.VALUE_TYPE, type,
        ProtobufDeserializer.WITHOUT_INDEXES, "true"), false);
    return reader.deserialize("from-node", frame);
  }
}
