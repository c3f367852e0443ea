package io.github.eventcontracts.core.lint;

import io.github.eventcontracts.core.diag.Severity;
import java.util.Map;
import java.util.Set;

/**
 * Which rules run and how much they matter.
 *
 * @param disabled rule IDs switched off
 * @param severities severity overrides by rule ID
 */
public record LintConfig(Set<String> disabled, Map<String, Severity> severities) {
  public static final LintConfig DEFAULTS = new LintConfig(Set.of(), Map.of());

  public LintConfig {
    disabled = Set.copyOf(disabled);
    severities = Map.copyOf(severities);
  }
}
