package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Where event groups end, from synthetic binlog events as MariaDB and MySQL write them. */
class BinlogGroupsTest {
  private record Group(List<String> keys, BinlogPosition next) {}

  private final List<Group> handed = new ArrayList<>();
  private final BinlogGroups groups = new BinlogGroups("shop", new BinlogPosition("bin.000001", 4),
      (rows, next) -> handed.add(new Group(rows.stream().map(BinlogGroupsTest::key).toList(), next)));

  private static String key(ProducerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  private static Event event(EventType type, long nextPosition, EventData data) {
    EventHeaderV4 header = new EventHeaderV4();
    header.setEventType(type);
    header.setNextPosition(nextPosition);
    return new Event(header, data);
  }

  private static Event gtid(long next, boolean standalone) {
    MariadbGtidEventData data = new MariadbGtidEventData();
    data.setFlags(standalone ? MariadbGtidEventData.FL_STANDALONE : MariadbGtidEventData.FL_TRANSACTIONAL);
    return event(EventType.MARIADB_GTID, next, data);
  }

  private static Event query(long next, String sql) {
    QueryEventData data = new QueryEventData();
    data.setSql(sql);
    return event(EventType.QUERY, next, data);
  }

  /** The outbox's columns in a new order, as after an ALTER TABLE: the key is found by name. */
  private static Event tableMap(long next, long tableId, String table, List<String> columns) {
    TableMapEventData data = new TableMapEventData();
    data.setTableId(tableId);
    data.setDatabase("shop");
    data.setTable(table);
    TableMapEventMetadata metadata = new TableMapEventMetadata();
    metadata.setColumnNames(columns);
    data.setEventMetadata(columns == null ? null : metadata);
    return event(EventType.TABLE_MAP, next, data);
  }

  private static final List<String> OUTBOX = List.of("id", "aggregate_id", "topic", "payload", "headers");

  private static Event outboxRow(long next, long tableId, String key) {
    WriteRowsEventData data = new WriteRowsEventData();
    data.setTableId(tableId);
    BitSet all = new BitSet();
    all.set(0, 5);
    data.setIncludedColumns(all);
    List<Serializable[]> rows = new ArrayList<>();
    rows.add(new Serializable[] {1L, key.getBytes(StandardCharsets.UTF_8), "orders".getBytes(StandardCharsets.UTF_8),
        new byte[] {0, 0, 0, 0, 1}, "{}".getBytes(StandardCharsets.UTF_8)});
    data.setRows(rows);
    return event(EventType.EXT_WRITE_ROWS, next, data);
  }

  private static Event xid(long next) {
    return event(EventType.XID, next, new XidEventData());
  }

  @Test
  void aSavepointInsideATransactionIsNotABoundary() throws Exception {
    groups.accept(gtid(100, false));
    groups.accept(query(150, "SAVEPOINT `s1`"));
    groups.accept(tableMap(200, 7, "outbox", OUTBOX));
    groups.accept(outboxRow(300, 7, "k1"));
    groups.accept(xid(331));
    assertThat(handed).containsExactly(new Group(List.of("k1"), new BinlogPosition("bin.000001", 331)));
  }

  @Test
  void aStandaloneStatementIsAGroupOfItsOwn() throws Exception {
    groups.accept(gtid(100, true));
    groups.accept(query(180, "ALTER TABLE outbox ADD COLUMN note TEXT"));
    assertThat(handed).containsExactly(new Group(List.of(), new BinlogPosition("bin.000001", 180)));
  }

  @Test
  void otherTablesRowsAreNotRelayedButTheirCommitMovesThePosition() throws Exception {
    groups.accept(query(100, "BEGIN")); // MySQL's way to open a group
    groups.accept(tableMap(150, 8, "orders", List.of("id", "aggregate_id", "topic", "payload", "headers")));
    groups.accept(outboxRow(250, 8, "not-an-event"));
    groups.accept(xid(280));
    assertThat(handed).containsExactly(new Group(List.of(), new BinlogPosition("bin.000001", 280)));
  }

  @Test
  void columnsAreFoundByNameAndTheFileFollowsRotation() throws Exception {
    groups.accept(event(EventType.ROTATE, 0, rotate("bin.000002")));
    groups.accept(gtid(100, false));
    groups.accept(tableMap(200, 9, "outbox", List.of("id", "aggregate_id", "topic", "payload", "headers")));
    groups.accept(outboxRow(300, 9, "k2"));
    groups.accept(xid(330));
    assertThat(handed).containsExactly(new Group(List.of("k2"), new BinlogPosition("bin.000002", 330)));
  }

  private static RotateEventData rotate(String file) {
    RotateEventData data = new RotateEventData();
    data.setBinlogFilename(file);
    data.setBinlogPosition(4);
    return data;
  }

  @Test
  void aGroupCutByALostConnectionIsReadAgainWhole() throws Exception {
    groups.accept(gtid(100, false));
    groups.accept(tableMap(200, 7, "outbox", OUTBOX));
    groups.accept(outboxRow(300, 7, "k1"));
    groups.restartAtBoundary(); // the connection drops here; the server sends the group again
    assertThat(groups.boundary()).isEqualTo(new BinlogPosition("bin.000001", 4));
    groups.accept(gtid(100, false));
    groups.accept(tableMap(200, 7, "outbox", OUTBOX));
    groups.accept(outboxRow(300, 7, "k1"));
    groups.accept(xid(331));
    assertThat(handed).containsExactly(new Group(List.of("k1"), new BinlogPosition("bin.000001", 331)));
  }

  @Test
  void aTableMapWithoutColumnNamesSaysWhichSettingIsMissing() {
    assertThatThrownBy(() -> groups.accept(tableMap(200, 7, "outbox", null)))
        .hasMessageContaining("binlog_row_metadata=FULL");
  }
}
