package io.github.eventcontracts.outbox;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import com.acme.orders.SalesChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A sample order service: an order row and its {@code OrderCreated} event in one transaction, keyed
 * by customer so one customer's events keep their order. {@link #placeOrder} can roll back after
 * writing both, as a failed business rule would: then neither exists, and no relay ever sees it.
 */
public final class OrderService {
  public static final String TOPIC = "order-created";
  /** The orders table in a dialect's types. */
  static String ddl(OutboxDialect dialect) {
    return "CREATE TABLE IF NOT EXISTS orders (order_id " + dialect.uuidType() + " PRIMARY KEY, customer_id "
        + dialect.textType() + " NOT NULL, total_units BIGINT NOT NULL, created_at " + dialect.timestampType()
        + " NOT NULL)";
  }

  private final DataSource dataSource;
  private final Outbox outbox;
  private final String topic;

  public OrderService(DataSource dataSource, Outbox outbox) {
    this(dataSource, outbox, TOPIC);
  }

  public OrderService(DataSource dataSource, Outbox outbox, String topic) {
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.topic = topic;
  }

  public static void createTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ddl(OutboxDialect.of(connection)));
    }
    Outbox.createTable(connection);
  }

  /** A web order's event: a new id, the customer as key, the total in euro cents. */
  public static OrderCreated order(String customerId, long units, Instant at) {
    return OrderCreated.newBuilder()
        .setOrderId(UUID.randomUUID())
        .setCustomerId(customerId)
        .setCreatedAt(at)
        .setTotal(Money.newBuilder().setUnits(units).setCurrency("EUR").build())
        .setChannel(SalesChannel.WEB)
        .setCouponCode(null)
        .build();
  }

  /** The order and its event, committed together, or (with {@code rollBack}) neither. */
  public OrderCreated placeOrder(String customerId, long units, Instant at, boolean rollBack) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return placeOrder(connection, customerId, units, at, rollBack);
    }
  }

  /** As above on a connection the caller holds (a pool's, in a real service), in a transaction of its own. */
  public OrderCreated placeOrder(Connection connection, String customerId, long units, Instant at, boolean rollBack)
      throws SQLException {
    OrderCreated event = order(customerId, units, at);
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO orders (order_id, customer_id, total_units, created_at) VALUES (?, ?, ?, ?)")) {
      OutboxDialect.of(connection).setUuid(insert, 1, event.getOrderId());
      insert.setString(2, customerId);
      insert.setLong(3, units);
      insert.setTimestamp(4, java.sql.Timestamp.from(at));
      insert.executeUpdate();
      outbox.append(connection, topic, customerId, event, Map.of("source", "order-service"));
      if (rollBack) {
        connection.rollback();
      } else {
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
    return event;
  }
}
