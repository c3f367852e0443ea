package io.github.eventcontracts.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone registry jar in its own JVM, as the benchmarks and harnesses run it: started on a
 * free port, ready once it prints its {@code listening on} line (lines before it, such as the JVM's
 * own notes, are skipped).
 *
 * @param startMillis from process start to the listening line (JVM start and replay included)
 */
record RegistryProcess(Process process, String url, long startMillis) {
  static RegistryProcess start(Path jar, List<String> jvmArgs, List<String> registryArgs,
      ProcessBuilder.Redirect stderr) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
    command.addAll(registryArgs);
    long t = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectError(stderr).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.contains("listening on ")) {
      line = out.readLine();
    }
    long millis = (System.nanoTime() - t) / 1_000_000;
    if (line == null) {
      process.destroyForcibly();
      throw new IllegalStateException("the registry did not start (" + registryArgs + ")");
    }
    return new RegistryProcess(process, line.replaceAll(".*listening on (\\S+?),?\\s.*", "$1"), millis);
  }
}
