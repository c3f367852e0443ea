package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.Contract;
import java.util.List;
import java.util.Optional;

/** What a contract is checked against: a registry, a git ref, or a folder. */
public interface Baseline {
  /** For reports: e.g. {@code git origin/main (merge-base 1a2b3c4)}. */
  String describe();

  /**
   * The subject's previous versions, oldest first; empty when the subject is new. Implementations
   * may return only the latest version when the subject's level is not transitive.
   *
   * @throws Unavailable when the baseline answers for this subject in a way that gives no history
   *     (a registry error, a registered version that cannot be parsed): the subject is reported as
   *     not checked, the others still are
   */
  List<Contract> history(SubjectContract subject);

  /** The baseline's answer about one subject, which leaves that subject unchecked. */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /** A second verdict from the baseline itself (a registry's own compatibility check), if it has one. */
  default Optional<RemoteVerdict> remoteVerdict(SubjectContract subject) {
    return Optional.empty();
  }

  /**
   * What the baseline passed over while answering (e.g. history commits whose schemas do not
   * parse), so that a check weakened by it says so; read after the check.
   */
  default List<String> notes() {
    return List.of();
  }

  /** Paths of contracts the baseline has and the project no longer does. */
  default List<String> removed(ContractProject project) {
    return List.of();
  }
}
