package io.github.eventcontracts.core.project;

import java.util.List;

/** A baseline's own compatibility verdict, e.g. the registry's {@code /compatibility} answer. */
public record RemoteVerdict(String source, boolean compatible, List<String> messages) {
  public RemoteVerdict {
    messages = List.copyOf(messages);
  }
}
