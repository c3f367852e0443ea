package io.github.eventcontracts.maven.goal;

import java.nio.file.Path;

/**
 * {@code schema.against}, read once: a git ref ({@code git:origin/main}), a baseline folder
 * ({@code dir:release/1.0} or a plain path, relative to the project), or nothing (the registry).
 */
public record Against(String gitRef, Path folder) {
  public static Against parse(String against, Path projectDirectory) {
    if (against == null || against.isBlank()) {
      return new Against(null, null);
    }
    if (against.startsWith("git:")) {
      return new Against(against.substring(4), null);
    }
    Path folder = Path.of(against.startsWith("dir:") ? against.substring(4) : against);
    return new Against(null, folder.isAbsolute() ? folder : projectDirectory.resolve(folder).normalize());
  }

  /** Neither a ref nor a folder: the registry is the baseline. */
  public boolean registry() {
    return gitRef == null && folder == null;
  }
}
