package io.github.eventcontracts.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated sources compile, and the catalog answers for every subject, including those without one class. */
class CodeGeneratorTest {
  @TempDir Path dir;


  @Test
  void aTopLevelUnionHasNoSingleClassAndTheCatalogSaysSoPlainly() throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("created.avsc"), record("Created", "{\"name\": \"id\", \"type\": \"string\"}"));
    Files.writeString(schemas.resolve("cancelled.avsc"), record("Cancelled", "{\"name\": \"why\", \"type\": \"string\"}"));
    // Confluent's way of putting several event types in one topic: a union of references
    Files.writeString(schemas.resolve("order-events.avsc"), "[\"acme.Created\", \"acme.Cancelled\"]");
    ContractProject project = load(schemas);

    List<CatalogEntry> entries = generate(project, schemas);
    CatalogEntry union = entries.stream().filter(e -> e.subject().equals("order-events-value")).findFirst().orElseThrow();
    assertThat(union.javaClass()).isNull();
    assertThat(union.describeClass()).startsWith("no single class (order-events.avsc is a top-level union");

    try (URLClassLoader classes = compile()) {
      Class<?> catalog = classes.loadClass("acme.EventCatalog");
      Object entry = ((java.util.Optional<?>) catalog.getMethod("forSubject", String.class)
          .invoke(null, "order-events-value")).orElseThrow();
      Method loadClass = entry.getClass().getMethod("load");
      assertThatThrownBy(() -> loadClass.invoke(entry)).cause().isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("subject order-events-value (order-events.avsc) has no single class");
      // the union's members are generated all the same (shared types: classes, but no catalog entry)
      assertThat(classes.loadClass("acme.Created")).isNotNull();
      assertThat(classes.loadClass("acme.Cancelled")).isNotNull();
    }
  }

  @Test
  void aFieldNamedResultCompiles() throws Exception {
    // AVRO-4202: avro-compiler 1.12.1 wrote hashCode() with a local 'result' that hid such a field
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("check.avsc"), record("CheckDone",
        "{\"name\": \"result\", \"type\": \"string\"}, {\"name\": \"score\", \"type\": \"int\"}"));
    generate(load(schemas), schemas);
    try (URLClassLoader classes = compile()) {
      Class<?> type = classes.loadClass("acme.CheckDone");
      Object one = type.getConstructor(String.class, Integer.class).newInstance("passed", 3);
      Object same = type.getConstructor(String.class, Integer.class).newInstance("passed", 3);
      Object other = type.getConstructor(String.class, Integer.class).newInstance("failed", 3);
      assertThat(one.hashCode()).isEqualTo(same.hashCode()).isNotEqualTo(other.hashCode());
    }
  }

  @Test
  void theCatalogTellsWhichFieldsAreTaggedByTheContractAndItsMetadata() throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("payments.avsc"), record("Payment",
        "{\"name\": \"id\", \"type\": \"string\"}, "
        + "{\"name\": \"card\", \"type\": \"string\", \"confluent:tags\": [\"PII\"]}, "
        + "{\"name\": \"payer\", \"type\": {\"type\": \"record\", \"name\": \"Payer\", \"fields\": ["
        + "{\"name\": \"email\", \"type\": \"string\"}]}}"));
    ContractProject project = load(schemas);
    // the data contract's metadata tags the payer's email by path
    CodeGenerator.generate(new GenerateRequest(project, schemas, List.of(), dir.resolve("java"), AvroOptions.DEFAULTS,
        null, null, null, "acme.EventCatalog", s -> Map.of("**.email", List.of("PII", "CONTACT"))));
    try (URLClassLoader classes = compile()) {
      Object entry = ((java.util.Optional<?>) classes.loadClass("acme.EventCatalog").getMethod("forSubject", String.class)
          .invoke(null, "payments-value")).orElseThrow();
      assertThat(entry.getClass().getMethod("fieldsTagged", String.class).invoke(entry, "PII"))
          .isEqualTo(List.of("acme.Payment.card", "acme.Payer.email"));
      assertThat(entry.getClass().getMethod("fieldTags").invoke(entry)).isEqualTo(Map.of(
          "acme.Payment.card", List.of("PII"), "acme.Payer.email", List.of("PII", "CONTACT")));
    }
  }

  private static String record(String name, String fields) {
    return "{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"acme\", \"fields\": [" + fields + "]}";
  }

  private static ContractProject load(Path schemas) {
    return ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
  }

  private List<CatalogEntry> generate(ContractProject project, Path schemas) {
    return CodeGenerator.generate(new GenerateRequest(project, schemas, List.of(), dir.resolve("java"), AvroOptions.DEFAULTS, null,
        null, null, "acme.EventCatalog"));
  }

  /** javac over everything generated, with this test's class path (Avro's runtime on it). */
  private URLClassLoader compile() throws Exception {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir.resolve("java"))) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
    }
    Path out = Files.createDirectories(dir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
        "-proc:none", "-nowarn"));
    args.addAll(sources);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = javac.run(null, null, errors, args.toArray(String[]::new));
    assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void aNamespaceThatIsARecordsNameIsRefusedBeforeJavacWithTheTypesAndFile() throws Exception {
    // Spark and Hudi name nested records after their parent: valid Avro, impossible Java
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("row.avsc"), """
        {"type": "record", "name": "Row", "namespace": "acme", "fields": [
          {"name": "inner", "type": {"type": "record", "name": "inner", "namespace": "acme.Row",
            "fields": [{"name": "x", "type": "int"}]}}]}
        """);
    assertThatThrownBy(() -> generate(load(schemas), schemas))
        .isInstanceOf(io.github.eventcontracts.core.diag.UserInputException.class)
        .hasMessageContaining("acme.Row.inner (schemas/row.avsc) is in namespace acme.Row, which is also the record "
            + "acme.Row (schemas/row.avsc)");
  }
}
