package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pulls the latest version of subjects, and every schema they reference, into a schemas folder laid
 * out so that this plugin, run on it, names each subject as the registry does: {@code orders-value}
 * becomes {@code orders.avsc}, {@code orders-key} {@code orders-key.avsc} with {@code key=true}, a
 * Protobuf reference is written at its import path and an Avro one under its full name, and any
 * other subject gets a sidecar naming it. Knows nothing of Maven.
 */
final class SchemaDownloader {
  /** One file to write, and the sidecar settings that keep its subject. */
  record File(String path, String text, String subject, int version, String sidecar) {}

  private final RegistryClient client;

  SchemaDownloader(RegistryClient client) {
    this.client = client;
  }

  /** The files for the subjects named or matching {@code pattern}, references included, each once. */
  List<File> plan(List<String> subjects, Pattern pattern) {
    List<String> wanted = new ArrayList<>(subjects);
    if (pattern != null) {
      client.subjects().stream().filter(s -> pattern.matcher(s).matches() && !wanted.contains(s)).forEach(wanted::add);
    }
    if (wanted.isEmpty()) {
      throw new UserInputException("no subject to download: give schema.download.subjects, or a "
          + "schema.download.subjectPattern that matches some of " + client.subjects());
    }
    // every subject once, with the name it is referenced by (only a referencing schema knows it)
    Map<String, SubjectVersion> versions = new LinkedHashMap<>();
    Map<String, String> referenceName = new LinkedHashMap<>();
    ArrayDeque<Map.Entry<String, String>> pending = new ArrayDeque<>();
    wanted.forEach(s -> pending.add(Map.entry(s, "latest")));
    while (!pending.isEmpty()) {
      Map.Entry<String, String> next = pending.poll();
      if (versions.containsKey(next.getKey())) {
        continue;
      }
      SubjectVersion version = client.version(next.getKey(), next.getValue());
      versions.put(next.getKey(), version);
      for (SchemaReference r : version.references()) {
        referenceName.putIfAbsent(r.subject(), r.name());
        pending.add(Map.entry(r.subject(), String.valueOf(r.version())));
      }
    }
    List<File> out = new ArrayList<>();
    versions.forEach((subject, version) -> out.add(fileFor(version, referenceName.get(subject))));
    return out;
  }

  private static File fileFor(SubjectVersion v, String referenceName) {
    String type = v.schema().schemaType() == null ? "AVRO" : v.schema().schemaType();
    String extension = switch (type) {
      case "AVRO" -> ".avsc";
      case "PROTOBUF" -> ".proto";
      default -> throw new UserInputException("subject " + v.subject() + " holds a " + type
          + " schema; only Avro and Protobuf contracts can be downloaded");
    };
    String subject = v.subject();
    if (referenceName != null) {
      // referenced: where the referencing schema expects it, and named the Confluent way on register
      String path = extension.equals(".proto") ? referenceName : safe(referenceName) + extension;
      return new File(path, v.schema().schema(), subject, v.version(),
          subject.equals(referenceName) ? null : "subject=" + subject + "\n");
    }
    if (subject.endsWith("-value")) {
      return new File(safe(subject.substring(0, subject.length() - 6)) + extension, v.schema().schema(), subject,
          v.version(), null);
    }
    if (subject.endsWith("-key")) {
      String topic = subject.substring(0, subject.length() - 4);
      return new File(safe(subject) + extension, v.schema().schema(), subject, v.version(),
          "topic=" + topic + "\nkey=true\n");
    }
    return new File(safe(subject) + extension, v.schema().schema(), subject, v.version(), "subject=" + subject + "\n");
  }

  private static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty() || cleaned.startsWith(".")) {
      cleaned = "_" + cleaned;
    }
    return cleaned;
  }

  /**
   * Writes the files under {@code folder}; a file that exists with other content is left alone
   * unless {@code overwrite}, and reported. Returns the paths written.
   */
  static List<String> write(List<File> files, Path folder, boolean overwrite, List<String> skipped) {
    List<String> written = new ArrayList<>();
    try {
      for (File f : files) {
        Path target = folder.resolve(f.path()).normalize();
        if (!target.startsWith(folder.normalize())) {
          throw new UserInputException("subject " + f.subject() + " would be written outside " + folder + " (" + f.path()
              + "); rename its reference");
        }
        if (Files.exists(target) && !overwrite && !Files.readString(target, StandardCharsets.UTF_8).equals(f.text())) {
          skipped.add(f.path());
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.text(), StandardCharsets.UTF_8);
        if (f.sidecar() != null) {
          Files.writeString(target.resolveSibling(target.getFileName() + ".properties"), f.sidecar(),
              StandardCharsets.UTF_8);
        }
        written.add(f.path());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write into " + folder + ": " + e.getMessage(), e);
    }
    return written;
  }
}
