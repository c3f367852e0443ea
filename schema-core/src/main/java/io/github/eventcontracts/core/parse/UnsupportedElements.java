package io.github.eventcontracts.core.parse;

import com.squareup.wire.schema.internal.parser.GroupElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Protobuf constructs wire parses but cannot link: each becomes a finding at its own line, so the
 * file is reported like any other invalid file and the rest of the folder is still checked.
 */
final class UnsupportedElements {
  private UnsupportedElements() {}

  /** Every proto2 {@code group} of the file, nested ones and those inside a {@code oneof} included. */
  static List<Diagnostic> groups(String displayPath, ProtoFileElement file) {
    List<Diagnostic> out = new ArrayList<>();
    file.getTypes().forEach(type -> collect(displayPath, type, "", out));
    return out;
  }

  private static void collect(String displayPath, TypeElement type, String outer, List<Diagnostic> out) {
    String name = outer.isEmpty() ? type.getName() : outer + "." + type.getName();
    if (type instanceof MessageElement message) {
      message.getGroups().forEach(g -> out.add(finding(displayPath, name, g)));
      for (OneOfElement oneOf : message.getOneOfs()) {
        oneOf.getGroups().forEach(g -> out.add(finding(displayPath, name, g)));
      }
    }
    type.getNestedTypes().forEach(nested -> collect(displayPath, nested, name, out));
  }

  private static Diagnostic finding(String displayPath, String message, GroupElement group) {
    return new Diagnostic(ParseErrors.UNSUPPORTED_FEATURE, Severity.ERROR, displayPath,
        group.getLocation().getLine(), group.getLocation().getColumn(), "",
        "group '" + group.getName() + "' (field " + group.getTag() + " of " + message + "): proto2 groups are not "
            + "supported by this tool, which cannot check, register or generate this file; exclude it (<excludes>), "
            + "or declare the group's fields in a nested message (a new field number: a group and a message field "
            + "are not the same on the wire)");
  }
}
