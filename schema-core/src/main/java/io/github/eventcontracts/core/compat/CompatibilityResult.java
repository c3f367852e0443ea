package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.diag.Diagnostic;
import java.util.List;

/** The verdict for one new schema under one level, with every comparison made to reach it. */
public record CompatibilityResult(CompatibilityLevel level, List<Comparison> comparisons) {
  public CompatibilityResult {
    comparisons = List.copyOf(comparisons);
  }

  /** NONE accepts anything; other levels need every comparison to be free of breaking differences. */
  public boolean compatible() {
    return level == CompatibilityLevel.NONE || comparisons.stream().allMatch(Comparison::compatible);
  }

  public List<Difference> differences() {
    return comparisons.stream().flatMap(c -> c.differences().stream()).toList();
  }

  public List<Difference> incompatibilities() {
    return differences().stream().filter(d -> !d.compatible()).toList();
  }

  public List<Diagnostic> diagnostics() {
    return differences().stream().map(d -> d.toDiagnostic(level)).toList();
  }
}
