package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.GoalFailure;
import io.github.eventcontracts.maven.goal.RegistryTarget;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Goals that talk to a registry: where it is and how to authenticate, from parameters and settings.xml. */
abstract class AbstractRegistryMojo extends AbstractSchemaMojo {
  /** Registry URL(s); several fail over. */
  @Parameter(property = "schema.registryUrl")
  List<String> registryUrls = new ArrayList<>();

  /**
   * The {@code <server>} id in settings.xml holding the registry credentials: username and password
   * for basic auth, or only a password used as a bearer token. Never put secrets in the POM.
   */
  @Parameter(property = "schema.registryServerId")
  String registryServerId;

  /** A truststore (PKCS12 or .jks) with the registry's CA, for https registries with a private CA. */
  @Parameter(property = "schema.registryTrustStore")
  File registryTrustStore;

  /** The truststore's password, if it has one (it holds only public certificates). */
  @Parameter(property = "schema.registryTrustStorePassword")
  String registryTrustStorePassword;

  /**
   * A keystore with a client certificate for mutual TLS; its password is the {@code <passphrase>}
   * of the settings.xml server named by {@code registryServerId}.
   */
  @Parameter(property = "schema.registryKeyStore")
  File registryKeyStore;

  /** Registry request timeout in seconds. */
  @Parameter(property = "schema.registryTimeoutSeconds", defaultValue = "30")
  int registryTimeoutSeconds;

  /**
   * Register, look up and check schemas with Confluent's {@code normalize=true}: the registry
   * compares and stores each schema's normal form (Protobuf: names fully qualified, fields in tag
   * order, imports sorted), so the same schema written another way is not a new version. Like
   * Confluent's {@code normalizeSchemas}.
   */
  @Parameter(property = "schema.normalizeSchemas", defaultValue = "false")
  boolean normalizeSchemas;

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component
  SettingsDecrypter settingsDecrypter;

  /** The configured registry; its connection (credentials, TLS) is read from settings.xml when first used. */
  RegistryTarget registryTarget() {
    return new RegistryTarget(registryUrls, normalizeSchemas, this::clientConfig);
  }

  private RegistryClientConfig clientConfig() {
    RegistryClientConfig.Builder config = RegistryClientConfig.builder(registryUrls.toArray(String[]::new))
        .requestTimeout(Duration.ofSeconds(registryTimeoutSeconds));
    applyCredentials(config);
    return config.build();
  }

  private void applyCredentials(RegistryClientConfig.Builder config) {
    Server clear = serverCredentials();
    if (clear != null && clear.getUsername() != null && clear.getPassword() != null) {
      config.basicAuth(clear.getUsername() + ":" + clear.getPassword());
    } else if (clear != null && clear.getPassword() != null) {
      config.bearerToken(clear.getPassword());
    }
    if (registryTrustStore != null || registryKeyStore != null) {
      if (registryKeyStore != null && (clear == null || clear.getPassphrase() == null)) {
        throw new GoalFailure("schema.registryKeyStore needs its password as the <passphrase> of the "
            + "settings.xml server named by schema.registryServerId");
      }
      config.tls(registryTrustStore == null ? null : registryTrustStore.toPath(),
          registryTrustStorePassword == null ? null : registryTrustStorePassword.toCharArray(),
          registryKeyStore == null ? null : registryKeyStore.toPath(),
          registryKeyStore == null ? null : clear.getPassphrase().toCharArray());
    }
  }

  private Server serverCredentials() {
    if (registryServerId == null || registryServerId.isBlank()) {
      return null;
    }
    Server server = settings == null ? null : settings.getServer(registryServerId);
    if (server == null) {
      throw new GoalFailure("settings.xml has no <server> with id '" + registryServerId
          + "'; add one with the registry's username and password");
    }
    SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : decrypted.getProblems()) {
      getLog().warn("settings.xml server '" + registryServerId + "': " + problem.getMessage());
    }
    return decrypted.getServer();
  }

}
