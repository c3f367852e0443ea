package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node project for interop tests: copied from {@code source} into {@code work} and installed with
 * {@code npm ci} from its committed lock file (again only when a file changed), then run with node.
 * Shared with other modules through this module's test jar.
 */
public final class NpmProject {
  private final Path work;

  private NpmProject(Path work) {
    this.work = work;
  }

  /** Copies {@code files} from {@code source} and installs the project unless it is up to date. */
  public static NpmProject install(Path source, Path work, List<String> files) throws Exception {
    Files.createDirectories(work);
    boolean fresh = false;
    for (String file : files) {
      byte[] bytes = Files.readAllBytes(source.resolve(file));
      Path target = work.resolve(file);
      if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
        Files.write(target, bytes);
        fresh |= file.startsWith("package"); // a changed script needs no reinstall, a changed lock file does
      }
    }
    if (fresh || !Files.isDirectory(work.resolve("node_modules"))) {
      run(work, 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
    }
    return new NpmProject(work);
  }

  /** Runs {@code node script args...} in the project and returns its standard output. */
  public String node(String script, String... args) throws Exception {
    String[] command = new String[args.length + 2];
    command[0] = "node";
    command[1] = script;
    System.arraycopy(args, 0, command, 2, args.length);
    return run(work, 120, command);
  }

  public Path directory() {
    return work;
  }

  static String run(Path dir, long timeoutSeconds, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
    assertThat(p.exitValue()).as("%s failed: %s", List.of(command), new String(err, StandardCharsets.UTF_8)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
