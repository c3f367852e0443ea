package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.diag.Diagnostic;
import java.util.List;

/** Where a goal's service reports what it does; the mojo hands it Maven's log. */
public interface GoalLog {
  void debug(String message);

  void info(String message);

  void warn(String message);

  void error(String message);

  /** Each finding at its own severity, as {@code file:line:col RULE message}. */
  default void diagnostics(List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      switch (d.severity()) {
        case ERROR -> error(d.format());
        case WARNING -> warn(d.format());
        case INFO -> info(d.format());
      }
    }
  }
}
