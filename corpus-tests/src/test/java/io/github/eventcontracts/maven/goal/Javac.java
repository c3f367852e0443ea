package io.github.eventcontracts.maven.goal;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles generated sources the way the event-model jar's build does, against this test's class path. */
final class Javac {
  private Javac() {}

  static URLClassLoader compile(Path sources, Path classes) throws Exception {
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "-proc:none", "-nowarn", "-encoding", "UTF-8"));
    try (Stream<Path> walk = Files.walk(sources)) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    Files.createDirectories(classes);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
    if (exit != 0) {
      throw new AssertionError("generated sources do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
    }
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
  }
}
