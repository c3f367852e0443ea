package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.lint.LintConfig;
import io.github.eventcontracts.core.lint.Linter;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.rules.DataContract;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The contracts one goal run reads: parsing (shared with the other goals of the same project),
 * linting, the digest of every input, and the up-to-date protocol of the incremental goals.
 */
public final class Contracts {
  /** The contracts parsed last in this project, and the digest of the inputs they were parsed from. */
  private record Parsed(String inputsDigest, ContractProject project) {}

  private final ContractsRequest request;
  private final GoalLog log;
  private final Map<Object, Object> shared;
  private String inputsDigest;

  /**
   * @param shared state the goals of one project share (Maven's plugin context), or null: one parse
   *     per project and plugin, so a reactor of many modules parses each module once
   */
  public Contracts(ContractsRequest request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.shared = shared;
  }

  public ContractsRequest request() {
    return request;
  }

  /** The parsed contracts; an edited file or setting changes the digest and parses afresh. */
  public ContractProject load() {
    if (shared == null) {
      return requireContracts(ContractProject.load(request.project()));
    }
    String digest = inputsDigest();
    if (shared.get(Parsed.class.getName()) instanceof Parsed parsed && parsed.inputsDigest().equals(digest)) {
      log.debug("Reusing the contracts parsed earlier in this build");
      return parsed.project();
    }
    ContractProject project = requireContracts(ContractProject.load(request.project()));
    shared.put(Parsed.class.getName(), new Parsed(digest, project));
    return project;
  }

  private ContractProject requireContracts(ContractProject project) {
    List<String> includes = request.project().includes();
    List<String> excludes = request.project().excludes();
    if (project.subjects().isEmpty() && !includes.isEmpty() && !request.allowEmpty()) {
      throw new UserInputException("schema.includes " + includes + (excludes.isEmpty() ? "" : " (less excludes "
          + excludes + ")") + " matched no contract under " + request.project().displayRoot() + "; globs are relative "
          + "to that folder, e.g. avro/*.avsc or **/*.proto (or -Dschema.allowEmpty=true if none is expected)");
    }
    return project;
  }

  public List<Diagnostic> lint(ContractProject contracts) {
    Linter linter = new Linter(new LintConfig(new LinkedHashSet<>(request.disabledLintRules()), Map.of()));
    List<Diagnostic> out = new ArrayList<>();
    contracts.subjects().forEach(s -> out.addAll(linter.lint(s.contract())));
    return out;
  }

  /**
   * Every finding of the contracts' data contracts ({@code payments.ruleset.json},
   * {@code payments.metadata.json} beside them, or the files their {@code <contract>} names): files that do not read, rule sets a registry refuses, CEL that
   * does not compile against the contract's own types, JSONata that does not parse.
   */
  public List<Diagnostic> checkDataContracts(ContractProject contracts) {
    List<Diagnostic> out = new ArrayList<>();
    for (var subject : contracts.subjects()) {
      out.addAll(DataContract.checked(RegistryForms.dataContractAt(subject, contracts,
          contracts.request().schemaDirectory()), subject.contract()).problems());
    }
    return out;
  }

  /** Digest of every input file and the configuration, hashed once per goal run. */
  public String inputsDigest() {
    if (inputsDigest == null) {
      inputsDigest = UpToDateMarker.digest(request.inputFolders(), request.configurationKey());
    }
    return inputsDigest;
  }

  /**
   * The up-to-date protocol of the incremental goals: with {@code incremental}, skip (saying
   * {@code upToDate}) when the goal's marker holds {@code digest} and its {@code outputsPresent};
   * else clear the marker, do the work, and record the digest only once the work succeeded. A null
   * digest (a registry baseline, which has no fingerprint) always does the work and records nothing.
   */
  public void unlessUpToDate(String goal, String digest, boolean outputsPresent, String upToDate, Runnable work) {
    UpToDateMarker marker = new UpToDateMarker(request.workDirectory().resolve(goal + ".sha256"));
    if (request.incremental() && digest != null && outputsPresent && marker.upToDate(digest)) {
      log.info(upToDate);
      return;
    }
    marker.clear();
    work.run();
    if (digest != null) {
      marker.record(digest);
    }
  }
}
