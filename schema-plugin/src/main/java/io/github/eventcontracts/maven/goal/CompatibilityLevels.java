package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compatibility levels as code: what the registry holds against what the project declares, as a
 * plan that can be shown (dry run) and then applied. Knows nothing of Maven.
 */
final class CompatibilityLevels {
  /**
   * One level to hold: the global one when {@code subject} is null.
   *
   * @param current what the registry has; null for a subject that follows the global level
   */
  record Change(String subject, String current, String desired) {
    boolean global() {
      return subject == null;
    }

    boolean needed() {
      return !desired.equals(current);
    }
  }

  private final RegistryClient client;

  CompatibilityLevels(RegistryClient client) {
    this.client = client;
  }

  /** The subject's own level, or null when it has none and follows the global one. */
  static String subjectLevel(RegistryClient client, String subject) throws RegistryException {
    try {
      return client.compatibility(subject, false);
    } catch (RegistryException.SubjectCompatibilityNotConfiguredException | RegistryException.SubjectNotFoundException e) {
      return null;
    }
  }

  /**
   * Every level the project declares, with what the registry has now: the global level first when
   * {@code global} is given, then each subject in the project's order (reference subjects only when
   * a level is configured for them).
   */
  List<Change> plan(ContractProject project, CompatibilityLevel global) throws RegistryException {
    List<Change> plan = new ArrayList<>();
    if (global != null) {
      plan.add(new Change(null, client.globalCompatibility(), global.name()));
    }
    for (SubjectContract s : project.subjects()) {
      if (!s.pinsLevel()) {
        continue; // a shared type follows the global level unless one is configured for it
      }
      plan.add(new Change(s.subject(), subjectLevel(client, s.subject()), s.level().name()));
    }
    return plan;
  }

  /** Makes the needed changes of a plan, in its order. */
  void apply(List<Change> plan) throws RegistryException {
    for (Change change : plan) {
      if (change.needed()) {
        client.setCompatibility(change.subject(), change.desired());
      }
    }
  }
}
