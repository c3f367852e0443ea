package io.github.eventcontracts.codegen;

import io.github.eventcontracts.core.parse.ProtobufContractParser;

import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.ProtoSource;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.project.RegistryForm;
import io.github.eventcontracts.core.project.SubjectContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.apache.avro.generic.GenericData;

/**
 * Generates Java for a project's contracts: Avro SpecificRecord classes with avro-compiler (all
 * schemas together, so types from other files resolve), Protobuf classes with protoc, and a
 * catalog class listing every subject with its class, fingerprint and schema.
 */
public final class CodeGenerator {
  private CodeGenerator() {}

  public static List<CatalogEntry> generate(GenerateRequest request) {
    try {
      Files.createDirectories(request.outputDirectory());
      List<SubjectContract> avro = request.project().subjects().stream()
          .filter(s -> s.contract().type() == SchemaType.AVRO).toList();
      List<SubjectContract> proto = request.project().subjects().stream()
          .filter(s -> s.contract().type() == SchemaType.PROTOBUF).toList();
      // protoc is its own process: start it, render Avro meanwhile, then wait for it.
      RunningProtoc protoc = proto.isEmpty() ? null : startProtoc(proto, request);
      try {
        if (!avro.isEmpty()) {
          generateAvro(avro, request);
        }
      } finally {
        if (protoc != null) {
          protoc.await();
        }
      }
      List<CatalogEntry> entries = new ArrayList<>();
      for (SubjectContract s : request.project().subjects()) {
        if (!s.event()) {
          continue; // shared types get classes, but the catalog lists events
        }
        RegistryForm form = RegistryForm.of(s, request.project());
        entries.add(new CatalogEntry(s.subject(), JavaNames.classOf(s.contract(), s.recordName()),
            s.contract().type().name(), s.contract().fingerprint(), form.canonical(), s.path(),
            io.github.eventcontracts.core.model.FieldTags.of(s.contract(), request.metadataTags().apply(s))));
      }
      if (request.catalogClass() != null && !request.catalogClass().isBlank()) {
        CatalogWriter.write(request.catalogClass(), entries, request.outputDirectory());
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate sources into " + request.outputDirectory() + ": " + e.getMessage(), e);
    }
  }

  private static void generateAvro(List<SubjectContract> subjects, GenerateRequest request) throws IOException {
    List<Schema> schemas = subjects.stream().map(s -> s.contract().avro().schema()).toList();
    refuseClassesThatArePackages(subjects);
    SpecificCompiler compiler = new SpecificCompiler(schemas);
    enableTemplateCache(compiler);
    Path templates = AvroTemplates.withHashCodeFix();
    if (templates != null) {
      compiler.setTemplateDir(templates.toString() + "/");
    }
    AvroOptions o = request.avro();
    compiler.setStringType(GenericData.StringType.valueOf(o.stringType()));
    compiler.setEnableDecimalLogicalType(o.enableDecimalLogicalType());
    compiler.setFieldVisibility(SpecificCompiler.FieldVisibility.valueOf(o.fieldVisibility().toUpperCase(Locale.ROOT)));
    compiler.setCreateSetters(o.createSetters());
    compiler.setCreateOptionalGetters(o.createOptionalGetters());
    compiler.setOutputCharacterEncoding("UTF-8");
    compiler.compileToDestination(null, request.outputDirectory().toFile());
    // Types from other modules' jars come with their classes: generating them again here would put
    // a second copy of each class on the class path.
    List<Schema> external = new ArrayList<>();
    java.util.Map<Schema, Boolean> seen = new java.util.IdentityHashMap<>();
    request.project().externals().stream().filter(e -> e.contract().type() == SchemaType.AVRO)
        .forEach(e -> io.github.eventcontracts.core.parse.AvroContractParser.collectNamed(e.contract().avro().schema(),
            external, seen));
    for (Schema type : external) {
      Files.deleteIfExists(request.outputDirectory().resolve(type.getFullName().replace('.', '/') + ".java"));
    }
  }

  /**
   * A named type whose namespace is another type's full name ({@code SchemaNS.SchemaName.data1}
   * beside record {@code SchemaNS.SchemaName}, as Spark and Hudi write nested records) is valid
   * Avro, but Java cannot have a package and a class of one name: javac would fail on generated
   * code. Say which types and files, before javac does.
   */
  private static void refuseClassesThatArePackages(List<SubjectContract> subjects) {
    java.util.Map<String, String> fileByType = new java.util.LinkedHashMap<>();
    for (SubjectContract s : subjects) {
      List<Schema> named = new ArrayList<>();
      io.github.eventcontracts.core.parse.AvroContractParser.collectNamed(s.contract().avro().schema(), named,
          new java.util.IdentityHashMap<>());
      named.forEach(t -> fileByType.putIfAbsent(t.getFullName(), s.contract().file()));
    }
    List<String> clashes = new ArrayList<>();
    for (var type : fileByType.entrySet()) {
      int dot = type.getKey().lastIndexOf('.');
      String namespace = dot < 0 ? "" : type.getKey().substring(0, dot);
      if (fileByType.containsKey(namespace)) {
        clashes.add(type.getKey() + " (" + type.getValue() + ") is in namespace " + namespace + ", which is also the "
            + "record " + namespace + " (" + fileByType.get(namespace) + ")");
      }
    }
    if (!clashes.isEmpty()) {
      throw new UserInputException("cannot generate Java for these Avro types: a Java package and a class cannot "
          + "share a name. " + String.join("; ", clashes) + ". Give the nested types another namespace (a new "
          + "schema for readers that resolve by name), or leave the file out of generation");
    }
  }

  /**
   * avro-compiler's Velocity engine does not cache templates, so every generated class re-parses
   * them (most of the time for a large tree). The engine initializes on first use, so turning the
   * class-path loader's cache on right after construction takes effect. If avro-compiler changes
   * its internals this does nothing, and generation is only slower.
   */
  static boolean enableTemplateCache(SpecificCompiler compiler) {
    try {
      java.lang.reflect.Field field = SpecificCompiler.class.getDeclaredField("velocityEngine");
      field.setAccessible(true);
      org.apache.velocity.app.VelocityEngine engine = (org.apache.velocity.app.VelocityEngine) field.get(compiler);
      engine.setProperty("resource.loader.class.cache", true);
      engine.setProperty("resource.loader.file.cache", true);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** A protoc run in progress; {@link #await()} fails with protoc's own messages. */
  private record RunningProtoc(Process process, java.util.concurrent.CompletableFuture<String> output, Path staging,
      java.util.Map<String, ProtoSource> sources) {
    void await() {
      try {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException("protoc did not finish in 5 minutes");
        }
        String text = output.join().trim();
        // protoc names files by import path; say them as the user knows them
        for (var source : sources.entrySet()) {
          text = text.replace(staging + "/" + source.getKey(), source.getValue().displayPath())
              .replaceAll("(?m)^" + java.util.regex.Pattern.quote(source.getKey()) + ":",
                  java.util.regex.Matcher.quoteReplacement(source.getValue().displayPath()) + ":");
        }
        if (process.exitValue() != 0) {
          throw new UserInputException("protoc failed (exit " + process.exitValue() + "):\n" + text);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running protoc", e);
      } finally {
        try {
          io.github.eventcontracts.core.util.Folders.delete(staging);
        } catch (IOException e) {
          // a temporary folder left behind is no reason to fail the build
        }
      }
    }
  }

  private static final java.util.regex.Pattern CONFLUENT_META_IMPORT = java.util.regex.Pattern.compile(
      "import\\s+(public\\s+|weak\\s+)?\"" + java.util.regex.Pattern.quote(ProtobufContractParser.CONFLUENT_META) + "\"");

  private static RunningProtoc startProtoc(List<SubjectContract> subjects, GenerateRequest request) throws IOException {
    if (request.protoc() == null) {
      throw new UserInputException("proto contracts need protoc, and none was given");
    }
    // protoc reads exactly the files validation parsed, staged under their import paths, so the two
    // cannot resolve an import differently (import roots, shadowing, files outside the folder).
    Path staging = Files.createTempDirectory("protoc-input").toRealPath();
    java.util.Map<String, ProtoSource> sources = new java.util.TreeMap<>();
    subjects.forEach(s -> sources.putAll(s.contract().protobuf().sources()));
    for (var source : sources.entrySet()) {
      Path file = staging.resolve(source.getKey()).normalize();
      if (!file.startsWith(staging)) {
        throw new UserInputException(source.getValue().displayPath() + ": import path " + source.getKey()
            + " leaves the import roots");
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue().text(), StandardCharsets.UTF_8);
    }
    // Confluent's metadata option is imported without a reference; its class (MetaProto) must be
    // generated beside the contracts that use it, or their descriptors cannot initialise
    boolean usesConfluentMeta = sources.values().stream().anyMatch(s -> CONFLUENT_META_IMPORT.matcher(s.text()).find());
    if (usesConfluentMeta && !sources.containsKey(ProtobufContractParser.CONFLUENT_META)) {
      Path meta = staging.resolve(ProtobufContractParser.CONFLUENT_META);
      Files.createDirectories(meta.getParent());
      try (var in = CodeGenerator.class.getClassLoader().getResourceAsStream(ProtobufContractParser.CONFLUENT_META)) {
        Files.write(meta, in.readAllBytes());
      }
    }
    List<String> command = new ArrayList<>();
    command.add(request.protoc().toString());
    command.add("--proto_path=" + staging);
    if (request.protocIncludes() != null) {
      command.add("--proto_path=" + request.protocIncludes().toAbsolutePath());
    }
    command.add("--java_out=" + request.outputDirectory().toAbsolutePath());
    if (request.descriptorSet() != null) {
      Files.createDirectories(request.descriptorSet().toAbsolutePath().getParent());
      command.add("--descriptor_set_out=" + request.descriptorSet().toAbsolutePath());
      command.add("--include_imports");
    }
    subjects.forEach(s -> command.add(s.contract().protobuf().file().getLocation().getPath()));
    if (usesConfluentMeta && !sources.containsKey(ProtobufContractParser.CONFLUENT_META)) {
      command.add(ProtobufContractParser.CONFLUENT_META);
    }
    Process process = new ProcessBuilder(command).directory(staging.toFile())
        .redirectErrorStream(true).start();
    process.getOutputStream().close();
    // drain the output concurrently so protoc never blocks on a full pipe
    var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read protoc's output: " + e.getMessage() + ")";
      }
    });
    return new RunningProtoc(process, output, staging, sources);
  }

  /** Writes google/protobuf/*.proto from protobuf-java (same version as protoc) into {@code directory}. */
  public static Path extractWellKnownTypes(Path directory) {
    try {
      Path target = directory.resolve("google/protobuf");
      Files.createDirectories(target);
      for (String name : List.of("any", "api", "descriptor", "duration", "empty", "field_mask", "source_context",
          "struct", "timestamp", "type", "wrappers")) {
        String resource = "google/protobuf/" + name + ".proto";
        java.net.URL chosen = io.github.eventcontracts.core.util.ClasspathResources.preferring(
            CodeGenerator.class.getClassLoader(), resource, "protobuf-java");
        if (chosen == null) {
          throw new IllegalStateException(resource + " is not on the classpath; protobuf-java should provide it");
        }
        try (var in = chosen.openStream()) {
          byte[] bytes = in.readAllBytes();
          Path file = target.resolve(name + ".proto");
          if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
          }
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
