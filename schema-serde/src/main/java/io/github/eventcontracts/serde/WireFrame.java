package io.github.eventcontracts.serde;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: byte {@code 0x00}, the schema id as 4 bytes big-endian, for Protobuf the
 * message-index list (the path of the message inside its file, counting only message types at each
 * nesting level, as zigzag varints: {@code [0]} is the single byte {@code 0x00}, otherwise the count
 * then each index; {@code [1]} is {@code 02 02}, {@code [2,1]} is {@code 04 04 02}), then the payload.
 *
 * <p>Reading is defensive: every length is checked against the bytes actually present, so a hostile
 * frame yields a {@link SerializationException}, never another exception or a large allocation.
 */
public final class WireFrame {
  public static final byte MAGIC = 0x0;
  public static final int HEADER = 5;
  /** Deeper nesting than this is refused as hostile; real schemas nest a handful of levels. */
  public static final int MAX_INDEXES = 128;
  private static final int[] FIRST_MESSAGE = {0};

  private WireFrame() {}

  /** A frame's header: the schema id and, for Protobuf, the message indexes; {@code payloadOffset} is where the payload starts. */
  public record Header(int schemaId, int[] messageIndexes, int payloadOffset) {}

  /** Writes the 5-byte header (0x00 and the id, big-endian) to a stream. */
  public static void writeHeader(java.io.OutputStream out, int schemaId) throws java.io.IOException {
    out.write(new byte[] {MAGIC, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8),
        (byte) schemaId});
  }

  /** Writes 0x00 + id (and the indexes when not null) in front of the payload. */
  public static byte[] encode(int schemaId, int[] messageIndexes, byte[] payload) {
    byte[] header = header(schemaId, messageIndexes);
    byte[] frame = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, frame, header.length, payload.length);
    return frame;
  }

  /** The bytes before the payload: 0x00, the id big-endian, and the message indexes when not null. */
  public static byte[] header(int schemaId, int[] messageIndexes) {
    byte[] indexes = messageIndexes == null ? new byte[0] : encodeIndexes(messageIndexes);
    return ByteBuffer.allocate(HEADER + indexes.length).put(MAGIC).putInt(schemaId).put(indexes).array();
  }

  /** The message-index bytes: {@code [0]} as one zero byte, else the count then each index. */
  public static byte[] encodeIndexes(int[] indexes) {
    if (indexes.length == 1 && indexes[0] == 0) {
      return new byte[] {0};
    }
    ByteBuffer out = ByteBuffer.allocate(5 * (indexes.length + 1));
    writeZigZag(out, indexes.length);
    for (int index : indexes) {
      if (index < 0) {
        throw new IllegalArgumentException("message indexes are not negative: " + Arrays.toString(indexes));
      }
      writeZigZag(out, index);
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  /** Reads the magic byte and id of any frame. */
  public static Header read(String topic, byte[] frame, boolean withMessageIndexes) {
    if (frame == null) {
      throw new SerializationException("null frame on topic " + topic);
    }
    if (frame.length < HEADER) {
      throw new SerializationException("frame on topic " + topic + " is " + frame.length
          + " bytes, shorter than the 5-byte Confluent header");
    }
    if (frame[0] != MAGIC) {
      throw new SerializationException("unknown magic byte 0x" + String.format("%02x", frame[0] & 0xff) + " on topic "
          + topic + ": not a Confluent wire-format frame (expected 0x00)");
    }
    int id = ByteBuffer.wrap(frame, 1, 4).getInt();
    if (!withMessageIndexes) {
      return new Header(id, null, HEADER);
    }
    int[] position = {HEADER};
    int count = readZigZag(frame, position, topic, id);
    if (count == 0) {
      return new Header(id, FIRST_MESSAGE, position[0]); // [0] written as the single byte 0x00
    }
    if (count < 0 || count > MAX_INDEXES || count > frame.length - position[0]) {
      throw new SerializationException("frame with schema id " + id + " on topic " + topic
          + " claims " + count + " message indexes; at most " + Math.min(MAX_INDEXES, frame.length - position[0])
          + " are possible");
    }
    int[] indexes = new int[count];
    for (int i = 0; i < count; i++) {
      indexes[i] = readZigZag(frame, position, topic, id);
      if (indexes[i] < 0) {
        throw new SerializationException("frame with schema id " + id + " on topic " + topic
            + " has a negative message index " + indexes[i]);
      }
    }
    return new Header(id, indexes, position[0]);
  }

  private static void writeZigZag(ByteBuffer out, int value) {
    int v = (value << 1) ^ (value >> 31);
    while ((v & ~0x7f) != 0) {
      out.put((byte) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  private static int readZigZag(byte[] frame, int[] position, String topic, int id) {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (position[0] >= frame.length) {
        throw new SerializationException("frame with schema id " + id + " on topic " + topic
            + " ends inside its message-index list");
      }
      byte b = frame[position[0]++];
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (value >>> 1) ^ -(value & 1);
      }
    }
    throw new SerializationException("frame with schema id " + id + " on topic " + topic
        + " has a malformed varint in its message-index list");
  }
}
