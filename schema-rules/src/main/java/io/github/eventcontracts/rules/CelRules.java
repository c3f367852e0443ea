package io.github.eventcontracts.rules;

import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.github.eventcontracts.registry.client.Rule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs CEL and CEL_FIELD rules as Confluent's executors do: {@code guard ; body} runs the body only
 * when the guard is true (a failing guard skips it), a condition passes on {@code true} only, a
 * field transform's result replaces the field's value. Values are plain Java (records as maps), as
 * Confluent binds them; each expression is compiled once.
 */
public final class CelRules {
  private static final CelRuntime RUNTIME = CelEnvironment.runtime();
  private static final CelCompiler DOMAIN = CelEnvironment.compiler().addVar("message", SimpleType.DYN).build();
  private static final CelCompiler FIELD = CelEnvironment.fieldVariables(CelEnvironment.compiler()).build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private CelRules() {}

  /** A CEL rule on the whole record: a condition's verdict, or a transform's new record. */
  public static Object onMessage(Rule rule, Object message) throws RuleFailure {
    Map<String, Object> vars = new HashMap<>();
    vars.put("message", message);
    return guarded(rule, vars, false, message);
  }

  /**
   * A CEL_FIELD rule on one field: a condition's verdict, or the field's new value.
   *
   * @param typeName Confluent's name of the field's type: STRING, INT, LONG, DOUBLE, BOOLEAN, ...
   */
  public static Object onField(Rule rule, Object value, String fullName, String name, String typeName,
      java.util.List<String> tags, Object message) throws RuleFailure {
    Map<String, Object> vars = new HashMap<>();
    vars.put("value", value);
    vars.put("fullName", fullName);
    vars.put("name", name);
    vars.put("typeName", typeName);
    vars.put("tags", tags);
    vars.put("message", message);
    return guarded(rule, vars, true, value);
  }

  private static Object guarded(Rule rule, Map<String, Object> vars, boolean field, Object unchanged)
      throws RuleFailure {
    String expr = rule.expr();
    boolean splits = !"true".equals(rule.params().get("cel.ignore.guard.separator"));
    int semicolon = splits ? expr.indexOf(';') : -1;
    if (semicolon >= 0) {
      String guard = expr.substring(0, semicolon);
      expr = expr.substring(semicolon + 1);
      if (!guard.isBlank()) {
        Object passes;
        try {
          passes = evaluate(rule, guard, vars, field);
        } catch (RuleFailure e) {
          passes = false; // as Confluent: a guard that fails is false
        }
        if (!Boolean.TRUE.equals(passes)) {
          return rule.kind() == Rule.Kind.CONDITION ? Boolean.TRUE : unchanged;
        }
      }
    }
    return evaluate(rule, expr, vars, field);
  }

  private static Object evaluate(Rule rule, String expr, Map<String, Object> vars, boolean field) throws RuleFailure {
    CelRuntime.Program program;
    try {
      program = PROGRAMS.computeIfAbsent((field ? "F:" : "M:") + expr, key -> compile(expr, field));
    } catch (IllegalArgumentException e) {
      throw new RuleFailure("rule " + rule.name() + ": " + e.getMessage(), e);
    }
    Map<String, Object> withNow = new HashMap<>(vars);
    withNow.put("now", com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build());
    try {
      return program.eval(withNow);
    } catch (CelEvaluationException e) {
      throw new RuleFailure("rule " + rule.name() + ": Expr failed: '" + expr.trim() + "': " + e.getMessage(), e);
    }
  }

  private static CelRuntime.Program compile(String expr, boolean field) {
    CelValidationResult result = (field ? FIELD : DOMAIN).compile(expr);
    if (result.hasError()) {
      throw new IllegalArgumentException("CEL expression '" + expr.trim() + "' does not compile: "
          + result.getErrors().get(0).getMessage());
    }
    try {
      return RUNTIME.createProgram(result.getAst());
    } catch (Exception e) {
      throw new IllegalArgumentException("CEL expression '" + expr.trim() + "' cannot run: " + e.getMessage());
    }
  }
}
