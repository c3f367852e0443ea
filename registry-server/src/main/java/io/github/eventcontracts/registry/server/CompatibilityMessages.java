package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.compat.Comparison;
import io.github.eventcontracts.core.compat.Difference;
import java.util.ArrayList;
import java.util.List;

/** A compatibility result in the words Confluent's registry answers with (409 details, {@code verbose=true}). */
final class CompatibilityMessages {
  private CompatibilityMessages() {}

  /** Confluent's verbose messages: one per breaking difference, then the version and level. */
  static List<String> of(CompatibilityResult result, List<RegistryService.Version> against) {
    List<String> out = new ArrayList<>();
    for (Comparison comparison : result.comparisons()) {
      if (comparison.compatible()) {
        continue;
      }
      for (Difference d : comparison.differences()) {
        if (!d.compatible()) {
          out.add("{errorType:'" + d.type().id() + "', description:'" + d.message() + " at path '" + d.path() + "'"
              + (d.line() > 0 ? " (line " + d.line() + ")" : "") + " [" + comparison.direction() + "]'}");
        }
      }
      out.add("{oldSchemaVersion: " + against.get(comparison.previousIndex()).version() + "}");
    }
    out.add("{compatibility: '" + result.level() + "'}");
    return out;
  }
}
