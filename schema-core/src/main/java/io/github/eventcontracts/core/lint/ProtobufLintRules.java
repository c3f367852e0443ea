package io.github.eventcontracts.core.lint;

import com.squareup.wire.schema.EnumConstant;
import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.OneOf;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Type;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Lint rules for Protobuf contracts, in the spirit of buf's style rules. */
final class ProtobufLintRules {
  private static final Pattern PASCAL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern LOWER_SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  private ProtobufLintRules() {}

  static final LintRule PACKAGE_DEFINED = new LintRule("PROTO_PACKAGE_DEFINED",
      "Files declare a package, so type names do not collide across teams.", Severity.ERROR, SchemaType.PROTOBUF,
      (contract, findings) -> {
        ProtoFile file = contract.protobuf().file();
        if (file.getPackageName() == null || file.getPackageName().isEmpty()) {
          findings.at(1, 1, "#/", "file has no package; add e.g. 'package acme.orders.v1;'");
        }
      });

  static final LintRule MESSAGE_PASCAL_CASE = new LintRule("PROTO_MESSAGE_PASCAL_CASE",
      "Message names are PascalCase.", Severity.WARNING, SchemaType.PROTOBUF,
      (contract, findings) -> eachType(contract, (type, path) -> {
        if (type instanceof MessageType && !PASCAL_CASE.matcher(type.getType().getSimpleName()).matches()) {
          at(findings, type.getLocation(), path, "message name '" + type.getType().getSimpleName()
              + "' is not PascalCase");
        }
      }));

  static final LintRule FIELD_LOWER_SNAKE_CASE = new LintRule("PROTO_FIELD_LOWER_SNAKE_CASE",
      "Field names are lower_snake_case.", Severity.WARNING, SchemaType.PROTOBUF,
      (contract, findings) -> eachType(contract, (type, path) -> {
        if (type instanceof MessageType message) {
          for (Field field : allFields(message)) {
            if (!LOWER_SNAKE_CASE.matcher(field.getName()).matches()) {
              at(findings, field.getLocation(), path + "/" + field.getTag(), "field name '" + field.getName()
                  + "' is not lower_snake_case");
            }
          }
        }
      }));

  static final LintRule ENUM_ZERO_UNSPECIFIED = new LintRule("PROTO_ENUM_ZERO_VALUE_UNSPECIFIED",
      "An enum's zero value ends in _UNSPECIFIED, so an unset field is not mistaken for a real value.",
      Severity.WARNING, SchemaType.PROTOBUF,
      (contract, findings) -> eachType(contract, (type, path) -> {
        if (type instanceof EnumType enumType) {
          EnumConstant zero = enumType.constant(0);
          if (zero != null && !zero.getName().endsWith("_UNSPECIFIED")) {
            at(findings, zero.getLocation(), path + "/0", "enum " + enumType.getName() + " zero value '"
                + zero.getName() + "' does not end in _UNSPECIFIED; rename it (e.g. "
                + upperSnake(enumType.getName()) + "_UNSPECIFIED)");
          }
        }
      }));

  // A warning: making a registered field optional is itself a change old readers reject.
  static final LintRule NO_REQUIRED = new LintRule("PROTO_NO_REQUIRED",
      "No proto2 'required' fields: they can never be removed compatibly.", Severity.WARNING, SchemaType.PROTOBUF,
      (contract, findings) -> eachType(contract, (type, path) -> {
        if (type instanceof MessageType message) {
          for (Field field : allFields(message)) {
            if (field.isRequired()) {
              at(findings, field.getLocation(), path + "/" + field.getTag(), "field '" + field.getName()
                  + "' is required; declare new fields optional and validate in code (changing a registered one breaks old readers)");
            }
          }
        }
      }));

  static List<LintRule> all() {
    return List.of(PACKAGE_DEFINED, MESSAGE_PASCAL_CASE, FIELD_LOWER_SNAKE_CASE, ENUM_ZERO_UNSPECIFIED, NO_REQUIRED);
  }

  private static void eachType(Contract contract, BiConsumer<Type, String> visit) {
    for (Type type : contract.protobuf().file().getTypes()) {
      eachType(type, "#", visit);
    }
  }

  private static void eachType(Type type, String parent, BiConsumer<Type, String> visit) {
    String path = parent + "/" + type.getType().getSimpleName();
    visit.accept(type, path);
    for (Type nested : type.getNestedTypes()) {
      eachType(nested, path, visit);
    }
  }

  private static List<Field> allFields(MessageType message) {
    List<Field> fields = new ArrayList<>(message.getDeclaredFields());
    for (OneOf oneOf : message.getOneOfs()) {
      fields.addAll(oneOf.getFields());
    }
    return fields;
  }

  private static void at(LintRule.Findings findings, Location location, String path, String message) {
    findings.at(location.getLine(), Math.max(location.getColumn(), 0), path, message);
  }

  private static String upperSnake(String pascal) {
    return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
