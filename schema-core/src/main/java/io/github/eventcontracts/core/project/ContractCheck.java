package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityResult;

/**
 * The outcome for one contract of a folder check.
 *
 * @param path path relative to the schemas folder
 * @param file the file as shown to the user
 * @param status new, changed, unchanged or removed
 * @param result the compatibility result for a changed contract, else null
 */
public record ContractCheck(String path, String file, ChangeStatus status, CompatibilityResult result) {
  /** New, unchanged and removed contracts pass; a changed one passes when its result does. */
  public boolean compatible() {
    return result == null || result.compatible();
  }
}
