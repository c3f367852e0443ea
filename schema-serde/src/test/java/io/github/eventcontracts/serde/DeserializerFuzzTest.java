package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.orders.v1.OrderShipped;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * A million random and mutated frames per format: the deserializer may accept a frame or refuse it with a
 * SerializationException, and nothing else (no other exception, no OutOfMemoryError).
 */
class DeserializerFuzzTest {
  @Test
  void avroOnlySerializationExceptionsComeOut() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(AvroSerdeTest.config(registry, true), false);
      AvroDeserializer deserializer = new AvroDeserializer();
      deserializer.configure(AvroSerdeTest.config(registry, true), false);
      byte[] valid = serializer.serialize("orders", AvroSerdeTest.order("order-with-a-longer-id"));
      // Avro reads exactly the bytes a record takes: a frame with bytes left over is refused too
      feed(valid, frame -> deserializer.deserialize("orders", frame), true);
    }
  }

  @Test
  void protobufOnlySerializationExceptionsComeOut() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ProtobufSerializer<OrderShipped> serializer = new ProtobufSerializer<>();
      serializer.configure(AvroSerdeTest.config(registry, true), false);
      ProtobufDeserializer<OrderShipped> deserializer = new ProtobufDeserializer<>();
      deserializer.configure(ProtobufSerdeTest.config(registry, false, ProtobufDeserializer.VALUE_TYPE,
          OrderShipped.class), false);
      byte[] valid = serializer.serialize("order-shipped", ProtobufSerdeTest.shipped("order-with-a-longer-id"));
      feed(valid, frame -> deserializer.deserialize("order-shipped", frame), false);
    }
  }

  /**
   * Feeds the mutations; besides "nothing but SerializationException comes out", every frame that
   * cannot be a valid one must be refused: shorter than the header, another magic byte, an id the
   * registry does not know, and (Avro) bytes left over after the record.
   */
  private static void feed(byte[] valid, Consumer<byte[]> deserializer, boolean trailingBytesAreInvalid) {
    deserializer.accept(valid); // the unmutated frame decodes
    Random random = new Random(20261122);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 1_000_000; i++) {
      byte[] frame = mutate(valid, random, i);
      try {
        deserializer.accept(frame);
        accepted++;
        String why = mustBeRefused(valid, frame, trailingBytesAreInvalid);
        if (why != null) {
          throw new AssertionError("accepted a frame with " + why + ": " + HexFormat.of().formatHex(frame));
        }
      } catch (SerializationException expected) {
        refused++;
      }
    }
    assertThat(accepted).as("mutations inside values still decode").isPositive();
    assertThat(refused).isPositive();
  }

  private static String mustBeRefused(byte[] valid, byte[] frame, boolean trailingBytesAreInvalid) {
    if (frame.length < 5) {
      return "no room for the header";
    }
    if (frame[0] != 0) {
      return "magic byte " + frame[0];
    }
    if (ByteBuffer.wrap(frame, 1, 4).getInt() != ByteBuffer.wrap(valid, 1, 4).getInt()) {
      return "an id the registry does not know";
    }
    if (trailingBytesAreInvalid && frame.length > valid.length
        && java.util.Arrays.equals(valid, java.util.Arrays.copyOf(frame, valid.length))) {
      return "bytes after the record";
    }
    return null;
  }

  private static byte[] mutate(byte[] valid, Random random, int i) {
    switch (i % 6) {
      case 0 -> { // random bytes, random length
        byte[] frame = new byte[random.nextInt(64)];
        random.nextBytes(frame);
        return frame;
      }
      case 1 -> { // valid header, random payload
        byte[] frame = java.util.Arrays.copyOf(valid, 5 + random.nextInt(80));
        for (int b = 5; b < frame.length; b++) {
          frame[b] = (byte) random.nextInt(256);
        }
        return frame;
      }
      case 2 -> { // truncated
        return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
      }
      case 3 -> { // flip a few bytes of the payload
        byte[] frame = valid.clone();
        for (int k = 0; k < 1 + random.nextInt(3); k++) {
          int at = 5 + random.nextInt(frame.length - 5);
          frame[at] = (byte) random.nextInt(256);
        }
        return frame;
      }
      case 4 -> { // a huge varint where a length or count stands
        byte[] frame = valid.clone();
        int at = 5 + random.nextInt(frame.length - 10);
        for (int k = 0; k < 4; k++) {
          frame[at + k] = (byte) 0xff;
        }
        frame[at + 4] = 0x07;
        return frame;
      }
      default -> { // an unknown id now and then, otherwise extra trailing bytes
        byte[] frame = java.util.Arrays.copyOf(valid, valid.length + 1 + random.nextInt(4));
        if (random.nextInt(1000) == 0) {
          java.nio.ByteBuffer.wrap(frame).putInt(1, 100_000 + random.nextInt(3));
        }
        return frame;
      }
    }
  }
}
