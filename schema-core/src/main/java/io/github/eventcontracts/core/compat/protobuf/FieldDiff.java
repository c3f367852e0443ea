package io.github.eventcontracts.core.compat.protobuf;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_KIND_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_NAMED_TYPE_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_NAME_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_NUMERIC_LABEL_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_SCALAR_KIND_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_STRING_OR_BYTES_LABEL_CHANGED;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.Type;
import io.github.eventcontracts.core.compat.Difference;
import java.util.List;
import java.util.Objects;

/** One field present on both sides (same tag): its name, its type and its label. */
final class FieldDiff {
  private FieldDiff() {}

  static void compare(Context ctx, Field original, Field update) {
    if (!original.getName().equals(update.getName())) {
      ctx.report(FIELD_NAME_CHANGED, original.getLocation(), update.getLocation(),
          "field " + original.getTag() + " renamed " + ctx.fromTo("'" + original.getName() + "'", "'" + update.getName() + "'"));
    }
    FieldAt originalAt = new FieldAt(original.getType(), original.getLocation());
    FieldAt updateAt = new FieldAt(update.getType(), update.getLocation());
    compareTypes(ctx, update.getName(), originalAt, updateAt);
    compareLabels(ctx, original, update);
  }

  /** A field's type (or a map's key or value type) with the field's position, for reports. */
  private record FieldAt(ProtoType type, Location location) {
    FieldAt withType(ProtoType other) {
      return new FieldAt(other, location);
    }
  }

  private static void compareTypes(Context ctx, String field, FieldAt original, FieldAt update) {
    ProtoTypes.Kind originalKind = ProtoTypes.kind(original.type, ctx.original.schema());
    ProtoTypes.Kind updateKind = ProtoTypes.kind(update.type, ctx.update.schema());
    if (originalKind != updateKind) {
      ctx.report(FIELD_KIND_CHANGED, original.location, update.location, "field '" + field + "' changed "
          + ctx.fromTo(ProtoTypes.describe(original.type, originalKind), ProtoTypes.describe(update.type, updateKind)));
      return;
    }
    switch (originalKind) {
      case SCALAR -> {
        if (!ProtoTypes.wireGroup(original.type).equals(ProtoTypes.wireGroup(update.type))) {
          ctx.report(FIELD_SCALAR_KIND_CHANGED, original.location, update.location, "field '" + field
              + "' changed " + ctx.fromTo(ProtoTypes.scalarName(original.type, ctx.original.schema()),
                  ProtoTypes.scalarName(update.type, ctx.update.schema())));
        }
      }
      case MAP -> {
        compareTypes(ctx, field, original.withType(original.type.getKeyType()),
            update.withType(update.type.getKeyType()));
        compareTypes(ctx, field, original.withType(original.type.getValueType()),
            update.withType(update.type.getValueType()));
      }
      case MESSAGE -> compareMessageTypes(ctx, field, original, update);
    }
  }

  /**
   * Message-typed fields: a different type name breaks; the same name compares the two messages,
   * once per pair however many fields use it.
   */
  private static void compareMessageTypes(Context ctx, String field, FieldAt original, FieldAt update) {
    String originalName = ProtoTypes.localName(original.type, ctx.original.schema());
    String updateName = ProtoTypes.localName(update.type, ctx.update.schema());
    if (!originalName.equals(updateName)) {
      ctx.report(FIELD_NAMED_TYPE_CHANGED, original.location, update.location,
          "field '" + field + "' changed type " + ctx.fromTo(originalName, updateName));
      return;
    }
    Type originalType = ctx.original.schema().getType(original.type);
    Type updateType = ctx.update.schema().getType(update.type);
    if (!(originalType instanceof MessageType originalMessage) || !(updateType instanceof MessageType updateMessage)) {
      return;
    }
    List<Difference> inner = ctx.referencedPair(originalMessage.getType() + "|" + updateMessage.getType(),
        List.of(originalName.split("\\.")), nested -> MessageDiff.compare(nested, originalMessage, updateMessage));
    boolean bothInComparedFiles = Objects.equals(originalMessage.getLocation().getPath(), ctx.original.path())
        && Objects.equals(updateMessage.getLocation().getPath(), ctx.update.path());
    if (!bothInComparedFiles) {
      ctx.addAll(inner); // types from imported files are not walked otherwise
    }
    List<String> breaking = inner.stream().filter(d -> !d.compatible())
        .map(d -> d.type().id() + " " + d.path()).toList();
    if (!breaking.isEmpty()) {
      ctx.report(FIELD_NAMED_TYPE_CHANGED, original.location, update.location, "field '" + field + "' keeps type "
          + originalName + " (defined in " + ctx.update.parsed().displayPath(updateMessage.getLocation().getPath())
          + "), which changed incompatibly: " + String.join(", ", breaking));
    }
  }

  /**
   * A label change matters only for scalars (enums included): numbers read differently packed or
   * repeated, strings and bytes do not. For message-typed fields it is no difference at all, as in
   * Confluent's FieldSchemaDiff.
   */
  private static void compareLabels(Context ctx, Field original, Field update) {
    String originalLabel = label(original);
    String updateLabel = label(update);
    if (originalLabel.equals(updateLabel)
        || ProtoTypes.kind(original.getType(), ctx.original.schema()) != ProtoTypes.Kind.SCALAR
        || ProtoTypes.kind(update.getType(), ctx.update.schema()) != ProtoTypes.Kind.SCALAR) {
      return;
    }
    boolean stringOrBytes = ProtoTypes.isStringOrBytes(original.getType()) && ProtoTypes.isStringOrBytes(update.getType());
    ctx.report(stringOrBytes ? FIELD_STRING_OR_BYTES_LABEL_CHANGED : FIELD_NUMERIC_LABEL_CHANGED,
        original.getLocation(), update.getLocation(),
        "field '" + update.getName() + "' changed " + ctx.fromTo(originalLabel, updateLabel));
  }

  private static String label(Field field) {
    if (field.isRepeated()) {
      return "repeated";
    }
    return field.isRequired() ? "required" : "optional";
  }
}
