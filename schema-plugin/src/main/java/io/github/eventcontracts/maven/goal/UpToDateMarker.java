package io.github.eventcontracts.maven.goal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers the digest of a goal's inputs after a successful run, so an unchanged tree is not
 * parsed again. The digest covers every file under the inputs (contracts and their sidecars) by
 * path and content, plus a configuration key.
 */
final class UpToDateMarker {
  private final Path file;

  UpToDateMarker(Path file) {
    this.file = file;
  }

  static String digest(List<Path> folders, String configuration) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(configuration.getBytes(StandardCharsets.UTF_8));
      for (Path folder : folders) {
        if (!Files.isDirectory(folder)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
          for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
            sha.update(folder.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(p));
            sha.update((byte) 0);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One digest of an inputs digest and further settings. */
  static String combine(String inputs, String... settings) {
    return io.github.eventcontracts.core.model.Fingerprints.sha256Hex(inputs + "\n" + String.join("\n", settings));
  }

  boolean upToDate(String digest) {
    try {
      return Files.isRegularFile(file) && Files.readString(file).trim().equals(digest);
    } catch (IOException e) {
      return false;
    }
  }

  void record(String digest) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, digest + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
