package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.CheckService;
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
  void run() {
    new CheckService(checkRequest(), log(), shared()).run();
  }
}
