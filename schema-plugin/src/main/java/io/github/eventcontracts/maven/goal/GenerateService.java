package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.codegen.AvroOptions;
import io.github.eventcontracts.codegen.CatalogEntry;
import io.github.eventcontracts.codegen.CodeGenerator;
import io.github.eventcontracts.codegen.GenerateRequest;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.util.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The generate goal: Avro SpecificRecord classes (avro-compiler), Protobuf classes (protoc, the
 * version the project's protobuf-java needs), and a catalog class listing every subject with its
 * class, fingerprint and schema; optionally a descriptor set of every proto. Does nothing when the
 * inputs and settings are unchanged and the outputs are there.
 */
public final class GenerateService {
  /** Finds the protoc executable of a version, e.g. from Maven Central, unpacked into a folder. */
  @FunctionalInterface
  public interface ProtocSource {
    Path resolve(String version, Path into);
  }

  /**
   * @param protobufVersion protoc's version as configured, or null to follow {@code runtimeProtobufVersion}
   * @param runtimeProtobufVersion the project's protobuf-java, or null when it has none
   * @param protocExecutable a protoc to use instead of resolving one, or null
   * @param descriptorSet where to write a descriptor set (when there is a proto), or null
   * @param catalogClass the catalog's class name; empty for none
   */
  public record Request(ContractsRequest contracts, Path outputDirectory, AvroOptions avro, String protobufVersion,
      String runtimeProtobufVersion, Path protocExecutable, Path descriptorSet, String catalogClass) {}

  private final Request request;
  private final GoalLog log;
  private final Contracts contracts;
  private final ProtocSource protocSource;

  public GenerateService(Request request, GoalLog log, Map<Object, Object> shared, ProtocSource protocSource) {
    this.request = request;
    this.log = log;
    this.contracts = new Contracts(request.contracts(), log, shared);
    this.protocSource = protocSource;
  }

  public void run() {
    String version = protocVersion(request.protobufVersion(), request.runtimeProtobufVersion());
    // the request is a record: every setting that shapes the output is in its text
    String digest = UpToDateMarker.combine(contracts.inputsDigest(), request.toString(), version);
    Path descriptorSet = request.descriptorSet();
    boolean outputsPresent = Files.isDirectory(request.outputDirectory())
        && (descriptorSet == null || Files.isRegularFile(descriptorSet) || !hasProtoFiles());
    contracts.unlessUpToDate("generate", digest, outputsPresent, "Contracts unchanged since the last generate; "
        + "sources in " + request.outputDirectory() + " are up to date", () -> generate(version));
  }

  /** Whether the schemas folder holds a proto at all (without parsing): else no descriptor set is written. */
  private boolean hasProtoFiles() {
    try (var walk = Files.walk(request.contracts().project().schemaDirectory())) {
      return walk.anyMatch(p -> p.toString().endsWith(".proto"));
    } catch (IOException e) {
      return true;
    }
  }

  private void generate(String version) {
    ContractProject project = contracts.load();
    boolean hasProto = project.subjects().stream().anyMatch(s -> s.contract().type() == SchemaType.PROTOBUF);
    Path work = request.contracts().workDirectory();
    Path protoc = null;
    Path includes = null;
    if (hasProto) {
      log.info("Protobuf classes with protoc " + version
          + (request.protocExecutable() != null ? " (" + request.protocExecutable() + ")" : ""));
      protoc = request.protocExecutable() != null ? request.protocExecutable()
          : protocSource.resolve(version, work.resolve("protoc"));
      includes = CodeGenerator.extractWellKnownTypes(work.resolve("protoc-include"));
    }
    try {
      Folders.delete(request.outputDirectory()); // stale classes of deleted contracts must not survive
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + request.outputDirectory(), e);
    }
    String catalog = request.catalogClass();
    List<CatalogEntry> entries = CodeGenerator.generate(new GenerateRequest(project,
        request.contracts().project().schemaDirectory(), request.contracts().project().importRoots(),
        request.outputDirectory(), request.avro(), protoc, includes, request.descriptorSet(),
        catalog.isBlank() ? null : catalog, subject -> metadataTags(subject, project)));
    for (CatalogEntry e : entries) {
      log.info("Generated " + e.describeClass() + " for " + e.subject() + " (" + e.file() + ")");
    }
    if (!catalog.isBlank()) {
      log.info("Generated catalog " + catalog + " with " + entries.size() + " subject(s)");
    }
  }

  /**
   * {@code <groupId>.<ArtifactId>Catalog}, e.g. {@code com.acme.PaymentEventsCatalog}: two event-model
   * modules of one group must not both ship the same class.
   */
  public static String defaultCatalogClass(String groupId, String artifactId) {
    String pkg = groupId.replaceAll("[^A-Za-z0-9_.]", "_").replaceAll("\\.(\\d)", "._$1");
    StringBuilder name = new StringBuilder();
    for (String part : artifactId.split("[^A-Za-z0-9]+")) {
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
  static String protocVersion(String requested, String runtime) {
    if (requested == null || requested.isBlank()) {
      return runtime != null ? runtime : builtWithProtobuf();
    }
    if (runtime != null && !protocFits(requested, runtime)) {
      throw new UserInputException("schema.protobufVersion is " + requested + " but the project uses "
          + "protobuf-java " + runtime + ": code from protoc " + requested + " does not compile against it. "
          + "Remove schema.protobufVersion (protoc then follows protobuf-java), or set it to " + runtime
          + ", or upgrade protobuf-java to " + requested);
    }
    return requested;
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

  /** The subject's {@code metadata.tags} from its data contract, for the catalog's field tags. */
  private static java.util.Map<String, List<String>> metadataTags(
      io.github.eventcontracts.core.project.SubjectContract subject, ContractProject project) {
    var metadata = RegistryForms.dataContract(subject, project).metadata();
    java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (metadata != null) {
      metadata.tags().forEach((path, tags) -> out.put(path, List.copyOf(tags)));
    }
    return out;
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
    try (InputStream in = GenerateService.class.getResourceAsStream("/io/github/eventcontracts/maven/plugin.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("protobuf.version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("plugin.properties is missing from the plugin jar", e);
    }
  }
}
