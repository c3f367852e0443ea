package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.model.Contract;
import java.util.Optional;

/**
 * The check of one subject against the baseline.
 *
 * @param subject the subject and its contract
 * @param status new, changed or unchanged
 * @param versionsCompared how many baseline versions were compared
 * @param result our engine's verdict for a changed contract, else null
 * @param remote the baseline's own verdict, when it gives one
 * @param previousLatest the baseline's latest version, null for a new contract
 */
public record SubjectCheck(SubjectContract subject, ChangeStatus status, int versionsCompared,
    CompatibilityResult result, Optional<RemoteVerdict> remote, Contract previousLatest) {
  /** False for a contract the baseline could not check: nothing may pass unchecked. */
  public boolean compatible() {
    return status != ChangeStatus.UNCHECKED && (result == null || result.compatible()) && remote.map(RemoteVerdict::compatible).orElse(true);
  }
}
