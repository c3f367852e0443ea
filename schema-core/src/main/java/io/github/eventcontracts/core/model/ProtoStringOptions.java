package io.github.eventcontracts.core.model;

import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.ExtendElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ServiceElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import io.github.eventcontracts.core.util.StringLiterals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wire writes string option values and string defaults between quotes as they are, unescaped:
 * googleapis' {@code option php_namespace = "Google\\Cloud\\Logging\\Type";} came back as
 * {@code "Google\Cloud\Logging\Type"}, which reads as {@code GoogleCloudLoggingType}, so the
 * canonical text a registry stores meant something else than the file. This puts the escapes back.
 */
final class ProtoStringOptions {
  private ProtoStringOptions() {}

  /** {@code rendered} (wire's text of {@code file}) with every string value that needs it escaped. */
  static String escape(String rendered, ProtoFileElement file) {
    TreeSet<String> needing = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
        .thenComparing(Comparator.naturalOrder()));
    List<Object> values = new ArrayList<>();
    collectOptions(file.getOptions(), values);
    file.getTypes().forEach(t -> collectType(t, values));
    for (ServiceElement service : file.getServices()) {
      collectOptions(service.getOptions(), values);
      service.getRpcs().forEach(rpc -> collectOptions(rpc.getOptions(), values));
    }
    file.getExtendDeclarations().forEach(e -> collectFields(e.getFields(), values));
    for (Object value : values) {
      if (value instanceof String text && !StringLiterals.proto(text).equals("\"" + text + "\"")) {
        needing.add(text);
      }
    }
    String out = rendered;
    for (String text : needing) {
      // wire indents the lines after a newline inside the quotes as it indents the declaration
      StringBuilder written = new StringBuilder("\"");
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        written.append(i == 0 ? "" : "\n[ \t]*").append(Pattern.quote(lines[i]));
      }
      out = Pattern.compile(written.append('"').toString()).matcher(out)
          .replaceAll(Matcher.quoteReplacement(StringLiterals.proto(text)));
    }
    return out;
  }

  private static void collectType(TypeElement type, List<Object> out) {
    collectOptions(type.getOptions(), out);
    if (type instanceof MessageElement message) {
      collectFields(message.getFields(), out);
      for (OneOfElement oneOf : message.getOneOfs()) {
        collectOptions(oneOf.getOptions(), out);
        collectFields(oneOf.getFields(), out);
      }
      for (ExtendElement extend : message.getExtendDeclarations()) {
        collectFields(extend.getFields(), out);
      }
    } else if (type instanceof EnumElement enumType) {
      enumType.getConstants().forEach(c -> collectOptions(c.getOptions(), out));
    }
    type.getNestedTypes().forEach(nested -> collectType(nested, out));
  }

  private static void collectFields(List<FieldElement> fields, List<Object> out) {
    for (FieldElement field : fields) {
      out.add(field.getDefaultValue());
      out.add(field.getJsonName());
      collectOptions(field.getOptions(), out);
    }
  }

  private static void collectOptions(List<OptionElement> options, List<Object> out) {
    options.forEach(o -> collectValue(o.getValue(), out));
  }

  private static void collectValue(Object value, List<Object> out) {
    if (value instanceof OptionElement option) {
      collectValue(option.getValue(), out);
    } else if (value instanceof OptionElement.OptionPrimitive primitive) {
      collectValue(primitive.getValue(), out);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collectValue(v, out));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collectValue(v, out));
    } else if (value != null) {
      out.add(value);
    }
  }
}
