package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.project.ContractSettings;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.SchemaLibrary;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.maven.goal.ContractsRequest;
import io.github.eventcontracts.maven.goal.GoalFailure;
import io.github.eventcontracts.maven.goal.GoalLog;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Parameters every goal shares, gathered into an immutable {@link ContractsRequest}. A goal's mojo
 * only gathers its parameters into its service's request and runs the service (package
 * {@code goal}, which knows nothing of Maven); Maven's failures are made here from the service's.
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
      log().diagnostics(e.diagnostics());
      throw new MojoFailureException(e.diagnostics().size() + " problem(s) reading contracts in "
          + Diagnostic.files(e.diagnostics()) + "; see the errors above");
    } catch (GoalFailure | UserInputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** Gathers the goal's request and runs its service. */
  abstract void run() throws MojoExecutionException, MojoFailureException;

  /** Whether the goal has nothing to do without a schemas folder (all but download). */
  boolean needsSchemaFolder() {
    return true;
  }

  /** Maven's log, as the services see it. */
  GoalLog log() {
    Log log = getLog();
    return new GoalLog() {
      @Override
      public void debug(String message) {
        log.debug(message);
      }

      @Override
      public void info(String message) {
        log.info(message);
      }

      @Override
      public void warn(String message) {
        log.warn(message);
      }

      @Override
      public void error(String message) {
        log.error(message);
      }
    };
  }

  /** What the goals of this project share (one parse of the contracts per build). */
  Map<Object, Object> shared() {
    @SuppressWarnings("unchecked")
    Map<Object, Object> context = getPluginContext();
    return context;
  }

  ContractsRequest contractsRequest() {
    List<ContractSettings> settings = new ArrayList<>();
    for (ContractEntry c : contracts) {
      settings.add(new ContractSettings(c.file, c.topic, c.key, c.subject,
          c.compatibility == null ? null : CompatibilityLevel.parse(c.compatibility), c.message, c.ruleSet,
          c.metadata));
    }
    ProjectRequest request = new ProjectRequest(schemaDirectory.toPath(), displayRoot(), includes, excludes,
        SubjectNamingStrategy.parse(subjectNamingStrategy), CompatibilityLevel.parse(compatibility), settings,
        importRoots.stream().map(File::toPath).toList(),
        ReferenceSubjects.parse(referenceSubjects == null ? "name" : referenceSubjects), libraries(), sharedTypes);
    // The plugin's own version and jar time: a new (or rebuilt snapshot) plugin regenerates.
    String plugin = pluginDescriptor == null ? "" : pluginDescriptor.getVersion() + "@"
        + (pluginDescriptor.getPluginArtifact() == null || pluginDescriptor.getPluginArtifact().getFile() == null ? 0
            : pluginDescriptor.getPluginArtifact().getFile().lastModified());
    return new ContractsRequest(request, new LinkedHashSet<>(disabledLintRules), allowEmpty, incremental,
        workDirectory(), plugin);
  }

  /** {@code target/schema-plugin}: markers, scratch, unpacked libraries. */
  Path workDirectory() {
    return project == null ? schemaDirectory.toPath().resolve("../target/schema-plugin").normalize()
        : Path.of(project.getBuild().getDirectory(), "schema-plugin");
  }

  /** Other modules' published contracts on the compile class path, which references may use. */
  private List<SchemaLibrary> libraries() {
    return project == null || project.getArtifacts() == null ? List.of()
        : SchemaLibraries.of(project.getArtifacts(), workDirectory().resolve("libraries"));
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
}
