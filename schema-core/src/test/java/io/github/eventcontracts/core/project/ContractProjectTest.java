package io.github.eventcontracts.core.project;

import static io.github.eventcontracts.core.project.ProjectFixture.standard;
import static io.github.eventcontracts.core.project.ProjectFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.parse.ContractException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractProjectTest {
  @TempDir Path dir;

  private ProjectRequest request(SubjectNamingStrategy strategy, List<ContractSettings> settings) {
    return new ProjectRequest(dir, "schemas", List.of(), List.of(), strategy, CompatibilityLevel.BACKWARD, settings,
        List.of());
  }

  @Test
  void topicNameStrategyByDefaultWithReferencesFirstAndSharedTypesAsReferenceSubjects() throws Exception {
    ContractProject project = ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of()).withDir(standard(dir)));
    // money.avsc is only referenced: Confluent's default reference subject (the full name), not an event
    assertThat(project.subjects()).extracting(s -> s.subject() + " " + s.event())
        .containsExactly("acme.common.Money false", "order-created-value true", "shipments-value true");
    assertThat(project.byPath("avro/money.avsc").orElseThrow().pinsLevel()).isFalse();
    SubjectContract order = project.byPath("avro/order-created.avsc").orElseThrow();
    assertThat(order.references()).containsExactly(
        new SubjectContract.SubjectReference("acme.common.Money", "acme.common.Money", "avro/money.avsc"));
    assertThat(order.contract().file()).isEqualTo("schemas/avro/order-created.avsc");
  }

  @Test
  void sharedTypesCanStillBeNamedLikeEventsOrBySettings() throws Exception {
    standard(dir);
    ProjectRequest likeEvents = new ProjectRequest(dir, "schemas", List.of(), List.of(), SubjectNamingStrategy.TOPIC_NAME,
        CompatibilityLevel.BACKWARD, List.of(), List.of(), ReferenceSubjects.TOPIC);
    assertThat(ContractProject.load(likeEvents).subjects()).extracting(SubjectContract::subject)
        .containsExactly("money-value", "order-created-value", "shipments-value");
    // a topic or a level set for the file makes it an event again / pins its level (migration)
    write(dir, "avro/money.avsc.properties", "topic=money\n");
    assertThat(ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())).byPath("avro/money.avsc")
        .orElseThrow()).satisfies(s -> assertThat(s.subject() + " " + s.event()).isEqualTo("money-value true"));
    write(dir, "avro/money.avsc.properties", "compatibility=FULL\n");
    assertThat(ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())).byPath("avro/money.avsc")
        .orElseThrow()).satisfies(s -> assertThat(s.subject() + " " + s.pinsLevel()).isEqualTo("acme.common.Money true"));
  }

  @Test
  void recordAndTopicRecordStrategies() throws Exception {
    standard(dir);
    assertThat(ContractProject.load(request(SubjectNamingStrategy.RECORD_NAME, List.of())).subjects())
        .extracting(SubjectContract::subject)
        .containsExactly("acme.common.Money", "acme.orders.OrderCreated", "acme.shipping.OrderShipped");
    assertThat(ContractProject.load(request(SubjectNamingStrategy.TOPIC_RECORD_NAME, List.of())).subjects())
        .extracting(SubjectContract::subject).contains("order-created-acme.orders.OrderCreated");
  }

  @Test
  void sidecarFileAndConfigurationSetTopicsSubjectsAndLevels() throws Exception {
    standard(dir);
    write(dir, "avro/order-created.avsc.properties", "topic=orders\ncompatibility=FULL\n");
    write(dir, "proto/shipments.proto.properties", "topic=shipments\nkey=true\n");
    ContractProject project = ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of(
        new ContractSettings("avro/money.avsc", null, null, "shared-money", CompatibilityLevel.FULL_TRANSITIVE, null),
        new ContractSettings("avro/order-created.avsc", null, null, null, CompatibilityLevel.NONE, null))));
    assertThat(project.byPath("avro/order-created.avsc").orElseThrow())
        .satisfies(s -> {
          assertThat(s.subject()).isEqualTo("orders-value");
          assertThat(s.level()).isEqualTo(CompatibilityLevel.NONE); // configuration wins over the sidecar
          assertThat(s.references()).extracting(SubjectContract.SubjectReference::subject).containsExactly("shared-money");
        });
    assertThat(project.byPath("proto/shipments.proto").orElseThrow().subject()).isEqualTo("shipments-key");
    assertThat(project.byPath("avro/money.avsc").orElseThrow().level()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void configurationMistakesNameTheFile() throws Exception {
    standard(dir);
    write(dir, "avro/money.avsc.properties", "topik=money\n");
    assertThatThrownBy(() -> ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("schemas/avro/money.avsc.properties: unknown setting 'topik'");
    write(dir, "avro/money.avsc.properties", "topic=order-created\n");
    assertThatThrownBy(() -> ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())))
        .hasMessageContaining("subject 'order-created-value' is also the subject of");
    write(dir, "avro/money.avsc.properties", "");
    assertThatThrownBy(() -> ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME,
        List.of(new ContractSettings("avro/nope.avsc", "x", null, null, null, null)))))
        .hasMessageContaining("names 'avro/nope.avsc', which is not a contract");
  }

  @Test
  void includesAndExcludes() throws Exception {
    standard(dir);
    ProjectRequest onlyProto = new ProjectRequest(dir, "schemas", List.of("**/*.proto"), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of());
    assertThat(ContractProject.load(onlyProto).subjects()).extracting(SubjectContract::path)
        .containsExactly("proto/shipments.proto");
    ProjectRequest noMoney = new ProjectRequest(dir, "schemas", List.of(), List.of("**/money.avsc", "proto/**"),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of());
    // money.avsc is excluded, so OrderCreated's reference to it cannot resolve
    assertThatThrownBy(() -> ContractProject.load(noMoney)).hasMessageContaining("acme.common.Money");
  }

  @Test
  void filesAlreadyNamedAfterTheirSubjectKeepIt() throws Exception {
    String record = "{\"type\":\"record\",\"name\":\"%s\",\"namespace\":\"acme\",\"fields\":[]}";
    write(dir, "orders-value.avsc", record.formatted("Order"));
    write(dir, "orders-key.avsc", record.formatted("OrderKey"));
    write(dir, "customer-events.avsc", record.formatted("Customer"));
    assertThat(ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())).subjects())
        .extracting(SubjectContract::subject)
        .containsExactlyInAnyOrder("orders-value", "orders-key", "customer-events-value");
    assertThat(ContractProject.load(request(SubjectNamingStrategy.TOPIC_RECORD_NAME, List.of())).subjects())
        .extracting(SubjectContract::subject).contains("orders-acme.Order", "orders-acme.OrderKey");
  }

  @Test
  void aProto2GroupIsAFindingAndEveryOtherFileIsStillChecked() throws Exception {
    write(dir, "legacy.proto", "syntax = \"proto2\";\npackage l;\nmessage R {\n  repeated group Hit = 1 {\n"
        + "    optional string url = 2;\n  }\n}\n");
    write(dir, "broken.proto", "syntax = \"proto3\";\npackage b;\nmessage B { Missing m = 1; }\n");
    write(dir, "fine.proto", "syntax = \"proto3\";\npackage f;\nmessage F { string id = 1; }\n");
    assertThatThrownBy(() -> ContractProject.load(request(SubjectNamingStrategy.TOPIC_NAME, List.of())))
        .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.diagnostics())
            .extracting(d -> d.file() + ":" + d.line() + " " + d.ruleId())
            .containsExactlyInAnyOrder("schemas/legacy.proto:4 UNSUPPORTED_FEATURE", "schemas/broken.proto:3 UNKNOWN_TYPE"));
  }
}
