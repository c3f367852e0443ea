package io.github.eventcontracts.sample.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.orders.OrderCreated;
import com.acme.orders.v1.OrderShipped;
import com.acme.orders.v1.ShipmentStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEventsTest {
  @Test
  void anOrdersLifeIsCreatedThenPackedShippedDeliveredAllUnderItsId() {
    List<OrderEvents.Event> events = OrderEvents.of(1, 7, Instant.parse("2026-11-22T10:00:00Z"));
    String orderId = OrderEvents.orderId(1, 7).toString();
    assertThat(events).hasSize(OrderEvents.PER_ORDER).allSatisfy(e -> assertThat(e.key()).isEqualTo(orderId));
    assertThat(events.get(0).topic()).isEqualTo(OrderEvents.ORDER_CREATED);
    assertThat(((OrderCreated) events.get(0).value()).getOrderId().toString()).isEqualTo(orderId);
    assertThat(events.subList(1, 4)).allSatisfy(e -> assertThat(e.topic()).isEqualTo(OrderEvents.ORDER_SHIPPED));
    assertThat(events.subList(1, 4).stream().map(e -> ((OrderShipped) e.value()).getStatus()).toList()).containsExactly(
        ShipmentStatus.SHIPMENT_STATUS_PACKED, ShipmentStatus.SHIPMENT_STATUS_SHIPPED,
        ShipmentStatus.SHIPMENT_STATUS_DELIVERED);
  }

  @Test
  void orderIdsAreDistinctAcrossOrdersAndRuns() {
    assertThat(OrderEvents.orderId(1, 1)).isNotEqualTo(OrderEvents.orderId(1, 2)).isNotEqualTo(OrderEvents.orderId(2, 1));
  }
}
