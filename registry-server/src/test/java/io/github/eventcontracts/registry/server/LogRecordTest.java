package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogRecordTest {
  static final Metadata PAYMENTS_METADATA = new Metadata(Map.of("Payment.card", Set.of("PII")),
      Map.of("owner", "payments", "major_version", "1"), Set.of());
  static final RuleSet POSITIVE = new RuleSet(List.of(), List.of(new Rule("positiveAmount", Rule.Kind.CONDITION,
      Rule.Mode.WRITE, "CEL", null, null, "message.amount > 0.0", null, "DLQ")));

  @Test
  void everyRecordReadsBackAsWritten() {
    List<LogRecord> records = List.of(
        new LogRecord.SchemaStored(7, RegistrySchema.protobuf("syntax = \"proto3\";", List.of(
            new SchemaReference("a.proto", "a", 2))), "ab12", true),
        new LogRecord.SchemaStored(8, RegistrySchema.avro("\"string\""), null, false),
        new LogRecord.SchemaStored(9, RegistrySchema.avro("\"string\"").withContract(PAYMENTS_METADATA, POSITIVE),
            null, false),
        new LogRecord.VersionAdded("orders-value", 3, 7),
        new LogRecord.VersionDeleted("orders-value", 3, true),
        new LogRecord.ConfigSet(null, SubjectConfig.ofLevel(CompatibilityLevel.FULL)),
        new LogRecord.ConfigSet("orders-value", SubjectConfig.ofLevel(CompatibilityLevel.BACKWARD_TRANSITIVE)),
        new LogRecord.ConfigSet("orders-value", new SubjectConfig(null, "major_version", PAYMENTS_METADATA,
            Metadata.ofProperties(Map.of("team", "core")), POSITIVE, null)),
        new LogRecord.ConfigSet("orders-value", null),
        new LogRecord.IdFloor(41),
        new LogRecord.ModeSet(null, "READONLY"),
        new LogRecord.ModeSet("orders-value", "IMPORT"),
        new LogRecord.ModeSet("orders-value", null));
    // every kind of record is in the list above: a new kind must be added there too
    assertThat(records.stream().map(r -> r.getClass()).distinct().count())
        .isEqualTo(LogRecord.class.getPermittedSubclasses().length);
    for (LogRecord record : records) {
      assertThat(LogRecord.fromJson(LogRecord.toJson(record))).isEqualTo(record);
    }
  }

  @Test
  void theFormatOnDiskIsTheOneEarlierVersionsWrote() throws Exception {
    // a record as the registry has written it since the first version of the log
    LogRecord read = LogRecord.fromJson(RegistryJson.MAPPER.readTree(
        "{\"op\":\"version\",\"subject\":\"s\",\"version\":1,\"id\":4}"));
    assertThat(read).isEqualTo(new LogRecord.VersionAdded("s", 1, 4));
    assertThat(LogRecord.toJson(new LogRecord.ConfigSet("s", null)).toString())
        .isEqualTo("{\"op\":\"config\",\"subject\":\"s\",\"level\":null}");
    assertThat(LogRecord.fromJson(RegistryJson.MAPPER.readTree("{\"op\":\"config\",\"level\":\"FULL\"}")))
        .isEqualTo(new LogRecord.ConfigSet(null, SubjectConfig.ofLevel(CompatibilityLevel.FULL)));
    // our log says how a schema was sent: no "origin" is text, never "unknown"
    assertThat(LogRecord.fromJson(RegistryJson.MAPPER.readTree("{\"op\":\"schema\",\"id\":3,\"schema\":"
        + "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"},\"normal\":\"ab\"}")))
        .isEqualTo(new LogRecord.SchemaStored(3, RegistrySchema.protobuf("syntax = \"proto3\";", List.of()), "ab", false));
  }

  @Test
  void anUnreadableRecordSaysWhatItIs() throws Exception {
    assertThatThrownBy(() -> LogRecord.fromJson(RegistryJson.MAPPER.readTree("{\"op\":\"merge\",\"id\":1}")))
        .isInstanceOf(LogRecord.UnreadableRecordException.class).hasMessageContaining("unknown op 'merge'")
        .hasMessageContaining("newer registry-server");
    assertThatThrownBy(() -> LogRecord.fromJson(RegistryJson.MAPPER.readTree("{\"op\":\"version\",\"subject\":\"s\"}")))
        .isInstanceOf(LogRecord.UnreadableRecordException.class).hasMessageContaining("missing or invalid");
  }
}
