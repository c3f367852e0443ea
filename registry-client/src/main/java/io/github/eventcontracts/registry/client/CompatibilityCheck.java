package io.github.eventcontracts.registry.client;

import java.util.List;

/** The registry's answer to a compatibility test; {@code messages} explain an incompatibility (verbose). */
public record CompatibilityCheck(boolean compatible, List<String> messages) {
  public CompatibilityCheck {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
