package io.github.eventcontracts.core.compat.protobuf;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.PACKAGE_CHANGED;

import com.squareup.wire.schema.ProtoFile;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.List;
import java.util.Objects;

/**
 * Walks two Protobuf files once and lists every difference with Confluent Schema Registry's
 * difference types and paths, one class per element as in Confluent's {@code diff} package:
 * {@link SiblingTypesDiff}, {@link MessageDiff}, {@link FieldDiff}, {@link EnumDiff}. Types match by
 * simple name per nesting level, fields (oneof members included) by tag, enum constants by number;
 * message-typed fields are resolved through wire's linked schema, so types from imports are compared
 * too. Every difference carries a position.
 */
public final class ProtobufSchemaDiff {
  private ProtobufSchemaDiff() {}

  /**
   * @param original the schema that wrote the data
   * @param update the schema that reads it
   * @param updateIsNew whether {@code update} is the new schema; positions are reported in the new
   *     file when the element exists there
   */
  public static List<Difference> compare(ProtobufParsedSchema original, String originalFile,
      ProtobufParsedSchema update, String updateFile, boolean updateIsNew) {
    Context ctx = Context.of(new Context.Side(original, originalFile), new Context.Side(update, updateFile),
        updateIsNew);
    ProtoFile originalProto = original.file();
    ProtoFile updateProto = update.file();
    String originalPackage = Objects.requireNonNullElse(originalProto.getPackageName(), "");
    String updatePackage = Objects.requireNonNullElse(updateProto.getPackageName(), "");
    if (!originalPackage.equals(updatePackage)) {
      ctx.report(PACKAGE_CHANGED, original.packageStatement(), update.packageStatement(),
          "package changed " + ctx.fromTo("'" + originalPackage + "'", "'" + updatePackage + "'"));
    }
    SiblingTypesDiff.compare(ctx, originalProto.getTypes(), updateProto.getTypes());
    return ctx.differences();
  }
}
