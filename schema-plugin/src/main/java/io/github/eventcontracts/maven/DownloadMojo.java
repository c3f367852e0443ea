package io.github.eventcontracts.maven;

import io.github.eventcontracts.registry.client.RegistryException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.maven.plugin.MojoFailureException;
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
  void run() throws MojoFailureException {
    Pattern pattern;
    try {
      pattern = subjectPattern == null || subjectPattern.isBlank() ? null : Pattern.compile(subjectPattern);
    } catch (PatternSyntaxException e) {
      throw new MojoFailureException("schema.download.subjectPattern is not a regular expression: " + e.getMessage());
    }
    File folder = downloadDirectory != null ? downloadDirectory : schemaDirectory;
    List<SchemaDownloader.File> files;
    try {
      files = new SchemaDownloader(registryClient()).plan(subjects, pattern);
    } catch (RegistryException e) {
      throw new MojoFailureException("Cannot download from the registry: " + e.getMessage(), e);
    }
    List<String> skipped = new ArrayList<>();
    List<String> written = SchemaDownloader.write(files, folder.toPath().toAbsolutePath(), overwrite, skipped);
    for (SchemaDownloader.File f : files) {
      getLog().info((skipped.contains(f.path()) ? "KEPT         " : "DOWNLOADED   ") + f.subject() + " version "
          + f.version() + " -> " + f.path() + (f.sidecar() != null ? " (+ .properties)" : ""));
    }
    getLog().info(written.size() + " file(s) written to " + folder + (skipped.isEmpty() ? ""
        : "; " + skipped.size() + " kept because they differ (-Dschema.download.overwrite=true replaces them)"));
  }
}
