package io.github.eventcontracts.maven.goal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Adds or replaces one entry of a built jar. */
final class JarEntries {
  private JarEntries() {}

  static void put(Path jar, String entry, byte[] content) throws IOException {
    URI uri = URI.create("jar:" + jar.toAbsolutePath().toUri());
    try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
      Path target = zip.getPath(entry);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.write(target, content);
    }
  }
}
