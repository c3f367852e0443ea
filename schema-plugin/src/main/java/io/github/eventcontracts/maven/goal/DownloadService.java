package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.registry.client.RegistryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The download goal: the latest registered version of subjects (listed, or matching a regular
 * expression) and every schema they reference, written into a schemas folder laid out so that
 * validate, check and register work on it at once and register finds everything unchanged.
 */
public final class DownloadService {
  /**
   * @param subjectPattern a regular expression; every subject matching it is downloaded too
   * @param overwrite replace files that exist with other content (by default they are kept)
   */
  public record Request(RegistryTarget registry, List<String> subjects, String subjectPattern, Path folder,
      boolean overwrite) {}

  private final Request request;
  private final GoalLog log;

  public DownloadService(Request request, GoalLog log) {
    this.request = request;
    this.log = log;
  }

  public void run() {
    Pattern pattern;
    try {
      String regex = request.subjectPattern();
      pattern = regex == null || regex.isBlank() ? null : Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new GoalFailure("schema.download.subjectPattern is not a regular expression: " + e.getMessage());
    }
    List<SchemaDownloader.File> files;
    try {
      files = new SchemaDownloader(request.registry().client()).plan(request.subjects(), pattern);
    } catch (RegistryException e) {
      throw new GoalFailure("Cannot download from the registry: " + e.getMessage(), e);
    }
    List<String> skipped = new ArrayList<>();
    List<String> written = SchemaDownloader.write(files, request.folder().toAbsolutePath(), request.overwrite(), skipped);
    for (SchemaDownloader.File f : files) {
      log.info((skipped.contains(f.path()) ? "KEPT         " : "DOWNLOADED   ") + f.subject() + " version "
          + f.version() + " -> " + f.path() + (f.sidecar() != null ? " (+ .properties)" : ""));
    }
    log.info(written.size() + " file(s) written to " + request.folder() + (skipped.isEmpty() ? ""
        : "; " + skipped.size() + " kept because they differ (-Dschema.download.overwrite=true replaces them)"));
  }
}
