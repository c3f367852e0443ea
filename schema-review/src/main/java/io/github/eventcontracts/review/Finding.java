package io.github.eventcontracts.review;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.SubjectCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a review, whatever the format: a breaking or compatible difference, the registry's
 * own verdict, or a lint finding.
 *
 * @param subject the subject it belongs to, or null for lint findings
 * @param advice why it matters and how to fix it, or empty
 */
public record Finding(String ruleId, Severity severity, String file, int line, int column, String path, String message,
    String advice, String subject) {

  public static final String REGISTRY_INCOMPATIBLE = "REGISTRY_INCOMPATIBLE";

  /** Breaking differences first (by subject order), then the registry's verdicts, compatible ones, lint. */
  public static List<Finding> of(CheckReport report) {
    List<Finding> breaking = new ArrayList<>();
    List<Finding> remote = new ArrayList<>();
    List<Finding> compatible = new ArrayList<>();
    for (SubjectCheck check : report.subjects()) {
      String subject = check.subject().subject();
      if (check.result() != null) {
        for (Difference d : check.result().differences()) {
          (d.compatible() ? compatible : breaking).add(of(d, check.result().level(), subject));
        }
      }
      check.remote().filter(r -> !r.compatible()).ifPresent(r -> remote.add(new Finding(REGISTRY_INCOMPATIBLE,
          Severity.ERROR, check.subject().contract().file(), 1, 1, "", r.source() + " says subject '" + subject
              + "' is incompatible: " + String.join("; ", r.messages()), "the registry refuses this version; "
              + "fix the differences it lists", subject)));
    }
    List<Finding> out = new ArrayList<>(breaking);
    out.addAll(remote);
    out.addAll(compatible);
    report.lint().forEach(d -> out.add(of(d)));
    return out;
  }

  /** A difference found under {@code level}: an error when it breaks readers, else info. */
  public static Finding of(Difference d, CompatibilityLevel level, String subject) {
    return new Finding(d.type().id(), d.compatible() ? Severity.INFO : Severity.ERROR, d.file(), d.line(), d.column(),
        d.path(), d.message() + " (" + (d.compatible() ? "compatible" : "incompatible") + " under " + level + ")",
        d.type().adviceAt(d.path()), subject);
  }

  /** A lint finding. */
  public static Finding of(Diagnostic d) {
    return new Finding(d.ruleId(), d.severity(), d.file(), d.line(), d.column(), d.path(), d.message(), "", null);
  }

  public String position() {
    return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
  }
}
