package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFrameTest {
  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  @Test
  void messageIndexesAsConfluentWritesThem() {
    assertThat(hex(WireFrame.encodeIndexes(new int[] {0}))).isEqualTo("00");
    assertThat(hex(WireFrame.encodeIndexes(new int[] {1}))).isEqualTo("02 02");
    assertThat(hex(WireFrame.encodeIndexes(new int[] {2, 1}))).isEqualTo("04 04 02");
    assertThat(hex(WireFrame.encodeIndexes(new int[] {0, 0}))).isEqualTo("04 00 00");
    assertThat(hex(WireFrame.encodeIndexes(new int[] {70}))).isEqualTo("02 8c 01");
  }

  @Test
  void headerRoundTrips() {
    byte[] frame = WireFrame.encode(0x01020304, new int[] {2, 1}, new byte[] {9, 9});
    assertThat(hex(frame)).isEqualTo("00 01 02 03 04 04 04 02 09 09");
    WireFrame.Header header = WireFrame.read("t", frame, true);
    assertThat(header.schemaId()).isEqualTo(0x01020304);
    assertThat(header.messageIndexes()).containsExactly(2, 1);
    assertThat(header.payloadOffset()).isEqualTo(8);

    WireFrame.Header first = WireFrame.read("t", WireFrame.encode(7, new int[] {0}, new byte[] {1}), true);
    assertThat(first.messageIndexes()).containsExactly(0);
    assertThat(first.payloadOffset()).isEqualTo(6);

    WireFrame.Header avro = WireFrame.read("t", WireFrame.encode(7, null, new byte[] {1}), false);
    assertThat(avro.payloadOffset()).isEqualTo(5);
  }

  @Test
  void hostileFramesAreSerializationExceptions() {
    assertThatThrownBy(() -> WireFrame.read("orders", new byte[] {1, 0, 0, 0, 1}, false))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown magic byte 0x01 on topic orders");
    assertThatThrownBy(() -> WireFrame.read("orders", new byte[] {0, 0, 0}, false))
        .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the 5-byte");
    // claims 2^30 indexes in a 7-byte frame
    assertThatThrownBy(() -> WireFrame.read("orders", new byte[] {0, 0, 0, 0, 1, (byte) 0x80, (byte) 0x80}, true))
        .isInstanceOf(SerializationException.class).hasMessageContaining("ends inside");
    assertThatThrownBy(() -> WireFrame.read("orders", new byte[] {0, 0, 0, 0, 1, (byte) 0xfe, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x07}, true)).isInstanceOf(SerializationException.class).hasMessageContaining("claims");
    assertThatThrownBy(() -> WireFrame.read("orders", new byte[] {0, 0, 0, 0, 1, 2, 1}, true))
        .isInstanceOf(SerializationException.class).hasMessageContaining("negative message index");
  }
}
