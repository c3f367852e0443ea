package io.github.eventcontracts.bench;

import io.github.eventcontracts.core.util.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times our plugin's validate + check + generate against avro-maven-plugin:schema plus
 * io.github.ascopes:protobuf-maven-plugin:generate on the same contract tree, in the same run, and
 * prints the ratio. Maven's own start-up (an empty build, timed alongside) is subtracted, so the
 * figures are plugin time. Also times our no-op rebuild.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.BuildComparison ./mvnw TREE [runs]}
 * (TREE from {@link ContractTreeGenerator}; install the plugin first: {@code ./mvnw -Pquick install}).
 */
public final class BuildComparison {
  static final String AVRO_PLUGIN = "org.apache.avro:avro-maven-plugin:1.12.1";
  static final String PROTOBUF_PLUGIN = "io.github.ascopes:protobuf-maven-plugin:5.1.8";

  private BuildComparison() {}

  public static void main(String[] args) throws Exception {
    Path mvnw = Path.of(args[0]).toAbsolutePath();
    Path tree = Path.of(args[1]).toAbsolutePath();
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String version = System.getProperty("plugin.version", "0.1.0-SNAPSHOT");
    String protobuf = System.getProperty("protobuf.version", "4.35.1");
    writePoms(tree, version, protobuf);
    long avro = countFiles(tree.resolve("schemas"), ".avsc");
    long proto = countFiles(tree.resolve("schemas"), ".proto");

    List<String> ours = List.of("io.github.eventcontracts:schema-maven-plugin:" + version + ":validate",
        "io.github.eventcontracts:schema-maven-plugin:" + version + ":check",
        "io.github.eventcontracts:schema-maven-plugin:" + version + ":generate");
    List<String> theirs = List.of(AVRO_PLUGIN + ":schema", PROTOBUF_PLUGIN + ":generate");

    // warm-up: resolves every plugin and protoc, fills the OS file cache
    maven(mvnw, tree.resolve("ours"), false, ours);
    maven(mvnw, tree.resolve("theirs"), false, theirs);

    long[] empty = new long[runs];
    long[] oursFull = new long[runs];
    long[] theirsFull = new long[runs];
    long[] oursNoop = new long[runs];
    for (int i = 0; i < runs; i++) {
      Folders.delete(tree.resolve("ours/target"));
      Folders.delete(tree.resolve("theirs/target"));
      empty[i] = maven(mvnw, tree.resolve("empty"), true, List.of("validate"));
      oursFull[i] = maven(mvnw, tree.resolve("ours"), true, ours);
      theirsFull[i] = maven(mvnw, tree.resolve("theirs"), true, theirs);
      oursNoop[i] = maven(mvnw, tree.resolve("ours"), true, ours);
    }
    long base = median(empty);
    long oursMs = median(oursFull) - base;
    long theirsMs = median(theirsFull) - base;
    long noopMs = median(oursNoop) - base;
    System.out.printf("contracts: %d Avro + %d Protobuf, %d run(s), median wall time minus an empty Maven build (%d ms)%n",
        avro, proto, runs, base);
    System.out.printf("ours   validate+check+generate: %6d ms%n", oursMs);
    System.out.printf("theirs avro:schema + protobuf:generate: %6d ms%n", theirsMs);
    System.out.printf("ratio ours/theirs: %.2f (goal <= 0.80); ours also lints and checks every contract%n",
        (double) oursMs / theirsMs);
    System.out.printf("ours no-op rebuild: %d ms of plugin time (goal <= 1500)%n", noopMs);
  }

  private static long maven(Path mvnw, Path project, boolean offline, List<String> goals) throws Exception {
    List<String> command = new ArrayList<>(List.of(mvnw.toString(), "-B", "-q"));
    if (offline) {
      command.add("-o");
    }
    command.addAll(List.of("-f", project.resolve("pom.xml").toString()));
    command.addAll(goals);
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void writePoms(Path tree, String version, String protobuf) throws IOException {
    write(tree.resolve("empty/pom.xml"), pom("empty"));
    write(tree.resolve("ours/pom.xml"), pom("ours",
        plugin("io.github.eventcontracts", "schema-maven-plugin", version, """
            <schemaDirectory>${project.basedir}/../schemas</schemaDirectory>
            <against>../baseline</against>
            <catalogClass>bench.EventCatalog</catalogClass>
            """)));
    write(tree.resolve("theirs/pom.xml"), pom("theirs",
        plugin("org.apache.avro", "avro-maven-plugin", "1.12.1", """
            <sourceDirectory>${project.basedir}/../schemas/avro</sourceDirectory>
            <outputDirectory>${project.build.directory}/generated-sources/avro</outputDirectory>
            <imports><import>${project.basedir}/../schemas/avro/common</import></imports>
            <stringType>String</stringType>
            <enableDecimalLogicalType>true</enableDecimalLogicalType>
            """),
        plugin("io.github.ascopes", "protobuf-maven-plugin", "5.1.8", """
            <protoc>%s</protoc>
            <sourceDirectories><sourceDirectory>${project.basedir}/../schemas</sourceDirectory></sourceDirectories>
            """.formatted(protobuf))));
  }

  /** An aggregator pom whose build runs the given plugin blocks. */
  private static String pom(String artifactId, String... plugins) {
    String build = plugins.length == 0 ? "" : "<build><plugins>\n" + String.join("", plugins) + "</plugins></build>\n";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "<modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>" + artifactId + "</artifactId>"
        + "<version>1</version><packaging>pom</packaging>\n" + build + "</project>\n";
  }

  private static String plugin(String groupId, String artifactId, String version, String configuration) {
    return "<plugin><groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
        + "</version>\n<configuration>\n" + configuration + "</configuration></plugin>\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static long countFiles(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).count();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
