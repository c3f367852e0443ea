package io.github.eventcontracts.maven;

import io.github.eventcontracts.codegen.AvroOptions;
import io.github.eventcontracts.codegen.CatalogEntry;
import io.github.eventcontracts.codegen.CodeGenerator;
import io.github.eventcontracts.codegen.GenerateRequest;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.project.ContractProject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Generates Java classes for every contract: Avro SpecificRecord classes (avro-compiler), Protobuf
 * classes (protoc from Maven Central, same version as protobuf-java), and a catalog class listing
 * every subject with its class, fingerprint and schema. Adds them to the compile roots; does nothing
 * when the inputs are unchanged.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class GenerateMojo extends AbstractSchemaMojo {
  /** Where generated sources go. */
  @Parameter(property = "schema.generate.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/schemas")
  File outputDirectory;

  /** Avro string type: String, CharSequence or Utf8. */
  @Parameter(property = "schema.avro.stringType", defaultValue = "String")
  String stringType;

  /** Avro decimals as BigDecimal. */
  @Parameter(property = "schema.avro.enableDecimalLogicalType", defaultValue = "true")
  boolean enableDecimalLogicalType;

  /** Avro field visibility: private or public. */
  @Parameter(property = "schema.avro.fieldVisibility", defaultValue = "private")
  String fieldVisibility;

  /** Generate setters on Avro records. */
  @Parameter(property = "schema.avro.createSetters", defaultValue = "true")
  boolean createSetters;

  /** Also generate Optional getters on Avro records. */
  @Parameter(property = "schema.avro.createOptionalGetters", defaultValue = "false")
  boolean createOptionalGetters;

  /**
   * protoc's version. Default: the project's own protobuf-java version (generated code needs a
   * runtime at least as new as the protoc that wrote it), else the version this plugin was built with.
   */
  @Parameter(property = "schema.protobufVersion")
  String protobufVersion;

  /** Use this protoc instead of resolving it from Maven Central. */
  @Parameter(property = "schema.protocExecutable")
  File protocExecutable;

  /** Also write a descriptor set of every proto (imports included) here. */
  @Parameter(property = "schema.descriptorSetFile")
  File descriptorSetFile;

  /** The catalog class; default {@code <groupId>.<ArtifactId>Catalog}, one per module; empty for none. */
  @Parameter(property = "schema.catalogClass")
  String catalogClass;

  @Component
  RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
  RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  List<RemoteRepository> remoteRepositories;

  @Override
  void run() throws MojoFailureException {
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    String version = protocVersion();
    String catalog = catalogClass != null ? catalogClass : defaultCatalogClass();
    AvroOptions avro = new AvroOptions(stringType, enableDecimalLogicalType, fieldVisibility, createSetters,
        createOptionalGetters);
    // every setting that shapes the output, the Avro options as their record says them
    String digest = UpToDateMarker.combine(inputsDigest(), outputDirectory.getAbsolutePath(), avro.toString(), version,
        String.valueOf(protocExecutable), String.valueOf(descriptorSetFile), catalog);
    boolean outputsPresent = outputDirectory.isDirectory() && (descriptorSetFile == null || descriptorSetFile.isFile());
    unlessUpToDate("generate", digest, outputsPresent, "Contracts unchanged since the last generate; sources in "
        + outputDirectory + " are up to date", () -> generate(version, catalog, avro));
  }

  private void generate(String version, String catalog, AvroOptions avro) throws MojoFailureException {
    ContractProject contracts = loadProject();
    boolean hasProto = contracts.subjects().stream().anyMatch(s -> s.contract().type() == SchemaType.PROTOBUF);
    Path work = Path.of(project.getBuild().getDirectory(), "schema-plugin");
    Path protoc = null;
    Path includes = null;
    if (hasProto) {
      getLog().info("Protobuf classes with protoc " + version + (protocExecutable != null ? " (" + protocExecutable + ")" : ""));
      protoc = protocExecutable != null ? protocExecutable.toPath()
          : ProtocResolver.resolve(repositorySystem, repositorySession, remoteRepositories, version, work.resolve("protoc"));
      includes = CodeGenerator.extractWellKnownTypes(work.resolve("protoc-include"));
    }
    cleanOutput();
    List<CatalogEntry> entries = CodeGenerator.generate(new GenerateRequest(contracts, schemaDirectory.toPath(),
        importRoots.stream().map(File::toPath).toList(), outputDirectory.toPath(),
        avro,
        protoc, includes, descriptorSetFile == null ? null : descriptorSetFile.toPath(),
        catalog.isBlank() ? null : catalog));
    for (CatalogEntry e : entries) {
      getLog().info("Generated " + e.describeClass() + " for " + e.subject() + " (" + e.file() + ")");
    }
    if (!catalog.isBlank()) {
      getLog().info("Generated catalog " + catalog + " with " + entries.size() + " subject(s)");
    }
  }

  private void cleanOutput() {
    // Stale classes from deleted contracts must not survive a regeneration.
    try {
      io.github.eventcontracts.core.util.Folders.delete(outputDirectory.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + outputDirectory, e);
    }
  }

  /**
   * {@code <groupId>.<ArtifactId>Catalog}, e.g. {@code com.acme.PaymentEventsCatalog}: two event-model
   * modules of one group must not both ship the same class.
   */
  private String defaultCatalogClass() {
    String pkg = project.getGroupId().replaceAll("[^A-Za-z0-9_.]", "_").replaceAll("\\.(\\d)", "._$1");
    StringBuilder name = new StringBuilder();
    for (String part : project.getArtifactId().split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    if (name.length() == 0 || !Character.isJavaIdentifierStart(name.charAt(0))) {
      name.insert(0, "Events");
    }
    return pkg + "." + name + "Catalog";
  }

  /**
   * The protoc to run: the one asked for, else the project's protobuf-java version, else ours. A
   * protoc newer than the project's protobuf-java (or of another major version) writes code that
   * does not compile against it: that fails here, with what to change, not later in javac.
   */
  String protocVersion() throws MojoFailureException {
    String runtime = null;
    if (project != null && project.getArtifacts() != null) {
      for (org.apache.maven.artifact.Artifact a : project.getArtifacts()) {
        if ("com.google.protobuf".equals(a.getGroupId()) && "protobuf-java".equals(a.getArtifactId())) {
          runtime = a.getVersion();
        }
      }
    }
    if (protobufVersion == null || protobufVersion.isBlank()) {
      return runtime != null ? runtime : builtWithProtobuf();
    }
    if (runtime != null && !protocFits(protobufVersion, runtime)) {
      throw new MojoFailureException("schema.protobufVersion is " + protobufVersion + " but the project uses "
          + "protobuf-java " + runtime + ": code from protoc " + protobufVersion + " does not compile against it. "
          + "Remove schema.protobufVersion (protoc then follows protobuf-java), or set it to " + runtime
          + ", or upgrade protobuf-java to " + protobufVersion);
    }
    return protobufVersion;
  }

  /**
   * Whether code from protoc {@code protoc} runs on protobuf-java {@code runtime}: same major version
   * (protoc 25.x pairs with protobuf-java 3.25.x, 4.x with 4.x) and not newer.
   */
  static boolean protocFits(String protoc, String runtime) {
    int[] p = parts(protoc);
    int[] r = parts(runtime);
    // protoc 3.x.y and 4.x.y are the releases protobuf-java 3.x.y and 4.x.y came with
    return p[0] == r[0] && (p[1] < r[1] || p[1] == r[1] && p[2] <= r[2]);
  }

  private static int[] parts(String version) {
    String[] split = version.split("[.-]");
    int[] out = new int[3];
    for (int i = 0; i < 3 && i < split.length; i++) {
      try {
        out[i] = Integer.parseInt(split[i]);
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
    }
    return out;
  }

  static String builtWithProtobuf() {
    try (InputStream in = GenerateMojo.class.getResourceAsStream("plugin.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("protobuf.version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("plugin.properties is missing from the plugin jar", e);
    }
  }
}
