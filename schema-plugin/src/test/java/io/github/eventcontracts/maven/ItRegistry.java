package io.github.eventcontracts.maven;

import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For the invoker projects' setup scripts (the test class path is theirs): a registry per project,
 * found by the project's builds through {@code .mvn/maven.config} and by its verify script through
 * the system property {@code it.<project>.registry}.
 */
public final class ItRegistry {
  private ItRegistry() {}

  /** Starts a registry and points the project at it. */
  public static EmbeddedRegistry startFor(File basedir) {
    EmbeddedRegistry registry = EmbeddedRegistry.start();
    System.getProperties().put("it." + basedir.getName() + ".registry", registry);
    pointAt(basedir, registry.url());
    return registry;
  }

  /** Makes the project's builds use the registry at {@code url} (a registry, or a proxy before one). */
  public static void pointAt(File basedir, String url) {
    Path config = basedir.toPath().resolve(".mvn/maven.config");
    try {
      Files.createDirectories(config.getParent());
      Files.writeString(config, "-Dschema.registryUrl=" + url + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
