package io.github.eventcontracts.codegen;

import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Type;
import com.squareup.wire.schema.internal.parser.OptionElement;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import java.nio.file.Path;

/** The Java class protoc or avro-compiler makes for a contract's main type, by their naming rules. */
public final class JavaNames {
  private JavaNames() {}

  /**
   * The binary name ({@code Outer$Inner}, as {@link Class#forName} takes it) of the class generated
   * for {@code recordName} (see {@code SubjectContract#recordName()}) of a contract.
   */
  public static String classOf(Contract contract, String recordName) {
    if (recordName == null) {
      return null;
    }
    if (contract.type() == SchemaType.AVRO) {
      return recordName;
    }
    ProtoFile file = contract.protobuf().file();
    String pkg = file.getPackageName() == null ? "" : file.getPackageName();
    String relative = !pkg.isEmpty() && recordName.startsWith(pkg + ".") ? recordName.substring(pkg.length() + 1) : recordName;
    String javaPackage = option(file, "java_package");
    if (javaPackage == null) {
      javaPackage = pkg;
    }
    String prefix = javaPackage.isEmpty() ? "" : javaPackage + ".";
    String nested = relative.replace('.', '$');
    if ("true".equals(option(file, "java_multiple_files"))) {
      return prefix + nested;
    }
    return prefix + outerClassName(file) + "$" + nested;
  }

  /** protoc's rule: java_outer_classname, else the file name in CamelCase, + "OuterClass" on a clash. */
  static String outerClassName(ProtoFile file) {
    String explicit = option(file, "java_outer_classname");
    if (explicit != null) {
      return explicit;
    }
    String base = Path.of(file.getLocation().getPath()).getFileName().toString().replaceFirst("\\.proto$", "");
    StringBuilder camel = new StringBuilder();
    boolean upper = true;
    for (char c : base.toCharArray()) {
      if (Character.isLetter(c)) {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else if (Character.isDigit(c)) {
        camel.append(c);
        upper = true;
      } else {
        upper = true;
      }
    }
    String name = camel.toString();
    for (Type t : file.getTypes()) {
      if ((t instanceof MessageType || t instanceof EnumType) && t.getType().getSimpleName().equals(name)) {
        return name + "OuterClass";
      }
    }
    if (file.getServices().stream().anyMatch(s -> s.name().equals(name))) {
      return name + "OuterClass";
    }
    return name;
  }

  private static String option(ProtoFile file, String name) {
    for (OptionElement option : file.toElement().getOptions()) {
      if (option.getName().equals(name)) {
        return String.valueOf(option.getValue());
      }
    }
    return null;
  }
}
