package io.github.eventcontracts.maven.goal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.registry.client.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The register goal: every subject in dependency order (references first, with the versions just
 * registered), idempotently, each subject's compatibility level pinned; a dry run prints the plan
 * and writes nothing. Writes {@code registered.json} (subject, id, version) beside the build, into
 * the classes folder and into the built jar when it exists.
 */
public final class RegisterService {
  /** Where registered.json goes inside a jar or classes folder. */
  static final String REGISTERED_JSON = "META-INF/schema-registry/registered.json";

  /**
   * @param threads subjects registered at once (only independent ones run together)
   * @param setCompatibility also set each subject's level to the one configured for it
   * @param buildDirectory {@code target/}, which gets {@code schema-registry/registered.json}
   * @param classesDirectory the classes folder, for a jar packaged afterwards
   * @param builtJar the jar already built (register after package), or null
   */
  public record Request(ContractsRequest contracts, RegistryTarget registry, boolean dryRun, int threads,
      boolean setCompatibility, Path buildDirectory, Path classesDirectory, Path builtJar) {}

  private final Request request;
  private final GoalLog log;
  private final Contracts contracts;

  public RegisterService(Request request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.contracts = new Contracts(request.contracts(), log, shared);
  }

  public void run() {
    ContractProject project = contracts.load();
    List<io.github.eventcontracts.core.diag.Diagnostic> broken = contracts.checkDataContracts(project);
    if (!broken.isEmpty()) {
      // a rule set that would be refused, or fail on every record, is not registered: nothing is
      log.diagnostics(broken);
      throw new GoalFailure("Data contracts with errors in " + io.github.eventcontracts.core.diag.Diagnostic.files(broken)
          + "; nothing was registered. Fix them (schema:validate shows the same)");
    }
    SubjectRegistrar registrar = new SubjectRegistrar(request.registry().client(), project, request.threads(),
        request.setCompatibility(), request.registry().normalize()).warnTo(log::warn);
    List<SubjectRegistrar.Step> plan;
    try {
      plan = registrar.plan();
    } catch (RegistryException e) {
      throw new GoalFailure("Cannot read the registry to plan the registration: " + e.getMessage(), e);
    }
    if (request.dryRun()) {
      log.info("Dry run: nothing is written. Plan against " + request.registry().display() + ":");
      for (SubjectRegistrar.Step step : plan) {
        log.info(String.format("%-12s %s version %d%s (%s)", step.action(), step.subject(), step.version(),
            step.changesLevel() ? ", set compatibility " + (step.currentLevel() == null ? "(none)" : step.currentLevel())
                + " -> " + step.desiredLevel() : "", step.file()));
      }
      return;
    }
    SubjectRegistrar.Result result = registrar.apply(plan);
    for (SubjectRegistrar.Step step : result.registered()) {
      log.info(String.format("%-12s %s id %d version %d%s", step.action(), step.subject(), step.id(),
          step.version(), step.changesLevel() ? ", compatibility " + step.desiredLevel() : ""));
    }
    writeRegistered(result);
    if (!result.complete()) {
      result.failed().forEach((subject, error) -> log.error("FAILED       " + subject + ": " + error));
      result.notAttempted().forEach(subject -> log.error("NOT DONE     " + subject));
      throw new GoalFailure("Registration stopped: " + result.failed().size() + " failed, "
          + result.notAttempted().size() + " not attempted, " + result.registered().size()
          + " done (listed above). Fix the failure and run again: registration is idempotent.");
    }
    Map<SubjectRegistrar.Action, Long> byAction = result.registered().stream()
        .collect(Collectors.groupingBy(SubjectRegistrar.Step::action, Collectors.counting()));
    log.info(result.registered().size() + " subject(s): " + byAction.getOrDefault(SubjectRegistrar.Action.NEW, 0L)
        + " new, " + byAction.getOrDefault(SubjectRegistrar.Action.NEW_VERSION, 0L) + " new version(s), "
        + byAction.getOrDefault(SubjectRegistrar.Action.UNCHANGED, 0L) + " unchanged");
  }

  private void writeRegistered(SubjectRegistrar.Result result) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("registry", request.registry().display());
    ObjectNode subjects = root.putObject("subjects");
    for (SubjectRegistrar.Step step : result.registered()) {
      subjects.putObject(step.subject()).put("id", step.id()).put("version", step.version())
          .put("file", step.file()).put("action", step.action().name());
    }
    try {
      String text = json.writeValueAsString(root);
      for (Path target : List.of(request.buildDirectory().resolve("schema-registry/registered.json"),
          request.classesDirectory().resolve(REGISTERED_JSON))) {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
      }
      // Run after packaging (package schema:register, or bound to install), the built jar gets it too.
      Path jar = request.builtJar();
      if (jar != null && Files.isRegularFile(jar) && jar.getFileName().toString().endsWith(".jar")) {
        JarEntries.put(jar, REGISTERED_JSON, text.getBytes(StandardCharsets.UTF_8));
        log.info("Added " + REGISTERED_JSON + " to " + jar.getFileName());
      }
    } catch (IOException e) {
      throw new GoalFailure("Cannot write registered.json: " + e.getMessage(), e);
    }
  }
}
