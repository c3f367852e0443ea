package io.github.eventcontracts.maven;

import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.RegistryOptions;
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

  /**
   * Starts a registry over HTTPS with a private CA and Karapace's authfile, and points the project
   * at it as a team would: the CA in a truststore in the project, credentials from the settings.xml
   * server {@code serverId} (the invoker's settings hold {@code it-https-registry}).
   *
   * @param users name, password, and the permissions' resource regex each user may write
   */
  public static EmbeddedRegistry startHttpsFor(File basedir, String serverId, java.util.List<String[]> users) {
    Path tls = basedir.toPath().resolve("tls");
    io.github.eventcontracts.registry.server.TestCertificates certificates =
        io.github.eventcontracts.registry.server.TestCertificates.in(tls);
    StringBuilder auth = new StringBuilder("{\"users\": [");
    StringBuilder permissions = new StringBuilder("], \"permissions\": [");
    for (int i = 0; i < users.size(); i++) {
      String[] u = users.get(i);
      auth.append(i == 0 ? "" : ",").append("{\"username\": \"").append(u[0])
          .append("\", \"algorithm\": \"sha512\", \"salt\": \"s-").append(u[0]).append("\", \"password_hash\": \"")
          .append(io.github.eventcontracts.registry.server.auth.PasswordHash.SHA512.hash("s-" + u[0], u[1])).append("\"}");
      permissions.append(i == 0 ? "" : ",").append("{\"username\": \"").append(u[0])
          .append("\", \"operation\": \"Write\", \"resource\": \"").append(u[2]).append("\"}");
    }
    try {
      Path authFile = tls.resolve("auth.json");
      Files.writeString(authFile, auth.append(permissions).append("]}").toString());
      EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults()
          .withListeners(java.util.List.of(RegistryOptions.Listener.parse("https://127.0.0.1:0")))
          .withTls(new RegistryOptions.Tls(certificates.keyStore("registry"), "PKCS12",
              io.github.eventcontracts.registry.server.TestCertificates.PASSWORD, null, null, null, null,
              RegistryOptions.ClientAuth.NONE, java.util.List.of()))
          .withAuthFile(authFile));
      System.getProperties().put("it." + basedir.getName() + ".registry", registry);
      Path config = basedir.toPath().resolve(".mvn/maven.config");
      Files.createDirectories(config.getParent());
      Files.writeString(config, "-Dschema.registryUrl=" + registry.url() + "\n-Dschema.registryServerId=" + serverId
          + "\n-Dschema.registryTrustStore=" + certificates.trustStore() + "\n-Dschema.registryTrustStorePassword="
          + io.github.eventcontracts.registry.server.TestCertificates.PASSWORD + "\n", StandardCharsets.UTF_8);
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
