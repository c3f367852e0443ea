package io.github.eventcontracts.maven.goal;

import java.util.ArrayList;
import java.util.List;

/** A goal log that keeps what a service said, as {@code LEVEL message} lines (debug left out). */
final class RecordingLog implements GoalLog {
  final List<String> lines = new ArrayList<>();

  @Override
  public void debug(String message) {}

  @Override
  public void info(String message) {
    lines.add("INFO " + message);
  }

  @Override
  public void warn(String message) {
    lines.add("WARN " + message);
  }

  @Override
  public void error(String message) {
    lines.add("ERROR " + message);
  }
}
