package io.github.eventcontracts.sample.producer;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import com.acme.orders.SalesChannel;
import com.acme.orders.v1.OrderShipped;
import com.acme.orders.v1.ShipmentLine;
import com.acme.orders.v1.ShipmentStatus;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of one order's life, typed by the generated classes: it is created (Avro, topic
 * {@value #ORDER_CREATED}), then packed, shipped and delivered (Protobuf, topic
 * {@value #ORDER_SHIPPED}). All carry the order id as key, so a consumer sees them in this order.
 */
public final class OrderEvents {
  public static final String ORDER_CREATED = "order-created";
  public static final String ORDER_SHIPPED = "order-shipped";
  public static final List<String> TOPICS = List.of(ORDER_CREATED, ORDER_SHIPPED);
  /** Events per order: one created, three shipment updates. */
  public static final int PER_ORDER = 4;
  private static final ShipmentStatus[] PROGRESS = {ShipmentStatus.SHIPMENT_STATUS_PACKED,
      ShipmentStatus.SHIPMENT_STATUS_SHIPPED, ShipmentStatus.SHIPMENT_STATUS_DELIVERED};
  private static final SalesChannel[] CHANNELS = {SalesChannel.WEB, SalesChannel.MOBILE, SalesChannel.STORE};

  /** One event to publish: where, under which key, and the typed value. */
  public record Event(String topic, String key, Object value) {}

  private OrderEvents() {}

  /** A stable, distinct order id for order number {@code n} of a run. */
  public static UUID orderId(long run, int n) {
    return new UUID(run, n);
  }

  /** The {@value #PER_ORDER} events of order {@code n}, in the order they happen. */
  public static List<Event> of(long run, int n, Instant now) {
    UUID uuid = orderId(run, n);
    String orderId = uuid.toString();
    OrderCreated created = OrderCreated.newBuilder()
        .setOrderId(uuid)
        .setCustomerId("customer-" + (n % 97))
        .setCreatedAt(now)
        .setTotal(Money.newBuilder().setUnits(1_000L + n % 9_000).setCurrency("EUR").build())
        .setChannel(CHANNELS[n % CHANNELS.length])
        .setCouponCode(n % 5 == 0 ? "WELCOME10" : null)
        .build();
    List<Event> events = new java.util.ArrayList<>(PER_ORDER);
    events.add(new Event(ORDER_CREATED, orderId, created));
    for (int step = 0; step < PROGRESS.length; step++) {
      Instant at = now.plusSeconds(3600L * (step + 1));
      events.add(new Event(ORDER_SHIPPED, orderId, OrderShipped.newBuilder()
          .setOrderId(orderId)
          .setShippedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
          .setStatus(PROGRESS[step])
          .addLines(ShipmentLine.newBuilder().setSku("SKU-" + (n % 500)).setQuantity(1 + n % 3))
          .setCarrier(n % 2 == 0 ? "DHL" : "UPS")
          .setTrackingNumber("TRK" + n)
          .build()));
    }
    return events;
  }
}
