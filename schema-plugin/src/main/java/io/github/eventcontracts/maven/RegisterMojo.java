package io.github.eventcontracts.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.registry.client.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Registers every subject in dependency order (references first, with the versions just
 * registered), idempotently, and pins each subject's compatibility level. {@code -Dschema.dryRun}
 * prints the plan and writes nothing. Writes {@code target/schema-registry/registered.json}, into
 * the classes folder (for a jar packaged afterwards) and into the built jar when it exists.
 */
@Mojo(name = "register", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class RegisterMojo extends AbstractRegistryMojo {
  /** Print what would happen, write nothing. */
  @Parameter(property = "schema.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Subjects registered at once (only independent ones run together). */
  @Parameter(property = "schema.registerThreads", defaultValue = "4")
  int registerThreads;

  /** Also set each subject's compatibility level to the one configured for it. */
  @Parameter(property = "schema.setCompatibility", defaultValue = "true")
  boolean setCompatibility;

  @Override
  void run() throws MojoFailureException {
    ContractProject contracts = loadProject();
    SubjectRegistrar registrar = new SubjectRegistrar(registryClient(), contracts, registerThreads, setCompatibility,
        normalizeSchemas).warnTo(getLog()::warn);
    List<SubjectRegistrar.Step> plan;
    try {
      plan = registrar.plan();
    } catch (RegistryException e) {
      throw new MojoFailureException("Cannot read the registry to plan the registration: " + e.getMessage(), e);
    }
    if (dryRun) {
      getLog().info("Dry run: nothing is written. Plan against " + String.join(",", registryUrls) + ":");
      for (SubjectRegistrar.Step step : plan) {
        getLog().info(String.format("%-12s %s version %d%s (%s)", step.action(), step.subject(), step.version(),
            step.changesLevel() ? ", set compatibility " + (step.currentLevel() == null ? "(none)" : step.currentLevel())
                + " -> " + step.desiredLevel() : "", step.file()));
      }
      return;
    }
    SubjectRegistrar.Result result = registrar.apply(plan);
    for (SubjectRegistrar.Step step : result.registered()) {
      getLog().info(String.format("%-12s %s id %d version %d%s", step.action(), step.subject(), step.id(),
          step.version(), step.changesLevel() ? ", compatibility " + step.desiredLevel() : ""));
    }
    writeRegistered(result);
    if (!result.complete()) {
      result.failed().forEach((subject, error) -> getLog().error("FAILED       " + subject + ": " + error));
      result.notAttempted().forEach(subject -> getLog().error("NOT DONE     " + subject));
      throw new MojoFailureException("Registration stopped: " + result.failed().size() + " failed, "
          + result.notAttempted().size() + " not attempted, " + result.registered().size()
          + " done (listed above). Fix the failure and run again: registration is idempotent.");
    }
    java.util.Map<SubjectRegistrar.Action, Long> byAction = result.registered().stream()
        .collect(java.util.stream.Collectors.groupingBy(SubjectRegistrar.Step::action, java.util.stream.Collectors.counting()));
    getLog().info(result.registered().size() + " subject(s): " + byAction.getOrDefault(SubjectRegistrar.Action.NEW, 0L)
        + " new, " + byAction.getOrDefault(SubjectRegistrar.Action.NEW_VERSION, 0L) + " new version(s), "
        + byAction.getOrDefault(SubjectRegistrar.Action.UNCHANGED, 0L) + " unchanged");
  }

  private void writeRegistered(SubjectRegistrar.Result result) throws MojoFailureException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("registry", String.join(",", registryUrls));
    ObjectNode subjects = root.putObject("subjects");
    for (SubjectRegistrar.Step step : result.registered()) {
      subjects.putObject(step.subject()).put("id", step.id()).put("version", step.version())
          .put("file", step.file()).put("action", step.action().name());
    }
    try {
      String text = json.writeValueAsString(root);
      for (Path target : List.of(Path.of(project.getBuild().getDirectory(), "schema-registry", "registered.json"),
          Path.of(project.getBuild().getOutputDirectory(), "META-INF", "schema-registry", "registered.json"))) {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
      }
      // Run after packaging (package schema:register, or bound to install), the built jar gets it too.
      java.io.File jar = project.getArtifact() == null ? null : project.getArtifact().getFile();
      if (jar != null && jar.isFile() && jar.getName().endsWith(".jar")) {
        JarEntries.put(jar.toPath(), "META-INF/schema-registry/registered.json",
            text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        getLog().info("Added META-INF/schema-registry/registered.json to " + jar.getName());
      }
    } catch (IOException e) {
      throw new MojoFailureException("Cannot write registered.json: " + e.getMessage(), e);
    }
  }

}
