package io.github.eventcontracts.rules;

import com.api.jsonata4java.expressions.Expressions;
import com.api.jsonata4java.expressions.ParseException;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Checks a contract's rule set at build time, where Confluent's executors only find problems at run
 * time, in production: every CEL condition and transform is compiled (in {@link CelEnvironment},
 * the environment the serializers run them in) against the contract's own
 * types ({@code message} is the contract's record or message, so {@code message.amout} is an
 * unknown field, {@code message.amount > "0"} a type error), every CEL_FIELD expression against the
 * field variables Confluent binds ({@code name}, {@code typeName}, {@code value}, ...), every
 * JSONata expression parsed; and the rule set is what Confluent's registry accepts.
 */
public final class RuleSetChecker {
  /**
   * One problem with a rule set.
   *
   * @param pointer the JSON pointer, in the rule-set file, of what is wrong (e.g. {@code /domainRules/0/expr})
   * @param rule the rule's name, or null for the set as a whole
   */
  public record Problem(String pointer, String rule, String message) {}

  private RuleSetChecker() {}

  public static List<Problem> check(Contract contract, RuleSet ruleSet) {
    List<Problem> problems = new ArrayList<>();
    String invalid = ruleSet.problem();
    if (invalid != null) {
      problems.add(new Problem("", null, invalid + " (Confluent's registry refuses this rule set)"));
    }
    MessageType message = MessageType.of(contract);
    check("/migrationRules", ruleSet.migrationRules(), message, problems);
    check("/domainRules", ruleSet.domainRules(), message, problems);
    check("/encodingRules", ruleSet.encodingRules(), message, problems);
    return problems;
  }

  private static void check(String list, List<Rule> rules, MessageType message, List<Problem> problems) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      String pointer = list + "/" + i + "/expr";
      if (rule.disabled() || rule.type() == null) {
        continue;
      }
      if (rule.expr() == null || rule.expr().isBlank()) {
        if (List.of("CEL", "CEL_FIELD", "JSONATA").contains(rule.type())) {
          problems.add(new Problem(list + "/" + i, rule.name(), "rule " + rule.name() + " has no \"expr\""));
        }
        continue;
      }
      switch (rule.type()) {
        case "CEL" -> compileGuarded(rule, pointer, message.compiler(false), problems);
        case "CEL_FIELD" -> compileGuarded(rule, pointer, message.compiler(true), problems);
        case "JSONATA" -> parseJsonata(rule, pointer, problems);
        default -> { } // an executor of its own (ENCRYPT, ...): nothing to compile here
      }
    }
  }

  /** {@code guard ; body}: both halves are expressions, as Confluent's executor splits them. */
  private static void compileGuarded(Rule rule, String pointer, CelCompiler compiler, List<Problem> problems) {
    String expr = rule.expr();
    boolean splits = !"true".equals(rule.params().get("cel.ignore.guard.separator")) && expr.indexOf(';') >= 0;
    List<String> parts = splits ? List.of(expr.substring(0, expr.indexOf(';')), expr.substring(expr.indexOf(';') + 1))
        : List.of(expr);
    for (String part : parts) {
      if (part.isBlank() && splits) {
        continue;
      }
      CelValidationResult result = compiler.compile(part);
      if (result.hasError()) {
        CelIssue first = result.getErrors().get(0);
        problems.add(new Problem(pointer, rule.name(), "rule " + rule.name() + ": CEL expression '" + part.trim()
            + "' does not compile: " + first.getMessage()));
      }
    }
  }

  private static void parseJsonata(Rule rule, String pointer, List<Problem> problems) {
    try {
      Expressions.parse(rule.expr());
    } catch (ParseException | IOException | RuntimeException e) {
      problems.add(new Problem(pointer, rule.name(), "rule " + rule.name() + ": JSONata expression does not parse: "
          + e.getMessage()));
    }
  }

  /** What {@code message} is for the contract: its record or message type when it has one, else dyn. */
  private record MessageType(CelType type, CelTypes avroTypes, Descriptor protobuf) {
    static MessageType of(Contract contract) {
      if (contract.type() == SchemaType.AVRO) {
        Schema schema = contract.avro().schema();
        return schema.getType() == Schema.Type.RECORD
            ? new MessageType(StructTypeReference.create(schema.getFullName()), CelTypes.of(schema), null)
            : new MessageType(CelTypes.typeOf(schema), null, null);
      }
      Descriptor first = firstMessage(contract.protobuf());
      return first == null ? new MessageType(SimpleType.DYN, null, null)
          : new MessageType(StructTypeReference.create(first.getFullName()), null, first);
    }

    /**
     * A compiler with Confluent's environment: the standard macros, the strings and math
     * extensions, its string checks, {@code now}; for CEL_FIELD rules the field variables too.
     */
    CelCompiler compiler(boolean field) {
      CelCompilerBuilder builder = CelEnvironment.compiler();
      if (avroTypes != null) {
        builder.setTypeProvider(avroTypes);
      }
      if (protobuf != null) {
        builder.addMessageTypes(protobuf);
      }
      if (field) {
        // the field's value is whatever the field holds; the message around it is the containing record
        CelEnvironment.fieldVariables(builder);
      } else {
        builder.addVar("message", type);
      }
      return builder.build();
    }
  }

  /**
   * The first message of the file (what Confluent's serializers use when no index says otherwise),
   * as a protobuf descriptor built with its imports; null when the file has no message.
   */
  private static Descriptor firstMessage(ProtobufParsedSchema proto) {
    try {
      FileDescriptor file = io.github.eventcontracts.core.descriptor.FileDescriptors.build(proto);
      return file.getMessageTypes().isEmpty() ? null : file.getMessageTypes().get(0);
    } catch (DescriptorValidationException | RuntimeException e) {
      return null; // the contract validated; a descriptor it cannot give leaves message typed as dyn
    }
  }

}
