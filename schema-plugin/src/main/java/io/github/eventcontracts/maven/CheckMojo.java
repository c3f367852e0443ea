package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.project.CheckReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every contract for compatibility under its subject's level (default BACKWARD): against the
 * registry (our engine on the registered versions, and the registry's own verdict; both must pass),
 * or offline against a git ref or a baseline folder. A subject not in the baseline passes as new.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractCheckMojo {
  @Override
  void run() throws MojoFailureException {
    if (!requireBaseline("check")) {
      return;
    }
    String baselineKey = baselineKey();
    unlessUpToDate("check", baselineKey == null ? null : UpToDateMarker.combine(inputsDigest(), baselineKey), true,
        "Contracts and baseline unchanged since the last successful check; nothing to do "
            + "(-Dschema.incremental=false to force)", () -> {
          CheckReport report = check(false);
          if (!report.compatible()) {
            throw new MojoFailureException("Incompatible contracts: " + failing(report) + "; see the errors above");
          }
          getLog().info("All " + report.subjects().size() + " subject(s) are compatible with " + report.baseline());
        });
  }
}
