package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.CheckService;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters check and report share: what to compare with. */
abstract class AbstractCheckMojo extends AbstractRegistryMojo {
  /**
   * What to check against: {@code git:<ref>} (e.g. {@code git:origin/main}), or a folder path.
   * When unset, the registry at {@code registryUrl} is the baseline.
   */
  @Parameter(property = "schema.against")
  String against;

  /** With {@code git:<ref>}, compare with the merge-base of HEAD and the ref rather than its tip. */
  @Parameter(property = "schema.mergeBase", defaultValue = "true")
  boolean mergeBase;

  /**
   * Let check and report pass with nothing to compare against (no registry, no {@code against}).
   * Off by default: a CI job whose baseline setting went missing should fail, not pass unchecked.
   */
  @Parameter(property = "schema.allowNoBaseline", defaultValue = "false")
  boolean allowNoBaseline;

  /**
   * The metadata property that names a contract's major version (Confluent's
   * {@code compatibilityGroup}, e.g. {@code major_version}): a contract is checked only against the
   * versions with the same value, so a breaking change can start a new major version. Unset: the
   * registry's own setting of each subject (none offline).
   */
  @Parameter(property = "schema.compatibilityGroup")
  String compatibilityGroup;

  CheckService.Request checkRequest() {
    return new CheckService.Request(contractsRequest(), registryTarget(), against, project.getBasedir().toPath(),
        mergeBase, allowNoBaseline, compatibilityGroup);
  }
}
