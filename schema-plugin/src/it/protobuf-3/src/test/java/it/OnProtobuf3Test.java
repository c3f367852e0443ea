package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import it.orders.proto.OrderPlaced;
import org.junit.jupiter.api.Test;

class OnProtobuf3Test {
  @Test
  void codeFromTheProjectsProtocCompilesAndRunsOnProtobuf3() throws Exception {
    OrderPlaced placed = OrderPlaced.newBuilder().setId("o-1")
        .setPlacedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L)).putQuantities("sku-1", 2).build();
    assertEquals(placed, OrderPlaced.parseFrom(placed.toByteArray()));
    assertTrue(com.google.protobuf.Timestamp.class.getPackage().getImplementationVersion() == null
        || !com.google.protobuf.Timestamp.class.getPackage().getImplementationVersion().startsWith("4."));
  }
}
