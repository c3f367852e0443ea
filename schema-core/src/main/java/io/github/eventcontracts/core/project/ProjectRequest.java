package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to turn a schemas folder into subjects. Built by the Maven plugin from its
 * parameters, or by tests and tools directly.
 *
 * @param schemaDirectory the schemas folder
 * @param displayRoot how diagnostics name the folder (e.g. {@code schemas})
 * @param includes globs of files to take (empty: every .avsc and .proto)
 * @param excludes globs of files to leave out
 * @param strategy how subjects are named
 * @param defaultLevel the level of subjects without one of their own
 * @param settings per-contract settings from configuration, matched by path
 * @param importRoots extra folders for proto imports
 * @param referenceSubjects how contracts that are only referenced are named
 * @param libraries other modules' published contracts this folder's contracts may reference
 * @param sharedTypesOnly every contract is a shared type (a module publishing types for other
 *     modules): each gets its reference subject, none is an event
 */
public record ProjectRequest(Path schemaDirectory, String displayRoot, List<String> includes, List<String> excludes,
    SubjectNamingStrategy strategy, CompatibilityLevel defaultLevel, List<ContractSettings> settings,
    List<Path> importRoots, ReferenceSubjects referenceSubjects, List<SchemaLibrary> libraries,
    boolean sharedTypesOnly) {
  public ProjectRequest {
    includes = includes == null ? List.of() : List.copyOf(includes);
    excludes = excludes == null ? List.of() : List.copyOf(excludes);
    settings = settings == null ? List.of() : List.copyOf(settings);
    importRoots = importRoots == null ? List.of() : List.copyOf(importRoots);
    referenceSubjects = referenceSubjects == null ? ReferenceSubjects.NAME : referenceSubjects;
    libraries = libraries == null ? List.of() : List.copyOf(libraries);
  }

  public ProjectRequest(Path schemaDirectory, String displayRoot, List<String> includes, List<String> excludes,
      SubjectNamingStrategy strategy, CompatibilityLevel defaultLevel, List<ContractSettings> settings,
      List<Path> importRoots, ReferenceSubjects referenceSubjects) {
    this(schemaDirectory, displayRoot, includes, excludes, strategy, defaultLevel, settings, importRoots,
        referenceSubjects, List.of(), false);
  }

  /** With Confluent's default reference subject naming. */
  public ProjectRequest(Path schemaDirectory, String displayRoot, List<String> includes, List<String> excludes,
      SubjectNamingStrategy strategy, CompatibilityLevel defaultLevel, List<ContractSettings> settings,
      List<Path> importRoots) {
    this(schemaDirectory, displayRoot, includes, excludes, strategy, defaultLevel, settings, importRoots,
        ReferenceSubjects.NAME);
  }

  public ProjectRequest withDir(Path directory) {
    return new ProjectRequest(directory, displayRoot, includes, excludes, strategy, defaultLevel, settings, importRoots,
        referenceSubjects, libraries, sharedTypesOnly);
  }

  public static ProjectRequest of(Path schemaDirectory) {
    return new ProjectRequest(schemaDirectory, schemaDirectory.toString(), List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of());
  }
}
