package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.DownloadService;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pulls the latest registered version of subjects (listed, or matching a regular expression) and
 * every schema they reference into a schemas folder, laid out so that validate, check and register
 * work on it at once and register finds everything unchanged. Bootstraps {@code schemas/} from a
 * running registry.
 */
@Mojo(name = "download", threadSafe = true)
public class DownloadMojo extends AbstractRegistryMojo {
  /** Subjects to download. */
  @Parameter(property = "schema.download.subjects")
  List<String> subjects = new ArrayList<>();

  /** A regular expression; every subject matching it is downloaded too. */
  @Parameter(property = "schema.download.subjectPattern")
  String subjectPattern;

  /** Where the files go; default the schemas folder. */
  @Parameter(property = "schema.download.directory")
  File downloadDirectory;

  /** Replace files that exist with other content (by default they are kept and reported). */
  @Parameter(property = "schema.download.overwrite", defaultValue = "false")
  boolean overwrite;

  @Override
  boolean needsSchemaFolder() {
    return false;
  }

  @Override
  void run() {
    File folder = downloadDirectory != null ? downloadDirectory : schemaDirectory;
    new DownloadService(new DownloadService.Request(registryTarget(), subjects, subjectPattern, folder.toPath(),
        overwrite), log()).run();
  }
}
