package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.GitBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** What check and report share: choosing the baseline and checking against it. */
abstract class AbstractCheckMojo extends AbstractSchemaMojo {
  /**
   * What to check against: {@code git:<ref>} (e.g. {@code git:origin/main}), or a folder path.
   * When unset, the registry at {@code registryUrl} is the baseline.
   */
  @Parameter(property = "schema.against")
  String against;

  /** With {@code git:<ref>}, compare with the merge-base of HEAD and the ref rather than its tip. */
  @Parameter(property = "schema.mergeBase", defaultValue = "true")
  boolean mergeBase;

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

  @Parameter(defaultValue = "${settings}", readonly = true)
  Settings settings;

  @Component
  SettingsDecrypter settingsDecrypter;

  /** True when there is anything to check against. */
  boolean hasBaseline() {
    return (against != null && !against.isBlank()) || !registryUrls.isEmpty();
  }

  /** Digest input naming the baseline; null when the baseline cannot be fingerprinted (a registry). */
  String baselineKey() {
    if (against == null || against.isBlank()) {
      return null;
    }
    if (against.startsWith("git:")) {
      String ref = against.substring(4);
      return "git " + GitBaseline.commit(project.getBasedir().toPath(), ref, mergeBase);
    }
    Path folder = baselineFolder();
    return "folder " + folder + " " + UpToDateMarker.digest(List.of(folder), "");
  }

  private Path baselineFolder() {
    Path folder = Path.of(against.startsWith("dir:") ? against.substring(4) : against);
    return folder.isAbsolute() ? folder : project.getBasedir().toPath().resolve(folder).normalize();
  }

  Baseline baseline(ContractProject contracts) throws MojoFailureException {
    if (against != null && !against.isBlank()) {
      if (against.startsWith("git:")) {
        Path scratch = Path.of(project.getBuild().getDirectory(), "schema-plugin", "git-baseline");
        return GitBaseline.at(project.getBasedir().toPath(), against.substring(4), schemaDirectory.toPath(), mergeBase,
            scratch);
      }
      Path folder = baselineFolder();
      if (!folder.toFile().isDirectory()) {
        throw new MojoFailureException("schema.against=" + against + ": no such folder " + folder
            + "; use git:<ref> or a folder holding the baseline contracts");
      }
      return FolderBaseline.of(folder);
    }
    RegistryClientConfig.Builder config = RegistryClientConfig.builder(registryUrls.toArray(String[]::new))
        .requestTimeout(Duration.ofSeconds(registryTimeoutSeconds));
    applyCredentials(config);
    return new RegistryBaseline(new RegistryClient(config.build()), String.join(",", registryUrls), contracts,
        getLog()::warn);
  }

  private void applyCredentials(RegistryClientConfig.Builder config) throws MojoFailureException {
    Server clear = serverCredentials();
    if (clear != null && clear.getUsername() != null && clear.getPassword() != null) {
      config.basicAuth(clear.getUsername() + ":" + clear.getPassword());
    } else if (clear != null && clear.getPassword() != null) {
      config.bearerToken(clear.getPassword());
    }
    if (registryTrustStore != null || registryKeyStore != null) {
      if (registryKeyStore != null && (clear == null || clear.getPassphrase() == null)) {
        throw new MojoFailureException("schema.registryKeyStore needs its password as the <passphrase> of the "
            + "settings.xml server named by schema.registryServerId");
      }
      config.tls(registryTrustStore == null ? null : registryTrustStore.toPath(),
          registryTrustStorePassword == null ? null : registryTrustStorePassword.toCharArray(),
          registryKeyStore == null ? null : registryKeyStore.toPath(),
          registryKeyStore == null ? null : clear.getPassphrase().toCharArray());
    }
  }

  private Server serverCredentials() throws MojoFailureException {
    if (registryServerId == null || registryServerId.isBlank()) {
      return null;
    }
    Server server = settings == null ? null : settings.getServer(registryServerId);
    if (server == null) {
      throw new MojoFailureException("settings.xml has no <server> with id '" + registryServerId
          + "'; add one with the registry's username and password");
    }
    SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem problem : decrypted.getProblems()) {
      getLog().warn("settings.xml server '" + registryServerId + "': " + problem.getMessage());
    }
    return decrypted.getServer();
  }

  /** Loads, lints, and checks against the baseline; logs every finding. */
  CheckReport check() throws MojoFailureException {
    ContractProject contracts = loadProject();
    List<Diagnostic> lint = lint(contracts);
    Baseline baseline = baseline(contracts);
    getLog().info("Checking " + contracts.subjects().size() + " subject(s) against " + baseline.describe());
    CheckReport report;
    try {
      report = new ProjectChecker().check(contracts, baseline, lint);
    } catch (RegistryException e) {
      throw new MojoFailureException("Registry check failed: " + e.getMessage(), e);
    }
    for (SubjectCheck check : report.subjects()) {
      String line = String.format("%-12s %s (%s, %s)", check.status() == ChangeStatus.CHANGED
          ? (check.compatible() ? "COMPATIBLE" : "INCOMPATIBLE") : check.status().name(),
          check.subject().contract().file(), check.subject().subject(), check.subject().level());
      if (check.compatible()) {
        getLog().info(line);
      } else {
        getLog().error(line);
      }
      if (check.result() != null) {
        for (Difference d : check.result().differences()) {
          if (d.compatible()) {
            getLog().debug(d.toDiagnostic(check.result().level()).format());
          } else {
            getLog().error(d.toDiagnostic(check.result().level()).format());
          }
        }
      }
      check.remote().filter(r -> !r.compatible()).ifPresent(r -> getLog().error(check.subject().contract().file()
          + ": the registry says " + check.subject().subject() + " is incompatible: " + String.join("; ", r.messages())));
    }
    report.removed().forEach(f -> getLog().info("REMOVED      " + f));
    return report;
  }

  static String failing(CheckReport report) {
    return report.incompatible().stream()
        .map(s -> s.subject().contract().file() + " (" + s.subject().subject() + ")")
        .collect(Collectors.joining(", "));
  }

  List<Path> inputFolders() {
    List<Path> folders = new ArrayList<>();
    folders.add(schemaDirectory.toPath());
    importRoots.stream().map(File::toPath).forEach(folders::add);
    return folders;
  }
}
