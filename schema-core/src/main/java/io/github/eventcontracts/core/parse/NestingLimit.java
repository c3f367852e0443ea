package io.github.eventcontracts.core.parse;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;

/**
 * Refuses contracts nested deeper than {@value #MAX_DEPTH} levels ({@code {} and {@code [}, outside
 * strings and comments: messages in messages, option literals, Avro records in records) before a
 * recursive parser sees them: thousands of levels would overflow its stack, and a server thread
 * would die with the request. Real contracts nest a handful of levels.
 */
public final class NestingLimit {
  public static final int MAX_DEPTH = 64;

  private NestingLimit() {}

  /** Throws a {@link ContractException} at the line and column where the text first nests too deeply. */
  public static void check(SourceFile source) {
    String text = source.text();
    int depth = 0;
    int line = 1;
    int column = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      column++;
      if (c == '\n') {
        line++;
        column = 0;
        lineComment = false;
        continue;
      }
      if (lineComment) {
        continue;
      }
      if (blockComment) {
        if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
          blockComment = false;
          i++;
          column++;
        }
        continue;
      }
      if (quote != 0) {
        if (c == '\\') {
          i++;
          column++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '/' -> {
          if (i + 1 < text.length() && text.charAt(i + 1) == '/') {
            lineComment = true;
          } else if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
            blockComment = true;
            i++;
            column++;
          }
        }
        case '{', '[' -> {
          if (++depth > MAX_DEPTH) {
            throw new ContractException(new Diagnostic(ParseErrors.NESTING_TOO_DEEP, Severity.ERROR,
                source.displayPath(), line, column, "", "nested more than " + MAX_DEPTH + " levels deep here; "
                    + "flatten the schema (define nested types at the top level and refer to them)"));
          }
        }
        case '}', ']' -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
  }
}
