package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compatibility levels as code: sets each subject's level to the one configured for it (default
 * {@code schema.compatibility}), and the registry's global level when {@code globalCompatibility}
 * is given. {@code -Dschema.dryRun} shows the changes without making them.
 */
@Mojo(name = "set-compatibility", threadSafe = true)
public class SetCompatibilityMojo extends AbstractRegistryMojo {
  /** The registry's global level to set; unset leaves it alone. */
  @Parameter(property = "schema.globalCompatibility")
  String globalCompatibility;

  /** Print the changes, make none. */
  @Parameter(property = "schema.dryRun", defaultValue = "false")
  boolean dryRun;

  @Override
  void run() throws MojoFailureException {
    ContractProject contracts = loadProject();
    RegistryClient client = registryClient();
    int changes = 0;
    try {
      if (globalCompatibility != null && !globalCompatibility.isBlank()) {
        String desired = CompatibilityLevel.parse(globalCompatibility).name();
        String current = client.globalCompatibility();
        if (!desired.equals(current)) {
          changes++;
          getLog().info((dryRun ? "Would set" : "Setting") + " global compatibility " + current + " -> " + desired);
          if (!dryRun) {
            client.setCompatibility(null, desired);
          }
        } else {
          getLog().info("Global compatibility is already " + current);
        }
      }
      for (SubjectContract s : contracts.subjects()) {
        String desired = s.level().name();
        String current;
        try {
          current = client.compatibility(s.subject(), false);
        } catch (RegistryException.SubjectCompatibilityNotConfiguredException | RegistryException.SubjectNotFoundException e) {
          current = null;
        }
        if (desired.equals(current)) {
          getLog().info("UNCHANGED    " + s.subject() + " " + current);
          continue;
        }
        changes++;
        getLog().info((dryRun ? "WOULD SET    " : "SET          ") + s.subject() + " "
            + (current == null ? "(global)" : current) + " -> " + desired);
        if (!dryRun) {
          client.setCompatibility(s.subject(), desired);
        }
      }
    } catch (RegistryException e) {
      throw new MojoFailureException("Setting compatibility failed: " + e.getMessage(), e);
    }
    getLog().info((dryRun ? "Dry run: " + changes + " change(s) would be made" : changes + " change(s) made"));
  }
}
