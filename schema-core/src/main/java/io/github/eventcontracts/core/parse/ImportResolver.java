package io.github.eventcontracts.core.parse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the text of a file another schema imports, by its import path. */
@FunctionalInterface
public interface ImportResolver {
  Optional<SourceFile> resolve(String importPath);

  /** Where this resolver searched, for the "not found" message. */
  default String describe() {
    return "no import roots";
  }

  static ImportResolver none() {
    return path -> Optional.empty();
  }

  /** Resolves from files already in memory, keyed by their logical path. */
  static ImportResolver of(List<SourceFile> files) {
    Map<String, SourceFile> byPath =
        files.stream().collect(Collectors.toMap(SourceFile::logicalPath, Function.identity(), (a, b) -> a));
    return new ImportResolver() {
      @Override
      public Optional<SourceFile> resolve(String importPath) {
        return Optional.ofNullable(byPath.get(importPath));
      }

      @Override
      public String describe() {
        return "the " + byPath.size() + " referenced schema(s) given";
      }
    };
  }

  /** Resolves against directories, first match wins, like protoc's {@code --proto_path}. */
  static ImportResolver roots(List<Path> roots) {
    return new ImportResolver() {
      @Override
      public Optional<SourceFile> resolve(String importPath) {
        for (Path root : roots) {
          Path candidate = root.resolve(importPath).normalize();
          if (candidate.startsWith(root.normalize()) && Files.isRegularFile(candidate)) {
            return Optional.of(SourceFile.read(candidate, candidate.toString(), importPath));
          }
        }
        return Optional.empty();
      }

      @Override
      public String describe() {
        return roots.isEmpty() ? "no import roots (add one)"
            : "roots " + roots.stream().map(Path::toString).collect(Collectors.joining(", "));
      }
    };
  }
}
