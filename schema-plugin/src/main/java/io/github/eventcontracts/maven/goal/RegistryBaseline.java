package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ContractException;
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
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registry as the baseline: the registered versions the subject's level needs (all for
 * transitive levels, else the latest), parsed with their references, plus the registry's own
 * verdict from {@code POST /compatibility/subjects/{s}/versions}. Under a {@code compatibilityGroup}
 * (the registry's, or the build's) only the versions of the contract's own group count, as the
 * registry counts them: a breaking change that starts a new major version has no earlier versions.
 */
final class RegistryBaseline implements Baseline {
  private final RegistryClient client;
  private final String description;
  private final ContractProject project;
  private final Consumer<String> warn;
  private final boolean normalize;
  private final String configuredGroup;

  RegistryBaseline(RegistryClient client, String description, ContractProject project, Consumer<String> warn) {
    this(client, description, project, warn, false, null);
  }

  /**
   * @param normalize look up and check with Confluent's {@code normalize=true}
   * @param compatibilityGroup the metadata property that names compatibility groups; null or blank
   *     for the registry's own setting of each subject
   */
  RegistryBaseline(RegistryClient client, String description, ContractProject project, Consumer<String> warn,
      boolean normalize, String compatibilityGroup) {
    this.client = client;
    this.description = description;
    this.project = project;
    this.warn = warn;
    this.normalize = normalize;
    this.configuredGroup = compatibilityGroup == null || compatibilityGroup.isBlank() ? null : compatibilityGroup;
  }

  /** The subject's compatibility group property: the build's, else the registry's; null for none. */
  String compatibilityGroup(SubjectContract subject) {
    if (configuredGroup != null) {
      return configuredGroup;
    }
    try {
      return client.compatibilityGroup(subject.subject());
    } catch (RegistryException.RegistryUnavailableException | RegistryException.RegistryAuthenticationException e) {
      throw e;
    } catch (RegistryException e) {
      return null; // a registry without config per subject: no groups
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Contract> history(SubjectContract subject) {
    try {
      List<Integer> versions;
      try {
        versions = client.versions(subject.subject());
      } catch (RegistryException.SubjectNotFoundException e) {
        return List.of();
      }
      List<SubjectVersion> inGroup = inGroup(subject, versions);
      List<SubjectVersion> needed = subject.level().transitive() || inGroup.isEmpty() ? inGroup
          : inGroup.subList(inGroup.size() - 1, inGroup.size());
      List<Contract> out = new ArrayList<>();
      for (SubjectVersion registered : needed) {
        int version = registered.version();
        List<SourceFile> references = new ArrayList<>();
        client.referencedSchemas(registered.references())
            .forEach((name, schema) -> references.add(SourceFile.of(name, schema.schema())));
        SchemaType type = SchemaType.parse(registered.schema().schemaType());
        String display = "registry:" + subject.subject() + "/v" + version + type.extension();
        try {
          out.add(ReferencedSchemaParser.parse(type, display, registered.schema().schema(), references).contract());
        } catch (ContractException e) {
          throw new Baseline.Unavailable("version " + version + " as registered cannot be read: "
              + e.diagnostics().get(0).format());
        }
      }
      return out;
    } catch (RegistryException.RegistryUnavailableException | RegistryException.RegistryAuthenticationException e) {
      throw e; // unreachable or refused: nothing else of this check can work either
    } catch (RegistryException e) {
      throw new Baseline.Unavailable(e.getMessage());
    }
  }

  /**
   * The versions of the contract's compatibility group (its data contract's value of the group
   * property, none being a value too), oldest first; all of them when the subject has no group.
   */
  private List<SubjectVersion> inGroup(SubjectContract subject, List<Integer> versions) {
    String group = compatibilityGroup(subject);
    if (group == null) {
      List<Integer> wanted = subject.level().transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
      List<SubjectVersion> out = new ArrayList<>();
      for (int version : wanted) {
        out.add(client.version(subject.subject(), String.valueOf(version)));
      }
      return out;
    }
    String mine = groupValue(RegistryForms.dataContract(subject, project).metadata(), group);
    List<SubjectVersion> out = new ArrayList<>();
    for (int version : versions) {
      SubjectVersion registered = client.version(subject.subject(), String.valueOf(version));
      if (java.util.Objects.equals(groupValue(registered.schema().metadata(), group), mine)) {
        out.add(registered);
      }
    }
    return out;
  }

  static String groupValue(io.github.eventcontracts.registry.client.Metadata metadata, String group) {
    return metadata == null ? null : metadata.properties().get(group);
  }

  @Override
  public Optional<RemoteVerdict> remoteVerdict(SubjectContract subject) {
    String source = "registry " + description;
    RegistrySchema schema;
    try {
      schema = registeredForm(subject, new HashMap<>());
    } catch (NotRegistered e) {
      warn.accept("The registry's own check of " + subject.subject() + " is skipped: its reference " + e.subject
          + " is not registered in this form yet (register references first)");
      return Optional.empty();
    } catch (RegistryException.RegistryUnavailableException | RegistryException.RegistryAuthenticationException e) {
      throw e;
    } catch (RegistryException e) {
      return Optional.of(RemoteVerdict.unavailable(source, "looking up its references: " + e.getMessage()));
    }
    CompatibilityCheck check;
    try {
      check = client.testCompatibility(subject.subject(), schema, normalize);
    } catch (RegistryException.RegistryUnavailableException | RegistryException.RegistryAuthenticationException e) {
      throw e; // unreachable or refused: nothing else of this check can work either
    } catch (RegistryException e) {
      // Some registries refuse the check itself (e.g. 422 for any schema with references): our own
      // engine's findings stand, and the registry's answer is reported beside them.
      return Optional.of(RemoteVerdict.unavailable(source, e.getMessage()));
    }
    return Optional.of(new RemoteVerdict(source, check.compatible(), check.messages()));
  }

  /**
   * The subject's registry form with each reference at its registered version, each looked up with
   * its own references (the registry needs the whole chain to parse a referenced schema), each
   * subject once.
   */
  private RegistrySchema registeredForm(SubjectContract subject, Map<String, Integer> versionByPath) {
    return RegistryForms.schema(subject, project, ref -> {
      Integer version = versionByPath.get(ref.path()); // no computeIfAbsent: the lookup recurses into the map
      if (version == null) {
        SubjectContract target = project.byPath(ref.path()).orElseThrow();
        try {
          version = client.lookup(ref.subject(), registeredForm(target, versionByPath), normalize).version();
        } catch (RegistryException.SubjectNotFoundException | RegistryException.SchemaNotFoundException
            | RegistryException.VersionNotFoundException e) {
          throw new NotRegistered(ref.subject());
        }
        versionByPath.put(ref.path(), version);
      }
      return version;
    });
  }

  /** A referenced subject without this form registered: the registry's own check cannot be asked. */
  private static final class NotRegistered extends RuntimeException {
    final String subject;

    NotRegistered(String subject) {
      super(subject, null, false, false);
      this.subject = subject;
    }
  }
}
