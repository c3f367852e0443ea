package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.lint.Linter;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The published jars the build copied into {@code target/corpora} (see this module's pom), and
 * what the suite does with them: unpack their schemas into a folder laid out as in the jar.
 */
final class Corpora {
  private Corpora() {}

  static Path folder() {
    String configured = System.getProperty("corpora");
    Path folder = Path.of(configured == null ? "target/corpora" : configured);
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException(folder + " is missing: the build copies the corpora there in "
          + "generate-test-resources (run the tests through Maven)");
    }
    return folder;
  }

  static Path jar(String fileName) {
    Path jar = folder().resolve(fileName);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; it is listed in corpus-tests/pom.xml");
    }
    return jar;
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is set by corpus-tests/pom.xml");
    }
    return value;
  }

  /** Every release of {@code artifact} the build copied, oldest first (by numeric version). */
  static List<String> releases(String artifact) {
    try (Stream<Path> files = Files.list(folder())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(artifact + "-") && n.endsWith(".jar"))
          .map(n -> n.substring(artifact.length() + 1, n.length() - ".jar".length()))
          .sorted(Comparator.comparing(Corpora::numeric, Arrays::compare))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] numeric(String version) {
    return Arrays.stream(version.replaceAll("-.*", "").split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  /** Writes the jar's entries that {@code take} accepts into {@code into}, paths as in the jar. */
  static Path unpack(Path jar, Path into, Predicate<String> take) {
    try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
      Files.createDirectories(into);
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.isDirectory() || !take.test(entry.getName())) {
          continue;
        }
        Path target = into.resolve(entry.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IllegalStateException(jar + " has an entry outside its root: " + entry.getName());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, zip.readAllBytes());
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + jar + ": " + e.getMessage(), e);
    }
  }

  static Predicate<String> protos() {
    return name -> name.endsWith(".proto");
  }

  /** A schemas folder as the plugin loads it by default: topic names, BACKWARD. */
  static ContractProject project(Path schemas) {
    return project(schemas, List.of());
  }

  static ContractProject project(Path schemas, List<String> excludes) {
    return ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), excludes,
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
  }

  /** What validate reports: every lint finding of the default rules. */
  static List<Diagnostic> lint(ContractProject project) {
    Linter linter = new Linter();
    List<Diagnostic> out = new ArrayList<>();
    project.subjects().forEach(s -> out.addAll(linter.lint(s.contract())));
    return out;
  }

  static List<Diagnostic> errors(List<Diagnostic> findings) {
    return findings.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /**
   * A check in a few words: how many changed subjects are compatible, then each incompatible one
   * with its number of breaking differences and their kinds, e.g.
   * {@code 7 compatible; trace.proto: 2 breaking (FIELD_NAMED_TYPE_CHANGED)}.
   */
  static String summary(CheckReport report) {
    int compatible = 0;
    List<String> incompatible = new ArrayList<>();
    for (SubjectCheck check : report.subjects()) {
      if (check.result() == null) {
        continue;
      }
      if (check.result().compatible()) {
        compatible++;
        continue;
      }
      TreeSet<String> kinds = new TreeSet<>();
      check.result().incompatibilities().forEach(d -> kinds.add(d.type().id()));
      incompatible.add(check.subject().subject() + ": " + check.result().incompatibilities().size() + " breaking ("
          + String.join(", ", kinds) + ")");
    }
    StringBuilder out = new StringBuilder(compatible + " compatible");
    incompatible.forEach(i -> out.append("; ").append(i));
    return out.toString();
  }

  /**
   * Asserts that the registry's own verdict was asked for, and agrees with ours, on every changed
   * subject whose references it already holds in this form; a subject referencing a changed file
   * is only warned about (the registry cannot parse it until that file is registered). Returns how
   * many verdicts the registry gave.
   */
  static int registryAgrees(CheckReport report, List<String> warnings, String label) {
    List<String> changed = report.subjects().stream().filter(c -> c.status() != ChangeStatus.UNCHANGED)
        .map(c -> c.subject().subject()).toList();
    assertThat(warnings).as(label).allSatisfy(w -> assertThat(changed)
        .anyMatch(subject -> w.contains("its reference " + subject + " is not registered in this form yet")));
    int asked = 0;
    for (SubjectCheck check : report.subjects()) {
      boolean referencesUnchanged = check.subject().references().stream().noneMatch(r -> changed.contains(r.subject()));
      if (check.status() == ChangeStatus.CHANGED && referencesUnchanged) {
        String what = label + " " + check.subject().subject();
        assertThat(check.remote()).as(what).isPresent();
        assertThat(check.remote().get().error()).as(what).isNull();
        assertThat(check.remote().get().compatible()).as(what).isEqualTo(check.result().compatible());
        asked++;
      }
    }
    return asked;
  }

  /**
   * Registers a project, then registers it again, which must change nothing. Subjects in
   * {@code breaking} are let through for this one registration (level NONE), as a team that accepts
   * the break would, so the next release is compared with this one.
   */
  static void registerTwice(RegistryClient client, ContractProject project, List<String> breaking) {
    breaking.forEach(subject -> client.setCompatibility(subject, "NONE"));
    SubjectRegistrar registrar = new SubjectRegistrar(client, project, 2, false);
    SubjectRegistrar.Result result = registrar.apply(registrar.plan());
    assertThat(result.complete()).as(result.failed().toString()).isTrue();
    breaking.forEach(client::deleteCompatibility);
    assertThat(new SubjectRegistrar(client, project, 2, false).plan())
        .allSatisfy(step -> assertThat(step.action()).as(step.subject()).isEqualTo(SubjectRegistrar.Action.UNCHANGED));
  }

  /** Runs git in {@code repository} (created if missing) and returns what it printed. */
  static String git(Path repository, String... args) throws Exception {
    Files.createDirectories(repository);
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.email=corpus@example.com", "-c",
        "user.name=corpus", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
    }
    return output;
  }

  /** Copies a folder's files into {@code to}, keeping their relative paths. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
