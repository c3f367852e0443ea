package io.github.eventcontracts.review;

import io.github.eventcontracts.core.project.CheckReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes every report format of a review into one folder. */
public final class ReviewWriter {
  public static final List<String> FILES = List.of("report.md", "report.sarif", "report.json", JUnitReport.FILE_NAME);

  private ReviewWriter() {}

  /** Returns the files written. */
  public static List<Path> write(CheckReport report, Path directory, String toolVersion) {
    try {
      Files.createDirectories(directory);
      Path md = Files.writeString(directory.resolve("report.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
      Path sarif = Files.writeString(directory.resolve("report.sarif"), SarifReport.render(report, toolVersion),
          StandardCharsets.UTF_8);
      Path json = Files.writeString(directory.resolve("report.json"), JsonReport.render(report), StandardCharsets.UTF_8);
      Path junit = Files.writeString(directory.resolve(JUnitReport.FILE_NAME), JUnitReport.render(report),
          StandardCharsets.UTF_8);
      return List.of(md, sarif, json, junit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the review to " + directory + ": " + e.getMessage(), e);
    }
  }
}
