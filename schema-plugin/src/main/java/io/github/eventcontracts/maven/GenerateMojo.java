package io.github.eventcontracts.maven;

import io.github.eventcontracts.codegen.AvroOptions;
import io.github.eventcontracts.core.project.SchemaLibrary;
import io.github.eventcontracts.maven.goal.GenerateService;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Resource;
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

  /**
   * Put the contracts into the jar under {@code META-INF/schemas/} (where the serializers, and
   * modules referencing these types, find them), with the descriptor set of every proto beside
   * them unless {@code descriptorSetFile} says elsewhere. Off for a module whose jar must not carry
   * its contracts.
   */
  @Parameter(property = "schema.packageContracts", defaultValue = "true")
  boolean packageContracts;

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
  void run() {
    project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
    File descriptors = descriptorSetFile;
    if (packageContracts) {
      // the event-model jar's layout, defined once (SchemaLibrary.JAR_FOLDER): the contracts as
      // written, and protoc's descriptor set beside them
      Resource contracts = new Resource();
      contracts.setDirectory(schemaDirectory.getAbsolutePath());
      contracts.setTargetPath(SchemaLibrary.JAR_FOLDER);
      project.addResource(contracts);
      if (descriptors == null) {
        descriptors = Path.of(project.getBuild().getOutputDirectory(), SchemaLibrary.JAR_FOLDER, "descriptors.pb").toFile();
      }
    }
    String catalog = catalogClass != null ? catalogClass
        : GenerateService.defaultCatalogClass(project.getGroupId(), project.getArtifactId());
    AvroOptions avro = new AvroOptions(stringType, enableDecimalLogicalType, fieldVisibility, createSetters,
        createOptionalGetters);
    new GenerateService(new GenerateService.Request(contractsRequest(), outputDirectory.toPath(), avro, protobufVersion,
        runtimeProtobufVersion(), protocExecutable == null ? null : protocExecutable.toPath(),
        descriptors == null ? null : descriptors.toPath(), catalog), log(), shared(),
        (version, into) -> ProtocResolver.resolve(repositorySystem, repositorySession, remoteRepositories, version, into))
        .run();
  }

  /** The project's protobuf-java version, or null when it has none. */
  private String runtimeProtobufVersion() {
    String runtime = null;
    if (project.getArtifacts() != null) {
      for (org.apache.maven.artifact.Artifact a : project.getArtifacts()) {
        if ("com.google.protobuf".equals(a.getGroupId()) && "protobuf-java".equals(a.getArtifactId())) {
          runtime = a.getVersion();
        }
      }
    }
    return runtime;
  }
}
