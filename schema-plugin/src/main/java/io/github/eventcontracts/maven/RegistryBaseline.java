package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ReferencedSchemaParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.RemoteVerdict;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registry as the baseline: the registered versions the subject's level needs (all for
 * transitive levels, else the latest), parsed with their references, plus the registry's own
 * verdict from {@code POST /compatibility/subjects/{s}/versions}.
 */
final class RegistryBaseline implements Baseline {
  private final RegistryClient client;
  private final String description;
  private final ContractProject project;
  private final Consumer<String> warn;
  private final boolean normalize;

  RegistryBaseline(RegistryClient client, String description, ContractProject project, Consumer<String> warn) {
    this(client, description, project, warn, false);
  }

  /** @param normalize look up and check with Confluent's {@code normalize=true} */
  RegistryBaseline(RegistryClient client, String description, ContractProject project, Consumer<String> warn,
      boolean normalize) {
    this.client = client;
    this.description = description;
    this.project = project;
    this.warn = warn;
    this.normalize = normalize;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Contract> history(SubjectContract subject) {
    List<Integer> versions;
    try {
      versions = client.versions(subject.subject());
    } catch (RegistryException.SubjectNotFoundException e) {
      return List.of();
    }
    List<Integer> needed = subject.level().transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
    List<Contract> out = new ArrayList<>();
    for (int version : needed) {
      SubjectVersion registered = client.version(subject.subject(), String.valueOf(version));
      List<SourceFile> references = new ArrayList<>();
      client.referencedSchemas(registered.references())
          .forEach((name, schema) -> references.add(SourceFile.of(name, schema.schema())));
      SchemaType type = SchemaType.parse(registered.schema().schemaType());
      String display = "registry:" + subject.subject() + "/v" + version + type.extension();
      out.add(ReferencedSchemaParser.parse(type, display, registered.schema().schema(), references).contract());
    }
    return out;
  }

  @Override
  public Optional<RemoteVerdict> remoteVerdict(SubjectContract subject) {
    List<SchemaReference> references = new ArrayList<>();
    for (SubjectContract.SubjectReference ref : subject.references()) {
      SubjectContract target = project.byPath(ref.path()).orElseThrow();
      try {
        int version = client.lookup(ref.subject(), registrySchema(target, List.of()), normalize).version();
        references.add(new SchemaReference(ref.name(), ref.subject(), version));
      } catch (RegistryException.SubjectNotFoundException | RegistryException.SchemaNotFoundException
          | RegistryException.VersionNotFoundException e) {
        warn.accept("The registry's own check of " + subject.subject() + " is skipped: its reference " + ref.subject()
            + " is not registered in this form yet (register references first)");
        return Optional.empty();
      }
    }
    CompatibilityCheck check;
    try {
      check = client.testCompatibility(subject.subject(), registrySchema(subject, references), normalize);
    } catch (RegistryException.RegistryUnavailableException | RegistryException.RegistryAuthenticationException
        | RegistryException.RegistryServerException e) {
      throw e; // unreachable, refused or failing: nothing else of this check can work either
    } catch (RegistryException e) {
      // Some registries refuse the check itself (e.g. 422 for any schema with references): our own
      // engine's findings stand, and the registry's error is reported beside them.
      return Optional.of(RemoteVerdict.unavailable("registry " + description, e.getMessage()));
    }
    return Optional.of(new RemoteVerdict("registry " + description, check.compatible(), check.messages()));
  }

  static RegistrySchema registrySchema(SubjectContract subject, List<SchemaReference> references) {
    Contract contract = subject.contract();
    return new RegistrySchema(contract.text(), contract.type().name(), references);
  }
}
