package io.github.eventcontracts.rules;

import com.api.jsonata4java.expressions.EvaluateException;
import com.api.jsonata4java.expressions.Expressions;
import com.api.jsonata4java.expressions.ParseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.registry.client.Rule;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs JSONATA rules (migrations between major versions) as Confluent's executor does: the record as
 * JSON in, the expression's JSON out. Each expression is parsed once.
 */
public final class JsonataRules {
  private static final Map<String, Expressions> PARSED = new ConcurrentHashMap<>();

  private JsonataRules() {}

  public static JsonNode transform(Rule rule, JsonNode message) throws RuleFailure {
    Expressions expression;
    try {
      expression = PARSED.computeIfAbsent(rule.expr(), JsonataRules::parse);
    } catch (IllegalArgumentException e) {
      throw new RuleFailure("rule " + rule.name() + ": " + e.getMessage(), e);
    }
    try {
      // one evaluation at a time per parsed expression: JSONata4Java's evaluator keeps state
      return expression.evaluateSynced(message);
    } catch (EvaluateException | RuntimeException e) {
      throw new RuleFailure("rule " + rule.name() + ": JSONata failed: " + e.getMessage(), e);
    }
  }

  private static Expressions parse(String expr) {
    try {
      return Expressions.parse(expr);
    } catch (ParseException | IOException | RuntimeException e) {
      throw new IllegalArgumentException("JSONata expression does not parse: " + e.getMessage());
    }
  }
}
