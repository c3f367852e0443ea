package io.github.eventcontracts.core.project;

import java.util.List;

/**
 * A baseline's own compatibility verdict, e.g. the registry's {@code /compatibility} answer.
 *
 * @param error why the baseline could not give a verdict (some registries refuse to check schemas
 *     with references), or null when it gave one; an error leaves our own engine's verdict alone
 */
public record RemoteVerdict(String source, boolean compatible, List<String> messages, String error) {
  public RemoteVerdict {
    messages = List.copyOf(messages);
  }

  public RemoteVerdict(String source, boolean compatible, List<String> messages) {
    this(source, compatible, messages, null);
  }

  /** The baseline was asked and could not answer: no verdict, the reason kept for the log. */
  public static RemoteVerdict unavailable(String source, String error) {
    return new RemoteVerdict(source, true, List.of(), error);
  }
}
