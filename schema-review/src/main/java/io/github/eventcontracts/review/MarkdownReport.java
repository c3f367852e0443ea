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
    long lintErrors = report.errors().size();
    md.append("Compared with **").append(escape(report.baseline())).append("**. ");
    md.append(broken == 0 ? (lintErrors == 0 ? "✅ " : "") + "All " + report.subjects().size()
        + " subject(s) are compatible." : "❌ " + broken + " of " + report.subjects().size()
        + " subject(s) break compatibility.");
    if (lintErrors > 0) {
      md.append(" ❌ ").append(lintErrors).append(" contract error(s) must be fixed (see Lint).");
    }
    md.append("\n\n");
    md.append("| Contract | Subject | Status | Level | Verdict |\n|---|---|---|---|---|\n");
    for (SubjectCheck check : report.subjects()) {
      md.append("| `").append(cell(check.subject().contract().file())).append("` | `").append(cell(check.subject().subject()))
          .append("` | ").append(check.status()).append(" | ").append(check.subject().level()).append(" | ")
          .append(verdict(check, errorsIn(report, check.subject().contract().file()))).append(" |\n");
    }
    for (String removed : report.removed()) {
      md.append("| `").append(cell(removed)).append("` | — | REMOVED | — | ℹ️ removed (the subject keeps its versions) |\n");
    }
    for (SubjectCheck check : report.incompatible()) {
      md.append("\n### ❌ `").append(check.subject().subject()).append("`\n\n");
      List<Finding> mine = findings.stream()
          .filter(f -> check.subject().subject().equals(f.subject()) && f.severity() == Severity.ERROR).toList();
      for (List<Finding> edit : byEdit(mine)) {
        Finding first = edit.get(0);
        md.append("- **`").append(first.position()).append("`** ").append(escape(first.message())).append("\n");
        List<String> consequences = edit.stream().map(Finding::consequence).filter(c -> !c.isEmpty()).distinct().toList();
        if (!consequences.isEmpty()) {
          md.append("  - Breaks: ").append(escape(String.join("; ", consequences))).append("\n");
        }
        md.append("  - ").append(edit.stream().map(f -> "`" + f.ruleId() + "`" + (f.path().isEmpty() ? "" : " at `"
            + f.path() + "`")).distinct().collect(java.util.stream.Collectors.joining(", "))).append("\n");
        edit.stream().map(Finding::advice).filter(a -> !a.isEmpty()).findFirst().ifPresent(advice ->
            md.append("  - Why it breaks consumers, and the fix: ").append(escape(advice)).append("\n"));
      }
    }
    List<Finding> compatible = findings.stream().filter(f -> f.subject() != null && f.severity() == Severity.INFO).toList();
    if (!compatible.isEmpty()) {
      List<List<Finding>> edits = byEdit(compatible);
      md.append("\n<details><summary>Compatible changes (").append(edits.size()).append(")</summary>\n\n");
      for (List<Finding> edit : edits) {
        Finding first = edit.get(0);
        md.append("- `").append(first.position()).append("` `").append(first.ruleId()).append("` ")
            .append(escape(first.message())).append("\n");
      }
      md.append("\n</details>\n");
    }
    if (!report.contractChanges().isEmpty()) {
      md.append("\n### Data contracts\n\n");
      for (CheckReport.ContractChange change : report.contractChanges()) {
        md.append("- `").append(cell(change.subject())).append("` (`").append(cell(change.file())).append("`): ")
            .append(escapeOutsideCode(change.change())).append("\n");
      }
    }
    List<Finding> lint = findings.stream().filter(f -> f.subject() == null).toList();
    if (!lint.isEmpty()) {
      md.append("\n### Lint\n\n");
      for (Finding f : lint) {
        md.append("- ").append(f.severity() == Severity.ERROR ? "❌ " : "").append("`").append(f.position())
            .append("` `").append(f.ruleId()).append("` (").append(f.severity().label()).append("): ")
            .append(escape(f.message())).append("\n");
      }
    }
    return md.toString();
  }

  /**
   * Findings grouped by the edit they are about: one place in the new file (or one message, for an
   * element only the old version had), whatever direction and previous version found it. The
   * BACKWARD finding leads, as its wording reads old to new.
   */
  private static List<List<Finding>> byEdit(List<Finding> findings) {
    java.util.Map<String, List<Finding>> groups = new java.util.LinkedHashMap<>();
    for (Finding f : findings) {
      String key = f.subject() + "|" + f.file() + ":" + f.line() + ":" + f.column() + (f.line() > 0 ? "" : "|" + f.message());
      groups.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(f);
    }
    List<List<Finding>> out = new java.util.ArrayList<>();
    for (List<Finding> group : groups.values()) {
      List<Finding> ordered = new java.util.ArrayList<>(group);
      ordered.sort(java.util.Comparator.comparing(f -> f.direction() == io.github.eventcontracts.core.compat.Direction.FORWARD));
      out.add(ordered);
    }
    return out;
  }

  private static long errorsIn(CheckReport report, String file) {
    return report.errors().stream().filter(d -> file.equals(d.file())).count();
  }

  private static String verdict(SubjectCheck check, long lintErrors) {
    if (lintErrors > 0) {
      return "❌ " + lintErrors + " lint error(s)" + (check.compatible() ? "" : ", incompatible");
    }
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

  /** Escapes the text between code spans; inside them a reader sees the characters as written. */
  private static String escapeOutsideCode(String text) {
    String[] parts = text.split("`", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      out.append(i % 2 == 0 ? escape(parts[i]) : parts[i]);
      if (i < parts.length - 1) {
        out.append('`');
      }
    }
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("<", "&lt;").replace(">", "&gt;");
  }
}
