package io.github.eventcontracts.review;

import io.github.eventcontracts.core.compat.AvroChanges;
import io.github.eventcontracts.core.compat.Comparison;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.compat.Direction;
import io.github.eventcontracts.core.compat.ProtobufDifferenceType;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.SubjectCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a review, whatever the format: a breaking or compatible difference, the registry's
 * own verdict, or a lint finding.
 *
 * @param file a file of the repository, relative to its root as the project names it
 * @param subject the subject it belongs to, or null for lint findings
 * @param advice why it matters and how to fix it, or empty
 * @param direction BACKWARD (new readers, old data) or FORWARD (old readers, new data) for a
 *     difference from a comparison, else null
 * @param against the previous version a difference was found against, else null
 */
public record Finding(String ruleId, Severity severity, String file, int line, int column, String path, String message,
    String advice, String subject, Direction direction, String against) {

  public static final String REGISTRY_INCOMPATIBLE = "REGISTRY_INCOMPATIBLE";
  /** The baseline answered something unexpected about a contract: unchecked (error) or without its second verdict (warning). */
  public static final String BASELINE_ERROR = "BASELINE_ERROR";

  /** A baseline file read from git, as GitBaseline names it: {@code git:<commit>:<path>}. */
  private static final Pattern GIT_FILE = Pattern.compile("git:[0-9a-f]+:(.+)");

  /**
   * Breaking differences first (by subject order), then the registry's verdicts, compatible ones
   * (Avro's edits included, which Avro's check does not list), lint.
   */
  public static List<Finding> of(CheckReport report) {
    List<Finding> breaking = new ArrayList<>();
    List<Finding> remote = new ArrayList<>();
    List<Finding> compatible = new ArrayList<>();
    for (SubjectCheck check : report.subjects()) {
      String subject = check.subject().subject();
      if (check.result() != null) {
        CompatibilityLevel level = check.result().level();
        for (Comparison comparison : check.result().comparisons()) {
          for (Difference d : comparison.differences()) {
            (d.compatible() ? compatible : breaking).add(of(d, level, subject, comparison));
          }
        }
      }
      if (check.status() == ChangeStatus.CHANGED && check.subject().contract().type() == SchemaType.AVRO
          && check.result() != null && !check.result().comparisons().isEmpty()) {
        compatible.addAll(avroEdits(check));
      }
      check.remote().filter(r -> !r.compatible()).ifPresent(r -> remote.add(new Finding(REGISTRY_INCOMPATIBLE,
          Severity.ERROR, check.subject().contract().file(), 1, 1, "", r.source() + " says subject '" + subject
              + "' is incompatible: " + String.join("; ", r.messages()), "the registry refuses this version; "
              + "fix the differences it lists", subject, null, null)));
      check.remote().filter(r -> r.error() != null).ifPresent(r -> remote.add(baselineError(check, r)));
    }
    List<Finding> out = new ArrayList<>(breaking);
    out.addAll(remote);
    out.addAll(compatible);
    report.lint().forEach(d -> out.add(of(d)));
    return out;
  }

  private static Finding baselineError(SubjectCheck check, io.github.eventcontracts.core.project.RemoteVerdict r) {
    boolean unchecked = check.status() == ChangeStatus.UNCHECKED;
    String subject = check.subject().subject();
    return new Finding(BASELINE_ERROR, unchecked ? Severity.ERROR : Severity.WARNING, check.subject().contract().file(),
        1, 1, "", (unchecked ? "subject '" + subject + "' could not be checked against " : "the own check of subject '"
            + subject + "' by ") + r.source() + ": " + r.error(),
        unchecked ? "the baseline's answer is shown as it came; fix what it names (or the baseline), then run again"
            : "this tool's own verdict stands; the registry's second opinion is missing", subject, null, null);
  }

  /** The edits since the latest previous version, as compatible findings. */
  private static List<Finding> avroEdits(SubjectCheck check) {
    Comparison latest = check.result().comparisons().get(0); // newest version first
    Contract now = check.subject().contract();
    List<Finding> out = new ArrayList<>();
    Contract previous = check.previousLatest();
    if (previous == null || previous.type() != SchemaType.AVRO) {
      return out;
    }
    for (Difference d : AvroChanges.between(previous.avro(), previous.file(), now.avro(), now.file())) {
      out.add(of(d, check.result().level(), check.subject().subject(), new Comparison(latest.previousIndex(),
          latest.previousLabel(), null, List.of())));
    }
    return out;
  }

  /** A difference found under {@code level}: an error when it breaks readers, else info. */
  public static Finding of(Difference d, CompatibilityLevel level, String subject) {
    return of(d, level, subject, null);
  }

  private static Finding of(Difference d, CompatibilityLevel level, String subject, Comparison comparison) {
    String file = d.file();
    int line = d.line();
    int column = d.column();
    String where = "";
    Matcher inGit = GIT_FILE.matcher(file);
    if (inGit.matches()) {
      // An element only the old version has: annotate the file as the repository has it now, and
      // say where the element was.
      where = " (it was at " + file + (line > 0 ? ":" + line : "") + ")";
      file = inGit.group(1);
      line = 0;
      column = 0;
    }
    String verdict = d.type().id().startsWith("AVRO_") ? "" : " (" + (d.compatible() ? "compatible" : "incompatible")
        + " under " + level + ")";
    return new Finding(d.type().id(), d.compatible() ? Severity.INFO : Severity.ERROR, file, line, column, d.path(),
        d.message() + where + verdict, advice(d), subject, comparison == null ? null : comparison.direction(),
        comparison == null ? null : comparison.previousLabel());
  }

  /**
   * The difference type's advice, except where the type says more than happened: a field whose type
   * kept its name, the break being inside that type's own file, needs no new field.
   */
  private static String advice(Difference d) {
    if (d.type() == ProtobufDifferenceType.FIELD_NAMED_TYPE_CHANGED && d.message().contains("which changed incompatibly")) {
      return "the field itself is unchanged; the break is inside the type it uses (listed above, in the file that "
          + "defines it): fix it there";
    }
    return d.type().adviceAt(d.path());
  }

  /** A lint finding. */
  public static Finding of(Diagnostic d) {
    return new Finding(d.ruleId(), d.severity(), d.file(), d.line(), d.column(), d.path(), d.message(), "", null, null,
        null);
  }

  public String position() {
    return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
  }

  /** Who cannot read whom, in the reviewer's words. */
  public String consequence() {
    if (direction == null) {
      return "";
    }
    return direction == Direction.BACKWARD ? "consumers on the new schema cannot read data written with " + against
        : "consumers still on " + against + " cannot read data written with the new schema";
  }
}
