package io.github.eventcontracts.rules;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The CEL environment Confluent's rule executors give an expression, in one place for the build's
 * check and the serializers' run: the standard macros, the strings and math extensions, Confluent's
 * string checks ({@code isEmail()}, {@code isUuid()}, ...), {@code now}; for a CEL_FIELD rule the
 * field's variables ({@code value}, {@code name}, {@code fullName}, {@code typeName}, {@code tags},
 * {@code message}).
 */
final class CelEnvironment {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern HOSTNAME = Pattern.compile(
      "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
      + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

  /** Confluent's string checks: name, overload id, test. */
  private record Check(String name, String overload, Predicate<String> test) {}

  private static final List<Check> CHECKS = List.of(
      new Check("isEmail", "is_email", s -> EMAIL.matcher(s).matches()),
      new Check("isHostname", "is_hostname", s -> HOSTNAME.matcher(s).matches()),
      new Check("isIpv4", "is_ipv4", s -> IPV4.matcher(s).matches()),
      new Check("isIpv6", "is_ipv6", CelEnvironment::isIpv6),
      new Check("isUriRef", "is_uri_ref", s -> uri(s) != null),
      new Check("isUri", "is_uri", s -> uri(s) != null && uri(s).isAbsolute()),
      new Check("isUuid", "is_uuid", s -> UUID.matcher(s).matches()));

  private CelEnvironment() {}

  /** A compiler with Confluent's environment; the caller declares {@code message} (or the field variables). */
  static CelCompilerBuilder compiler() {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelExtensions.strings(), CelExtensions.math())
        .addFunctionDeclarations(CHECKS.stream().map(c -> CelFunctionDecl.newFunctionDeclaration(c.name(),
            CelOverloadDecl.newMemberOverload(c.overload(), SimpleType.BOOL, SimpleType.STRING))).toList())
        .addVar("now", SimpleType.TIMESTAMP);
  }

  /** The field variables of a CEL_FIELD rule. */
  static CelCompilerBuilder fieldVariables(CelCompilerBuilder builder) {
    return builder.addVar("value", SimpleType.DYN).addVar("fullName", SimpleType.STRING)
        .addVar("name", SimpleType.STRING).addVar("typeName", SimpleType.STRING)
        .addVar("tags", ListType.create(SimpleType.STRING)).addVar("message", SimpleType.DYN);
  }

  static CelRuntime runtime() {
    return runtimeBuilder().build();
  }

  /** A runtime with Confluent's functions; the caller may add message types before building it. */
  static dev.cel.runtime.CelRuntimeBuilder runtimeBuilder() {
    return CelRuntimeFactory.standardCelRuntimeBuilder()
        .addLibraries(CelExtensions.strings(), CelExtensions.math())
        .addFunctionBindings(CHECKS.stream().map(c -> CelFunctionBinding.from(c.overload(), String.class,
            (String s) -> c.test().test(s))).toList());
  }

  private static boolean isIpv6(String s) {
    if (!s.contains(":") || !s.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(s) instanceof java.net.Inet6Address; // a literal: no lookup happens
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static URI uri(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
