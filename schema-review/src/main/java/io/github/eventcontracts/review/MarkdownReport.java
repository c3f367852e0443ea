package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.SubjectCheck;
import java.util.List;

/** A review fit for a pull-request comment: a table of contracts, then each breaking difference with its fix. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(CheckReport report) {
    List<Finding> findings = Finding.of(report);
    StringBuilder md = new StringBuilder("## Event contract review\n\n");
    long broken = report.incompatible().size();
    md.append("Compared with **").append(escape(report.baseline())).append("**. ");
    md.append(broken == 0 ? "✅ All " + report.subjects().size() + " subject(s) are compatible."
        : "❌ " + broken + " of " + report.subjects().size() + " subject(s) break compatibility.").append("\n\n");
    md.append("| Contract | Subject | Status | Level | Verdict |\n|---|---|---|---|---|\n");
    for (SubjectCheck check : report.subjects()) {
      md.append("| `").append(cell(check.subject().contract().file())).append("` | `").append(cell(check.subject().subject()))
          .append("` | ").append(check.status()).append(" | ").append(check.subject().level()).append(" | ")
          .append(verdict(check)).append(" |\n");
    }
    for (String removed : report.removed()) {
      md.append("| `").append(cell(removed)).append("` | — | REMOVED | — | ℹ️ removed (the subject keeps its versions) |\n");
    }
    for (SubjectCheck check : report.incompatible()) {
      md.append("\n### ❌ `").append(check.subject().subject()).append("`\n\n");
      for (Finding f : findings) {
        if (check.subject().subject().equals(f.subject()) && f.severity() == Severity.ERROR) {
          md.append("- **`").append(f.position()).append("`** `").append(f.ruleId()).append("`")
              .append(f.path().isEmpty() ? "" : " at `" + f.path() + "`").append(": ").append(escape(f.message()))
              .append("\n");
          if (!f.advice().isEmpty()) {
            md.append("  - Why it breaks consumers, and the fix: ").append(escape(f.advice())).append("\n");
          }
        }
      }
    }
    List<Finding> compatible = findings.stream().filter(f -> f.subject() != null && f.severity() == Severity.INFO).toList();
    if (!compatible.isEmpty()) {
      md.append("\n<details><summary>Compatible changes (").append(compatible.size()).append(")</summary>\n\n");
      for (Finding f : compatible) {
        md.append("- `").append(f.position()).append("` `").append(f.ruleId()).append("` ").append(escape(f.message()))
            .append("\n");
      }
      md.append("\n</details>\n");
    }
    List<Finding> lint = findings.stream().filter(f -> f.subject() == null).toList();
    if (!lint.isEmpty()) {
      md.append("\n### Lint\n\n");
      for (Finding f : lint) {
        md.append("- `").append(f.position()).append("` `").append(f.ruleId()).append("` (")
            .append(f.severity().label()).append("): ").append(escape(f.message())).append("\n");
      }
    }
    return md.toString();
  }

  private static String verdict(SubjectCheck check) {
    if (check.status() == ChangeStatus.NEW) {
      return "✅ new";
    }
    if (check.status() == ChangeStatus.UNCHANGED) {
      return "✅ unchanged";
    }
    if (check.compatible()) {
      return "✅ compatible";
    }
    long breaking = check.result() == null ? 0 : check.result().incompatibilities().size();
    boolean registry = check.remote().map(r -> !r.compatible()).orElse(false);
    return "❌ incompatible" + (breaking > 0 ? " (" + breaking + ")" : "") + (registry ? ", registry agrees" : "");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("`", "'");
  }

  private static String escape(String text) {
    return text.replace("<", "&lt;").replace(">", "&gt;");
  }
}
