package io.github.eventcontracts.sample.consumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  @Test
  void aTopicWithoutAContractIsRefusedUpFront() {
    assertThatThrownBy(() -> new EventDecoder("http://127.0.0.1:1", List.of("payments")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payments-value");
  }

  @Test
  void aFrameThatIsNotConfluentsIsASerializationException() {
    EventDecoder decoder = new EventDecoder("http://127.0.0.1:1", List.of("order-created"));
    assertThatThrownBy(() -> decoder.decode("order-created", new byte[] {7, 0, 0, 0, 1}))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("magic byte 0x07");
  }
}
