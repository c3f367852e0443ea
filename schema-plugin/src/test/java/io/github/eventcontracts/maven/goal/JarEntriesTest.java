package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarEntriesTest {
  @Test
  void addsAndReplacesAnEntryKeepingTheRest(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("events.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new ZipEntry("com/acme/Order.class"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }
    JarEntries.put(jar, "META-INF/schema-registry/registered.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    JarEntries.put(jar, "META-INF/schema-registry/registered.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
    try (JarFile read = new JarFile(jar.toFile())) {
      assertThat(read.getInputStream(read.getEntry("META-INF/schema-registry/registered.json")).readAllBytes())
          .asString(StandardCharsets.UTF_8).isEqualTo("{\"v\":2}");
      assertThat(read.getEntry("com/acme/Order.class")).isNotNull();
    }
  }
}
