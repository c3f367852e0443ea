package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.RegisterService;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Registers every subject in dependency order (references first, with the versions just
 * registered), idempotently, and pins each subject's compatibility level. {@code -Dschema.dryRun}
 * prints the plan and writes nothing. Writes {@code target/schema-registry/registered.json}, into
 * the classes folder (for a jar packaged afterwards) and into the built jar when it exists.
 */
@Mojo(name = "register", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class RegisterMojo extends AbstractRegistryMojo {
  /** Print what would happen, write nothing. */
  @Parameter(property = "schema.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Subjects registered at once (only independent ones run together). */
  @Parameter(property = "schema.registerThreads", defaultValue = "4")
  int registerThreads;

  /** Also set each subject's compatibility level to the one configured for it. */
  @Parameter(property = "schema.setCompatibility", defaultValue = "true")
  boolean setCompatibility;

  @Override
  void run() {
    File jar = project.getArtifact() == null ? null : project.getArtifact().getFile();
    new RegisterService(new RegisterService.Request(contractsRequest(), registryTarget(), dryRun, registerThreads,
        setCompatibility, Path.of(project.getBuild().getDirectory()), Path.of(project.getBuild().getOutputDirectory()),
        jar == null ? null : jar.toPath()), log(), shared()).run();
  }
}
