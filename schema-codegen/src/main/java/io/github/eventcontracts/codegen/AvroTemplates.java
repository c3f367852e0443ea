package io.github.eventcontracts.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.compiler.specific.SpecificCompiler;

/**
 * avro-compiler 1.12.1's record template, with the one-line fix of AVRO-4202: its {@code hashCode()}
 * keeps a local named {@code result}, so a record with a field named {@code result} generated
 * {@code result.hashCode()} on an int and did not compile. Avro 1.12.2 fixes the template the same
 * way ({@code this.} before the field), but also refuses to load generated classes outside trusted
 * packages, which would break every consumer of an event-model jar; so the fix is applied here, to
 * the templates of the avro-compiler on the class path, and only where that template has the bug.
 */
final class AvroTemplates {
  private static final String DIRECTORY = "/org/apache/avro/compiler/specific/templates/java/classic/";
  private static final String BUGGY = "${this.hashCodeFor($field.schema(), $n)}";
  private static final String FIXED = "${this.hashCodeFor($field.schema(), \"this.\" + $n)}";

  private static volatile Path fixed;

  private AvroTemplates() {}

  /** A folder with the fixed templates, or null when the compiler's own need no fix. */
  static synchronized Path withHashCodeFix() {
    if (fixed != null && Files.isRegularFile(fixed.resolve("record.vm"))) {
      return fixed;
    }
    try {
      String record = read("record.vm");
      if (record == null || !record.contains(BUGGY)) {
        return null; // another avro-compiler: its templates stand
      }
      Path folder = Files.createTempDirectory("avro-templates");
      folder.toFile().deleteOnExit();
      for (String name : List.of("enum.vm", "fixed.vm", "protocol.vm")) {
        String text = read(name);
        if (text == null) {
          return null;
        }
        write(folder.resolve(name), text);
      }
      write(folder.resolve("record.vm"), record.replace(BUGGY, FIXED));
      fixed = folder.toRealPath();
      return fixed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare avro-compiler's templates: " + e.getMessage(), e);
    }
  }

  private static String read(String name) throws IOException {
    try (InputStream in = SpecificCompiler.class.getResourceAsStream(DIRECTORY + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
  }
}
