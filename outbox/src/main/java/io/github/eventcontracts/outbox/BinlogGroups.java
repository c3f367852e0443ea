package io.github.eventcontracts.outbox;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The binlog's events as event groups: a transaction's outbox rows collected from its row events
 * and handed over only at its commit (an XID, or a {@code COMMIT} query), with the position after
 * it — the only places the relay may record or resume from. A statement outside any transaction
 * (DDL) is a group of its own; a statement inside one (a {@code SAVEPOINT}) is not, so the position
 * never points into a transaction.
 */
final class BinlogGroups {
  /** Receives each committed group: its outbox rows as Kafka records (maybe none) and where the binlog goes on. */
  interface Sink {
    void committed(List<ProducerRecord<byte[], byte[]>> rows, BinlogPosition next) throws InterruptedException;
  }

  /** Where the outbox's columns are in a table map's rows; found by name, so column order may change. */
  private record OutboxColumns(int aggregateId, int topic, int payload, int headers) {
    static OutboxColumns of(TableMapEventData table) {
      List<String> names = table.getEventMetadata() == null ? null : table.getEventMetadata().getColumnNames();
      if (names == null || names.isEmpty()) {
        throw new IllegalStateException("the binlog's table map for " + table.getDatabase() + ".outbox names no columns: "
            + "set binlog_row_metadata=FULL on the server (SET GLOBAL binlog_row_metadata=FULL, and in its configuration)");
      }
      List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
      return new OutboxColumns(index(lower, "aggregate_id"), index(lower, "topic"), index(lower, "payload"),
          index(lower, "headers"));
    }

    private static int index(List<String> names, String column) {
      int i = names.indexOf(column);
      if (i < 0) {
        throw new IllegalStateException("the outbox table has no column " + column + " (it has " + names + ")");
      }
      return i;
    }
  }

  private final String database;
  private final Sink sink;
  private String file;
  private BinlogPosition boundary;
  private final Map<Long, OutboxColumns> tables = new HashMap<>();
  private List<ProducerRecord<byte[], byte[]>> transaction = new ArrayList<>();
  /** Inside a transaction's group: a statement seen here is part of it, not a group of its own. */
  private boolean inGroup;

  /** Groups of {@code database}'s outbox, reading from {@code from} (a group boundary). */
  BinlogGroups(String database, BinlogPosition from, Sink sink) {
    this.database = database;
    this.sink = sink;
    this.boundary = from;
    this.file = from.file();
  }

  /** Where the group after the last one handed over starts. */
  BinlogPosition boundary() {
    return boundary;
  }

  /** The connection was lost: the group it cut is read again, whole, from {@link #boundary()}. */
  void restartAtBoundary() {
    file = boundary.file();
    transaction = new ArrayList<>();
    inGroup = false;
    tables.clear();
  }

  void accept(Event event) throws InterruptedException {
    EventHeaderV4 header = event.getHeader();
    switch (header.getEventType()) {
      case ROTATE -> file = ((RotateEventData) event.getData()).getBinlogFilename();
      case TABLE_MAP -> {
        TableMapEventData table = event.getData();
        boolean outbox = database.equalsIgnoreCase(table.getDatabase()) && "outbox".equalsIgnoreCase(table.getTable());
        tables.put(table.getTableId(), outbox ? OutboxColumns.of(table) : null);
      }
      case WRITE_ROWS, EXT_WRITE_ROWS -> {
        WriteRowsEventData rows = event.getData();
        OutboxColumns columns = tables.get(rows.getTableId());
        if (columns != null) {
          for (Serializable[] row : rows.getRows()) {
            transaction.add(toKafka(columns, rows.getIncludedColumns(), row));
          }
        }
      }
      case XID -> handOver(header);
      case MARIADB_GTID -> {
        // MariaDB starts a transaction's group with its GTID (no BEGIN); a DDL's GTID says standalone
        inGroup = !(event.getData() instanceof MariadbGtidEventData gtid
            && (gtid.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0);
        transaction = new ArrayList<>();
      }
      case QUERY -> {
        String sql = ((QueryEventData) event.getData()).getSql();
        if ("BEGIN".equalsIgnoreCase(sql)) {
          inGroup = true;
          transaction = new ArrayList<>();
        } else if ("COMMIT".equalsIgnoreCase(sql) || !inGroup) {
          handOver(header); // a commit of non-transactional tables, or a statement (DDL) that is its own group
        }
      }
      case TRANSACTION_PAYLOAD -> {
        // MySQL's binlog_transaction_compression: the whole transaction inside one event
        for (Event inner : ((TransactionPayloadEventData) event.getData()).getUncompressedEvents()) {
          accept(inner);
        }
        handOver(header);
      }
      default -> { } // MySQL GTIDs, format descriptions, heartbeats, row annotations, updates and deletes
    }
  }

  /** The group ends at this event: its rows, if any, and the position after it go to the sink. */
  private void handOver(EventHeaderV4 header) throws InterruptedException {
    if (header.getNextPosition() <= 0) {
      return; // an event inside a compressed payload: the payload's own position ends the group
    }
    boundary = new BinlogPosition(file, header.getNextPosition());
    inGroup = false;
    List<ProducerRecord<byte[], byte[]>> rows = transaction;
    transaction = new ArrayList<>();
    sink.committed(rows, boundary);
  }

  private static ProducerRecord<byte[], byte[]> toKafka(OutboxColumns columns, BitSet included, Serializable[] row) {
    return Relay.record(text(value(row, included, columns.topic())), text(value(row, included, columns.aggregateId())),
        (byte[]) value(row, included, columns.payload()), Outbox.headers(text(value(row, included, columns.headers()))));
  }

  /** The value of table column {@code column} in a row that carries only the {@code included} columns. */
  private static Serializable value(Serializable[] row, BitSet included, int column) {
    if (!included.get(column)) {
      throw new IllegalStateException("the binlog's outbox rows lack column " + column
          + ": set binlog_row_image=FULL on the server");
    }
    return row[included.get(0, column).cardinality()];
  }

  /** Text columns arrive as their bytes; the server check made sure they are UTF-8. */
  private static String text(Serializable value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
  }
}
