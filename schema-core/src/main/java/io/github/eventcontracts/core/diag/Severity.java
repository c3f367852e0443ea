package io.github.eventcontracts.core.diag;

import java.util.Locale;

/** How much a diagnostic matters. Builds fail on {@link #ERROR}. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("WARN")) {
      return WARNING;
    }
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("unknown severity '" + text + "': use info, warning or error");
    }
  }
}
