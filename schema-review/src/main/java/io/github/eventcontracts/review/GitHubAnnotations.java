package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.CheckReport;
import java.util.List;

/** GitHub Actions workflow commands ({@code ::error file=…,line=…::message}) that annotate the diff. */
public final class GitHubAnnotations {
  private GitHubAnnotations() {}

  public static List<String> render(CheckReport report) {
    return Finding.of(report).stream()
        .filter(f -> f.severity() != Severity.INFO)
        .map(f -> "::" + (f.severity() == Severity.ERROR ? "error" : "warning")
            + " file=" + property(f.file().replace('\\', '/'))
            + (f.line() > 0 ? ",line=" + f.line() : "") + (f.column() > 0 ? ",col=" + f.column() : "")
            + ",title=" + property(f.ruleId())
            + "::" + data((f.path().isEmpty() ? "" : f.path() + " ") + f.message()
                + (f.advice().isEmpty() ? "" : "\nFix: " + f.advice())))
        .toList();
  }

  private static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
