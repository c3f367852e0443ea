package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.registry.client.RegistryException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
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
  void run() throws MojoFailureException {
    CompatibilityLevel global = globalCompatibility == null || globalCompatibility.isBlank() ? null
        : CompatibilityLevel.parse(globalCompatibility);
    CompatibilityLevels levels = new CompatibilityLevels(registryClient());
    try {
      List<CompatibilityLevels.Change> plan = levels.plan(loadProject(), global);
      for (CompatibilityLevels.Change change : plan) {
        log(change);
      }
      if (!dryRun) {
        levels.apply(plan);
      }
      long needed = plan.stream().filter(CompatibilityLevels.Change::needed).count();
      getLog().info(dryRun ? "Dry run: " + needed + " change(s) would be made" : needed + " change(s) made");
    } catch (RegistryException e) {
      throw new MojoFailureException("Setting compatibility failed: " + e.getMessage(), e);
    }
  }

  private void log(CompatibilityLevels.Change change) {
    if (change.global()) {
      getLog().info(change.needed()
          ? (dryRun ? "Would set" : "Setting") + " global compatibility " + change.current() + " -> " + change.desired()
          : "Global compatibility is already " + change.current());
    } else if (!change.needed()) {
      getLog().info("UNCHANGED    " + change.subject() + " " + change.current());
    } else {
      getLog().info((dryRun ? "WOULD SET    " : "SET          ") + change.subject() + " "
          + (change.current() == null ? "(global)" : change.current()) + " -> " + change.desired());
    }
  }
}
