package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.project.SchemaLibrary;
import io.github.eventcontracts.core.util.Folders;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.Artifact;

/**
 * The contracts other modules publish under {@code META-INF/schemas/} of their event-model jars,
 * from this project's compile class path: a jar's are unpacked under {@code work}, a sibling
 * module's classes folder (a reactor build before packaging) is read in place.
 */
final class SchemaLibraries {
  static final String PREFIX = SchemaLibrary.JAR_FOLDER;

  private SchemaLibraries() {}

  static List<SchemaLibrary> of(Collection<Artifact> artifacts, Path work) {
    List<SchemaLibrary> libraries = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      File file = artifact.getFile();
      if (file == null || !(Artifact.SCOPE_COMPILE.equals(artifact.getScope())
          || Artifact.SCOPE_PROVIDED.equals(artifact.getScope()) || artifact.getScope() == null)) {
        continue;
      }
      String name = artifact.getArtifactId() + "-" + artifact.getVersion() + ".jar";
      if (file.isDirectory()) {
        Path schemas = file.toPath().resolve(PREFIX);
        if (Files.isDirectory(schemas)) {
          libraries.add(new SchemaLibrary(name, schemas));
        }
      } else if (file.getName().endsWith(".jar")) {
        Path target = work.resolve(artifact.getGroupId() + "_" + artifact.getArtifactId());
        if (hasContracts(file, target)) {
          libraries.add(new SchemaLibrary(name, target));
        }
      }
    }
    return libraries;
  }

  /**
   * Whether the jar publishes contracts, unpacked under {@code target}. Every goal of every build
   * asks this of every dependency, so the answer is kept beside {@code target}, keyed by the jar's
   * path, size and time, and the jar is opened again only when it changed.
   */
  private static boolean hasContracts(File jar, Path target) {
    Path stampFile = target.resolveSibling(target.getFileName() + ".stamp");
    String stamp = jar.getAbsolutePath() + " " + jar.length() + " " + jar.lastModified();
    try {
      if (Files.isRegularFile(stampFile)) {
        List<String> kept = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
        if (kept.size() == 2 && kept.get(0).equals(stamp) && (kept.get(1).equals("none") || Files.isDirectory(target))) {
          return kept.get(1).equals("contracts");
        }
      }
      boolean any = unpack(jar, target);
      Files.createDirectories(stampFile.getParent());
      Files.writeString(stampFile, stamp + "\n" + (any ? "contracts" : "none") + "\n", StandardCharsets.UTF_8);
      return any;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contracts in " + jar + ": " + e.getMessage(), e);
    }
  }

  /** Unpacks the jar's contracts; false when it has none (most dependencies). */
  private static boolean unpack(File jar, Path target) {
    try (ZipFile zip = new ZipFile(jar)) {
      boolean any = false;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(PREFIX) || !(name.endsWith(".avsc") || name.endsWith(".proto"))) {
          continue;
        }
        if (!any) {
          Folders.delete(target);
          any = true;
        }
        Path out = target.resolve(name.substring(PREFIX.length())).normalize();
        if (!out.startsWith(target)) {
          continue; // an entry climbing out of the folder
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, out);
        }
      }
      return any;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contracts in " + jar + ": " + e.getMessage(), e);
    }
  }
}
