package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.orders.OrderCreated;
import com.acme.orders.v1.OrderShipped;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.ConfluentStack;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.KafkaContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Our serdes against Confluent's own registry: it accepts what our serializers register, our
 * lookups find what was registered from the file, and our deserializers resolve message indexes
 * against Confluent's rendering of the schema (not ours). Needs Docker; skipped cleanly without.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentSerdeIT {
  private static final Network NETWORK = Network.newNetwork();

  @Container
  static final KafkaContainer KAFKA = ConfluentStack.kafka(NETWORK);

  @Container
  static final GenericContainer<?> REGISTRY = ConfluentStack.registry(NETWORK, KAFKA);

  private static Map<String, Object> config(boolean autoRegister, Object... more) {
    Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", ConfluentStack.url(REGISTRY),
        "auto.register.schemas", autoRegister, "avro.remove.java.properties", true));
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }

  @Test
  void protobufLookupFindsTheFilesRegistrationAndIndexesResolveAgainstConfluentsText() throws Exception {
    RegistryClient client = RegistryClient.of(ConfluentStack.url(REGISTRY));
    int id = client.register("order-shipped-value",
        RegistrySchema.protobuf(ProtobufSerdeTest.text("proto/orders.proto"), List.of()));
    ProtobufSerializer<OrderShipped> serializer = new ProtobufSerializer<>();
    serializer.configure(config(false), false);
    byte[] frame = serializer.serialize("order-shipped", ProtobufSerdeTest.shipped("o-1"));
    assertThat(ByteBuffer.wrap(frame, 1, 4).getInt()).isEqualTo(id);
    assertThat(HexFormat.of().formatHex(frame, 5, 7)).isEqualTo("0202");

    ProtobufDeserializer<OrderShipped> deserializer = new ProtobufDeserializer<>();
    deserializer.configure(config(false, ProtobufDeserializer.VALUE_TYPE, OrderShipped.class), false);
    assertThat(deserializer.deserialize("order-shipped", frame)).isEqualTo(ProtobufSerdeTest.shipped("o-1"));
  }

  @Test
  void nestedMessagesAndAvroRoundTripThroughConfluentsRegistry() {
    ProtobufSerializer<Message> protobuf = new ProtobufSerializer<>();
    protobuf.configure(config(true), false);
    DynamicMessage parcel = SerdeNpmInteropTest.message(NestedProto.PARCEL, "parcel_id", "p-1", "weight_grams", 9);
    byte[] frame = protobuf.serialize("parcels", parcel);
    assertThat(HexFormat.of().formatHex(frame, 5, 8)).isEqualTo("040000");
    ProtobufDeserializer<Message> reader = new ProtobufDeserializer<>();
    reader.configure(config(false, ProtobufDeserializer.VALUE_TYPE, NestedProto.PARCEL), false);
    assertThat(reader.deserialize("parcels", frame)).isEqualTo(parcel);

    AvroSerializer avro = new AvroSerializer();
    avro.configure(config(true), false);
    byte[] avroFrame = avro.serialize("orders", SerdeNpmInteropTest.order());
    AvroDeserializer avroReader = new AvroDeserializer();
    avroReader.configure(config(false, "specific.avro.reader", true), false);
    assertThat((OrderCreated) avroReader.deserialize("orders", avroFrame)).isEqualTo(SerdeNpmInteropTest.order());
  }
}
