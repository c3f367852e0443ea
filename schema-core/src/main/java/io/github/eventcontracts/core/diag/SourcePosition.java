package io.github.eventcontracts.core.diag;

/** A 1-based line and column in a file; 0 means unknown. */
public record SourcePosition(int line, int column) {
  public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

  public boolean known() {
    return line > 0;
  }
}
