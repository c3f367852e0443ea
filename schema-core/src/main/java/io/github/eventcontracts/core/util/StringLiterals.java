package io.github.eventcontracts.core.util;

/** Double-quoted string literals for the C-like languages we write (Java source, .proto text). */
public final class StringLiterals {
  private StringLiterals() {}

  /** Java: other control and non-ASCII characters as {@code \}{@code uXXXX}, so sources stay ASCII. */
  public static String java(String text) {
    return quote(text, true);
  }

  /** Protobuf text: other control characters as octal escapes, as protoc prints them; UTF-8 kept. */
  public static String proto(String text) {
    return quote(text, false);
  }

  private static String quote(String text, boolean java) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (java && (c < 0x20 || c > 0x7e)) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (!java && c < 0x20) {
            out.append(String.format("\\%03o", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
