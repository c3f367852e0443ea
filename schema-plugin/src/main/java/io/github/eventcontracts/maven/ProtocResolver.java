package io.github.eventcontracts.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import io.github.eventcontracts.maven.goal.GoalFailure;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * protoc as Maven Central publishes it ({@code com.google.protobuf:protoc:<version>:exe:<os>-<arch>}),
 * resolved by Maven's own resolver, so it works offline once in the local repository. The file is
 * checked against the SHA-1 published beside it, then copied to the build folder and made executable.
 */
final class ProtocResolver {
  private ProtocResolver() {}

  static String classifier() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osPart = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "osx"
        : os.contains("windows") ? "windows" : os.replaceAll("\\W", "");
    String archPart = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch_64";
      case "x86", "i386", "i686" -> "x86_32";
      case "ppc64le" -> "ppcle_64";
      case "s390x" -> "s390_64";
      default -> arch;
    };
    return osPart + "-" + archPart;
  }

  static Path resolve(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
      String version, Path workDirectory) {
    String classifier = classifier();
    String coordinates = "com.google.protobuf:protoc:exe:" + classifier + ":" + version;
    Path file;
    try {
      file = system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null))
          .getArtifact().getFile().toPath();
    } catch (ArtifactResolutionException e) {
      throw new GoalFailure("Cannot get protoc " + version + " for this platform (" + classifier + ") as "
          + coordinates + ": " + e.getMessage() + ". If Maven Central has no protoc for this platform, install "
          + "protoc " + version + " and set -Dschema.protocExecutable=/path/to/protoc", e);
    }
    verifySha1(file);
    try {
      Path target = workDirectory.resolve("protoc-" + version + "-" + classifier + ".exe");
      Files.createDirectories(workDirectory);
      if (!Files.exists(target) || Files.size(target) != Files.size(file)) {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!target.toFile().canExecute() && !target.toFile().setExecutable(true)) {
        throw new GoalFailure("Cannot make " + target + " executable");
      }
      return target;
    } catch (IOException e) {
      throw new GoalFailure("Cannot copy protoc to " + workDirectory + ": " + e.getMessage(), e);
    }
  }

  private static void verifySha1(Path file) {
    Path sha1 = file.resolveSibling(file.getFileName() + ".sha1");
    if (!Files.isRegularFile(sha1)) {
      return; // the resolver checked it while downloading; nothing stored to compare again
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      byte[] buffer = new byte[65536];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      String expected = Files.readString(sha1, StandardCharsets.US_ASCII).trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
      if (!actual.equals(expected)) {
        throw new GoalFailure("protoc at " + file + " has SHA-1 " + actual + " but " + expected
            + " was published; delete it from the local repository and build again");
      }
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new GoalFailure("Cannot check protoc's digest: " + e.getMessage(), e);
    }
  }
}
