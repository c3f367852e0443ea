package io.github.eventcontracts.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleSetCheckerTest {
  static final Contract PAYMENT = new AvroContractParser().parse(new SourceFile("schemas/payments.avsc",
      "payments.avsc", """
      {"type":"record","name":"Payment","namespace":"acme","fields":[
        {"name":"amount","type":"double"},
        {"name":"card","type":["null","string"],"default":null},
        {"name":"payer","type":{"type":"record","name":"Payer","fields":[{"name":"email","type":"string"}]}},
        {"name":"lines","type":{"type":"array","items":"long"}}]}"""));
  static final Contract ORDER = new ProtobufContractParser().parse(new SourceFile("schemas/orders.proto",
      "orders.proto", """
      syntax = "proto3";
      package acme;
      import "google/protobuf/timestamp.proto";
      message Order {
        string id = 1;
        int64 total_cents = 2;
        google.protobuf.Timestamp at = 3;
      }
      """));

  static Rule cel(String name, String expr) {
    return new Rule(name, Rule.Kind.CONDITION, Rule.Mode.WRITE, "CEL", null, null, expr, null, "ERROR");
  }

  static List<String> problems(Contract contract, Rule... rules) {
    return RuleSetChecker.check(contract, new RuleSet(List.of(), List.of(rules))).stream()
        .map(p -> p.pointer() + " " + p.message()).toList();
  }

  @Test
  void conditionsCompileAgainstTheContractsOwnFields() {
    assertThat(problems(PAYMENT, cel("positive", "message.amount > 0.0"),
        cel("nested", "message.payer.email.endsWith('@acme.com') && size(message.lines) > 0"),
        cel("nullable", "message.card == null || message.card.startsWith('4')"),
        cel("checked", "message.payer.email.isEmail()"))).isEmpty();
    assertThat(problems(PAYMENT, cel("positive", "message.amout > 0.0")))
        .singleElement().asString().startsWith("/domainRules/0/expr rule positive:").contains("amout");
    assertThat(problems(PAYMENT, cel("typed", "true"), cel("typo", "message.payer.mail != ''")))
        .singleElement().asString().startsWith("/domainRules/1/expr rule typo:").contains("mail");
    assertThat(problems(PAYMENT, cel("wrongType", "message.amount > 'zero'")))
        .singleElement().asString().contains("no matching overload");
    assertThat(problems(PAYMENT, cel("syntax", "message.amount >"))).singleElement().asString()
        .contains("does not compile");
  }

  @Test
  void protobufMessagesAreTypedByTheirDescriptor() {
    assertThat(problems(ORDER, cel("positive", "message.total_cents > 0 && message.at < now"))).isEmpty();
    assertThat(problems(ORDER, cel("typo", "message.totalcents > 0"))).singleElement().asString().contains("totalcents");
  }

  @Test
  void aContractTaggedWithConfluentsFieldMetaCompilesWithoutAReference() {
    Contract tagged = new ProtobufContractParser().parse(new SourceFile("schemas/payments.proto", "payments.proto", """
        syntax = "proto3";
        package acme;
        import "confluent/meta.proto";
        message Payment {
          string id = 1;
          string card = 2 [(confluent.field_meta).tags = "PII"];
          double amount = 3;
        }
        """));
    assertThat(tagged.protobuf().sources()).doesNotContainKey("confluent/meta.proto");
    assertThat(problems(tagged, cel("positive", "message.amount > 0.0 && message.card != ''"))).isEmpty();
    assertThat(problems(tagged, cel("typo", "message.amout > 0.0"))).singleElement().asString().contains("amout");
  }

  @Test
  void fieldRulesGetTheFieldVariablesAndGuardsAreCheckedOnEachSide() {
    Rule mask = new Rule("mask", Rule.Kind.TRANSFORM, Rule.Mode.WRITE, "CEL_FIELD", Set.of("PII"), null,
        "typeName == 'STRING' ; 'XXXX-' + value.substring(12)", null, null);
    assertThat(problems(PAYMENT, mask)).isEmpty();
    Rule broken = new Rule("mask", Rule.Kind.TRANSFORM, Rule.Mode.WRITE, "CEL_FIELD", Set.of("PII"), null,
        "typName == 'STRING' ; 'XXXX'", null, null);
    assertThat(problems(PAYMENT, broken)).singleElement().asString().contains("typName");
  }

  @Test
  void jsonataIsParsedAndTheSetIsWhatConfluentsRegistryAccepts() {
    Rule upgrade = new Rule("up", Rule.Kind.TRANSFORM, Rule.Mode.UPGRADE, "JSONATA", null, null,
        "$merge([$sift($, function($v, $k) {$k != 'size'}), {'height': $.'size'}])", null, null);
    assertThat(RuleSetChecker.check(PAYMENT, new RuleSet(List.of(upgrade), List.of()))).isEmpty();
    Rule bad = new Rule("up", Rule.Kind.TRANSFORM, Rule.Mode.UPGRADE, "JSONATA", null, null, "$merge([", null, null);
    assertThat(RuleSetChecker.check(PAYMENT, new RuleSet(List.of(bad), List.of())))
        .singleElement().satisfies(p -> assertThat(p.message()).contains("JSONata expression does not parse"));
    // a domain rule in UPGRADE mode: Confluent's registry refuses the set
    Rule misplaced = new Rule("up", Rule.Kind.TRANSFORM, Rule.Mode.UPGRADE, "JSONATA", null, null, "$", null, null);
    assertThat(RuleSetChecker.check(PAYMENT, new RuleSet(List.of(), List.of(misplaced))))
        .extracting(RuleSetChecker.Problem::message)
        .containsExactly("Domain rules can only be WRITE, READ, WRITEREAD (Confluent's registry refuses this rule set)");
  }
}
