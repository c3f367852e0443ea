package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.maven.goal.SetCompatibilityService;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compatibility levels as code: sets each subject's level to the one configured for it (default
 * {@code schema.compatibility}), and the registry's global level when {@code globalCompatibility}
 * is given. {@code -Dschema.dryRun} shows the changes without making them.
 */
@Mojo(name = "set-compatibility", threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class SetCompatibilityMojo extends AbstractRegistryMojo {
  /** The registry's global level to set; unset leaves it alone. */
  @Parameter(property = "schema.globalCompatibility")
  String globalCompatibility;

  /** Print the changes, make none. */
  @Parameter(property = "schema.dryRun", defaultValue = "false")
  boolean dryRun;

  @Override
  void run() {
    CompatibilityLevel global = globalCompatibility == null || globalCompatibility.isBlank() ? null
        : CompatibilityLevel.parse(globalCompatibility);
    new SetCompatibilityService(new SetCompatibilityService.Request(contractsRequest(), registryTarget(), global,
        dryRun), log(), shared()).run();
  }
}
