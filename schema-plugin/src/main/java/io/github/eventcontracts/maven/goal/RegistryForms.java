package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.RegistryForm;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.rules.DataContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The schema the plugin sends a registry for a subject — to register it, look it up, or ask the
 * registry's own compatibility check: its {@link RegistryForm} with each reference at a version,
 * and its data contract (the {@code .metadata.json} and {@code .ruleset.json} beside it).
 * Register and check build it here alone, so they always send the same thing.
 */
final class RegistryForms {
  private RegistryForms() {}

  /** @param versionOf the version of each referenced subject to name (planned, registered or looked up) */
  static RegistrySchema schema(SubjectContract subject, ContractProject project,
      ToIntFunction<SubjectContract.SubjectReference> versionOf) {
    List<SchemaReference> references = new ArrayList<>();
    for (SubjectContract.SubjectReference ref : subject.references()) {
      references.add(new SchemaReference(ref.name(), ref.subject(), versionOf.applyAsInt(ref)));
    }
    RegistryForm form = RegistryForm.of(subject, project);
    DataContract contract = dataContract(subject, project);
    return new RegistrySchema(form.text(), form.schemaType(), references, contract.metadata(), contract.ruleSet());
  }

  /** The subject's metadata and rule set (beside its file, or where its settings say); none for a library's contract. */
  static DataContract dataContract(SubjectContract subject, ContractProject project) {
    if (!project.subjects().contains(subject)) {
      return DataContract.NONE;
    }
    return DataContract.read(dataContractAt(subject, project, project.request().schemaDirectory()));
  }

  /** Where the subject's data contract is in {@code schemaDirectory} (the project's, or a baseline's copy). */
  static DataContract.Location dataContractAt(SubjectContract subject, ContractProject project, Path schemaDirectory) {
    return DataContract.Location.of(schemaDirectory, subject.path(), subject.contract().file(),
        project.settingsOf(subject.path()));
  }
}
