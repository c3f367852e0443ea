package io.github.eventcontracts.rules;

import dev.cel.common.CelValidationResult;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
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
 * field transform's result replaces the field's value. Values are bound as Confluent binds them:
 * Avro records as maps, Protobuf messages as themselves (typed by their descriptors); each
 * expression is compiled once per binding.
 */
public final class CelRules {
  /** A compiler and runtime for one kind of binding, with the programs compiled in it. */
  private record Env(CelCompiler compiler, CelRuntime runtime, Map<String, CelRuntime.Program> programs) {
    Env(CelCompiler compiler, CelRuntime runtime) {
      this(compiler, runtime, new ConcurrentHashMap<>());
    }
  }

  private static final CelRuntime RUNTIME = CelEnvironment.runtime();
  private static final Env DOMAIN = new Env(CelEnvironment.compiler().addVar("message", SimpleType.DYN).build(), RUNTIME);
  private static final Env FIELD = new Env(CelEnvironment.fieldVariables(CelEnvironment.compiler()).build(), RUNTIME);
  /**
   * Per Protobuf message type, as Confluent's executor binds one: {@code message} is the message
   * itself, typed by its descriptor in a domain rule; the runtime knows the type for field rules too.
   */
  private static final Map<Descriptor, Env[]> PROTOBUF = new ConcurrentHashMap<>();

  private CelRules() {}

  /** A CEL rule on the whole record: a condition's verdict, or a transform's new record. */
  public static Object onMessage(Rule rule, Object message) throws RuleFailure {
    Map<String, Object> vars = new HashMap<>();
    vars.put("message", message);
    return guarded(rule, vars, message instanceof Message m ? protobuf(m.getDescriptorForType())[0] : DOMAIN, message);
  }

  /**
   * A CEL_FIELD rule on one field: a condition's verdict, or the field's new value.
   *
   * @param typeName Confluent's name of the field's type: STRING, INT, LONG, DOUBLE, BOOLEAN, ...
   * @param message the record holding the field: a map for Avro, the message itself for Protobuf
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
    return guarded(rule, vars, message instanceof Message m ? protobuf(m.getDescriptorForType())[1] : FIELD, value);
  }

  private static Env[] protobuf(Descriptor type) {
    return PROTOBUF.computeIfAbsent(type, t -> {
      CelRuntime runtime = CelEnvironment.runtimeBuilder().addMessageTypes(t).build();
      StructTypeReference messageType = StructTypeReference.create(t.getFullName());
      return new Env[] {
          new Env(CelEnvironment.compiler().addMessageTypes(t).addVar("message", messageType).build(), runtime),
          // a field rule's message stays dyn, as the build checks it: the field's record varies
          new Env(CelEnvironment.fieldVariables(CelEnvironment.compiler().addMessageTypes(t)).build(), runtime)};
    });
  }

  private static Object guarded(Rule rule, Map<String, Object> vars, Env env, Object unchanged)
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
          passes = evaluate(rule, guard, vars, env);
        } catch (RuleFailure e) {
          passes = false; // as Confluent: a guard that fails is false
        }
        if (!Boolean.TRUE.equals(passes)) {
          return rule.kind() == Rule.Kind.CONDITION ? Boolean.TRUE : unchanged;
        }
      }
    }
    return evaluate(rule, expr, vars, env);
  }

  private static Object evaluate(Rule rule, String expr, Map<String, Object> vars, Env env) throws RuleFailure {
    CelRuntime.Program program;
    try {
      program = env.programs().computeIfAbsent(expr, key -> compile(expr, env));
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

  private static CelRuntime.Program compile(String expr, Env env) {
    CelValidationResult result = env.compiler().compile(expr);
    if (result.hasError()) {
      throw new IllegalArgumentException("CEL expression '" + expr.trim() + "' does not compile: "
          + result.getErrors().get(0).getMessage());
    }
    try {
      return env.runtime().createProgram(result.getAst());
    } catch (Exception e) {
      throw new IllegalArgumentException("CEL expression '" + expr.trim() + "' cannot run: " + e.getMessage());
    }
  }
}
