package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.lint.LintConfig;
import io.github.eventcontracts.core.lint.Linter;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ContractSettings;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.SchemaLibrary;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Parameters every goal shares, and turning them into a {@link ProjectRequest}. Goals stay thin:
 * the work is done by schema-core.
 */
abstract class AbstractSchemaMojo extends AbstractMojo {
  /** The folder holding the contracts (.avsc, .proto). */
  @Parameter(property = "schema.directory", defaultValue = "${project.basedir}/schemas")
  File schemaDirectory;

  /** Globs of contracts to take, relative to the schemas folder (default: every .avsc and .proto). */
  @Parameter(property = "schema.includes")
  List<String> includes = new ArrayList<>();

  /** Globs of contracts to leave out. */
  @Parameter(property = "schema.excludes")
  List<String> excludes = new ArrayList<>();

  /** TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy. */
  @Parameter(property = "schema.subjectNamingStrategy", defaultValue = "TopicNameStrategy")
  String subjectNamingStrategy;

  /** The compatibility level of subjects without one of their own. */
  @Parameter(property = "schema.compatibility", defaultValue = "BACKWARD")
  String compatibility;

  /**
   * How contracts that other contracts only reference (shared types) are named: {@code name},
   * Confluent's default reference subjects (the import path for Protobuf, the full type name for
   * Avro; not events, so not in the catalog and no level pinned unless configured), or
   * {@code topic}, like any event. A sidecar or {@code <contract>} setting for the file wins.
   */
  @Parameter(property = "schema.referenceSubjects", defaultValue = "name")
  String referenceSubjects;

  /**
   * Every contract of this module is a shared type for other modules (a "common types" module):
   * each is registered under its reference subject, none is an event or in the catalog.
   */
  @Parameter(property = "schema.sharedTypes", defaultValue = "false")
  boolean sharedTypes;

  /** Per-contract settings: topic, key, subject, compatibility; see {@link ContractEntry}. */
  @Parameter
  List<ContractEntry> contracts = new ArrayList<>();

  /** Extra folders where proto imports are looked up. */
  @Parameter(property = "schema.importRoots")
  List<File> importRoots = new ArrayList<>();

  /** Lint rule IDs to switch off. */
  @Parameter(property = "schema.lint.disable")
  List<String> disabledLintRules = new ArrayList<>();

  /**
   * The folder that file names in diagnostics and reports are relative to. Default: the repository
   * root (the nearest folder up from the project holding {@code .git}), which GitHub annotations and
   * SARIF need; else the project.
   */
  @Parameter(property = "schema.reportRoot")
  File reportRoot;

  /** Let {@code includes} match no contract; by default that fails, as it is nearly always a typo. */
  @Parameter(property = "schema.allowEmpty", defaultValue = "false")
  boolean allowEmpty;

  /** Skip every goal of this plugin. */
  @Parameter(property = "schema.skip", defaultValue = "false")
  boolean skip;

  /** Skip work when no contract, baseline or configuration changed since the last successful run. */
  @Parameter(property = "schema.incremental", defaultValue = "true")
  boolean incremental;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  org.apache.maven.plugin.descriptor.PluginDescriptor pluginDescriptor;

  @Parameter(defaultValue = "${session}", readonly = true)
  org.apache.maven.execution.MavenSession session;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping (schema.skip)");
      return;
    }
    if (needsSchemaFolder() && !schemaDirectory.isDirectory()) {
      getLog().info("No schemas folder at " + schemaDirectory + "; nothing to do");
      return;
    }
    try {
      run();
    } catch (ContractException e) {
      logDiagnostics(e.diagnostics());
      throw new MojoFailureException(e.diagnostics().size() + " problem(s) reading contracts in "
          + files(e.diagnostics()) + "; see the errors above");
    } catch (UserInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Whether the goal has nothing to do without a schemas folder (all but download). */
  boolean needsSchemaFolder() {
    return true;
  }

  ProjectRequest request() {
    List<ContractSettings> settings = new ArrayList<>();
    for (ContractEntry c : contracts) {
      settings.add(new ContractSettings(c.file, c.topic, c.key, c.subject,
          c.compatibility == null ? null : CompatibilityLevel.parse(c.compatibility), c.message));
    }
    return new ProjectRequest(schemaDirectory.toPath(), displayRoot(), includes, excludes,
        SubjectNamingStrategy.parse(subjectNamingStrategy), CompatibilityLevel.parse(compatibility), settings,
        importRoots.stream().map(File::toPath).toList(),
        ReferenceSubjects.parse(referenceSubjects == null ? "name" : referenceSubjects), libraries(), sharedTypes);
  }

  private List<SchemaLibrary> libraries;

  /** Other modules' published contracts on the compile class path, which references may use. */
  List<SchemaLibrary> libraries() {
    if (libraries == null) {
      libraries = project == null || project.getArtifacts() == null ? List.of()
          : SchemaLibraries.of(project.getArtifacts(), Path.of(project.getBuild().getDirectory(), "schema-plugin",
              "libraries"));
    }
    return libraries;
  }

  /** The contracts parsed last in this project, and the digest of the inputs they were parsed from. */
  private record Parsed(String inputsDigest, ContractProject project) {}

  /**
   * The parsed contracts. Goals of one project share them through the plugin context (one per
   * project and plugin, so a reactor of many modules keeps one parse per module, never more); an
   * edited file or setting changes the digest and parses afresh.
   */
  @SuppressWarnings("unchecked")
  ContractProject loadProject() {
    ProjectRequest request = request();
    Map<Object, Object> context = getPluginContext();
    if (context == null) {
      return requireContracts(ContractProject.load(request));
    }
    String digest = inputsDigest();
    if (context.get(Parsed.class.getName()) instanceof Parsed parsed && parsed.inputsDigest().equals(digest)) {
      getLog().debug("Reusing the contracts parsed earlier in this build");
      return parsed.project();
    }
    ContractProject project = requireContracts(ContractProject.load(request));
    context.put(Parsed.class.getName(), new Parsed(digest, project));
    return project;
  }

  private ContractProject requireContracts(ContractProject project) {
    if (project.subjects().isEmpty() && !includes.isEmpty() && !allowEmpty) {
      throw new UserInputException("schema.includes " + includes + (excludes.isEmpty() ? "" : " (less excludes "
          + excludes + ")") + " matched no contract under " + displayRoot() + "; globs are relative to that folder, "
          + "e.g. avro/*.avsc or **/*.proto (or -Dschema.allowEmpty=true if none is expected)");
    }
    return project;
  }

  List<Diagnostic> lint(ContractProject contracts) {
    Linter linter = new Linter(new LintConfig(new LinkedHashSet<>(disabledLintRules), Map.of()));
    List<Diagnostic> out = new ArrayList<>();
    contracts.subjects().forEach(s -> out.addAll(linter.lint(s.contract())));
    return out;
  }

  /**
   * The schemas folder as reports name it: relative to the repository root (the nearest folder
   * holding {@code .git}), so GitHub annotations and SARIF attach to the right file in a
   * multi-module repository; relative to the project when there is no repository.
   */
  String displayRoot() {
    Path dir = schemaDirectory.toPath().toAbsolutePath().normalize();
    Path base = reportRoot != null ? reportRoot.toPath().toAbsolutePath().normalize()
        : project == null ? null : repositoryRoot(project.getBasedir().toPath().toAbsolutePath().normalize());
    if (base == null || dir.equals(base) || !dir.startsWith(base)) {
      return base != null && dir.equals(base) ? "" : dir.toString();
    }
    return base.relativize(dir).toString().replace('\\', '/');
  }

  static Path repositoryRoot(Path projectDir) {
    for (Path dir = projectDir; dir != null; dir = dir.getParent()) {
      if (java.nio.file.Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    return projectDir;
  }

  /**
   * The configuration that shapes results, for the up-to-date marker: the request the services
   * receive (a record, so a setting added to it is in the key without anyone remembering to add
   * it), the lint rules switched off, and the plugin itself.
   */
  String configurationKey() {
    // The plugin's own version and jar time: a new (or rebuilt snapshot) plugin regenerates.
    String plugin = pluginDescriptor == null ? "" : pluginDescriptor.getVersion() + "@"
        + (pluginDescriptor.getPluginArtifact() == null || pluginDescriptor.getPluginArtifact().getFile() == null ? 0
            : pluginDescriptor.getPluginArtifact().getFile().lastModified());
    return String.join("\n", plugin, request().toString(), "lint.disable=" + new java.util.TreeSet<>(disabledLintRules));
  }

  private String inputsDigest;

  /** The schemas folder and import roots: every file a goal reads. */
  List<Path> inputFolders() {
    List<Path> folders = new ArrayList<>();
    folders.add(schemaDirectory.toPath());
    importRoots.stream().map(File::toPath).forEach(folders::add);
    libraries().forEach(l -> folders.add(l.root()));
    return folders;
  }

  /** Digest of every input file and the configuration, hashed once per goal. */
  String inputsDigest() {
    if (inputsDigest == null) {
      inputsDigest = UpToDateMarker.digest(inputFolders(), configurationKey());
    }
    return inputsDigest;
  }

  UpToDateMarker marker(String goal) {
    return new UpToDateMarker(Path.of(project.getBuild().getDirectory(), "schema-plugin", goal + ".sha256"));
  }

  /** A goal's work, which may fail the build. */
  @FunctionalInterface
  interface GoalWork {
    void run() throws MojoFailureException;
  }

  /**
   * The up-to-date protocol of the incremental goals: with {@code schema.incremental}, skip (saying
   * {@code upToDate}) when the goal's marker holds {@code digest} and its {@code outputsPresent};
   * else clear the marker, do the work, and record the digest only once the work succeeded. A null
   * digest (a registry baseline, which has no fingerprint) always does the work and records nothing.
   */
  void unlessUpToDate(String goal, String digest, boolean outputsPresent, String upToDate, GoalWork work)
      throws MojoFailureException {
    UpToDateMarker marker = marker(goal);
    if (incremental && digest != null && outputsPresent && marker.upToDate(digest)) {
      getLog().info(upToDate);
      return;
    }
    marker.clear();
    work.run();
    if (digest != null) {
      marker.record(digest);
    }
  }

  void logDiagnostics(List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      switch (d.severity()) {
        case ERROR -> getLog().error(d.format());
        case WARNING -> getLog().warn(d.format());
        case INFO -> getLog().info(d.format());
      }
    }
  }

  static String files(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::file).distinct().collect(Collectors.joining(", "));
  }

  static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }
}
