package io.github.eventcontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar the way users do: a separate JVM, real exit codes, real streams. */
class SchemaCliJarIT {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "schema-cli.jar").toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void checksTheRepositorysOwnSchemas() throws Exception {
    Result lint = run("lint", "../schemas");
    assertThat(lint.exit()).as(lint.err()).isZero();
    assertThat(lint.out()).contains("0 error(s)");
    assertThat(lint.err()).isEmpty(); // no logging noise
    Result check = run("check", "--against", "../schemas", "../schemas");
    assertThat(check.exit()).isZero();
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.proto"), "syntax = \"proto3\";\nmessage {\n");
    Result r = run("compat", "--type", "PROTOBUF", "--old", bad.toString(), "--new", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1) // the same broken file given as old and new: said once
        .allSatisfy(line -> assertThat(line).startsWith(bad + ":2:").contains("SYNTAX_ERROR"));
  }
}
