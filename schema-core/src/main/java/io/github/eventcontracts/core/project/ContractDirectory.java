package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ContractReference;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ParseErrors;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds and parses every contract under a folder: Avro files together (so named types can cross
 * files), Protobuf files with the folder (and any extra roots) as import path. Every problem in
 * the folder is reported at once.
 */
public final class ContractDirectory {
  private ContractDirectory() {}

  /**
   * @param root the schemas folder
   * @param displayRoot how to name the folder in diagnostics (as the user typed it)
   * @param strict parse as new schemas (strict Avro names and defaults)
   * @param extraImportRoots further folders to resolve proto imports from
   */
  public static ContractSet load(Path root, String displayRoot, boolean strict, List<Path> extraImportRoots) {
    return load(root, displayRoot, strict, extraImportRoots, path -> true);
  }

  /**
   * As {@link #load(Path, String, boolean, List)}, taking only files whose path relative to the
   * folder passes {@code include}. Files left out stay available as imports.
   */
  public static ContractSet load(Path root, String displayRoot, boolean strict, List<Path> extraImportRoots,
      java.util.function.Predicate<String> include) {
    return load(root, displayRoot, strict, extraImportRoots, include, List.of());
  }

  /**
   * As {@link #load(Path, String, boolean, List, java.util.function.Predicate)}, resolving types and
   * imports the folder does not define from {@code libraries} (other modules' published contracts);
   * the library contracts used come back in {@link ContractSet#library()}.
   */
  public static ContractSet load(Path root, String displayRoot, boolean strict, List<Path> extraImportRoots,
      java.util.function.Predicate<String> include, List<SchemaLibrary> libraries) {
    if (!Files.isDirectory(root)) {
      throw new ContractException(new Diagnostic(ParseErrors.FILE_UNREADABLE, Severity.ERROR, displayRoot, 0, 0, "",
          "not a directory; give the folder holding the .avsc and .proto files"));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> SchemaType.forFileName(p.getFileName().toString()).isPresent())
          .filter(p -> include.test(root.relativize(p).toString().replace('\\', '/')))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ContractException(new Diagnostic(ParseErrors.FILE_UNREADABLE, Severity.ERROR, displayRoot, 0, 0, "",
          "cannot list folder: " + e.getMessage()));
    }
    List<Diagnostic> problems = new ArrayList<>();
    List<SourceFile> avro = new ArrayList<>();
    List<SourceFile> proto = new ArrayList<>();
    for (Path file : files) {
      String relative = root.relativize(file).toString().replace('\\', '/');
      String display = displayRoot.isEmpty() ? relative : displayRoot.replaceAll("/+$", "") + "/" + relative;
      try {
        SourceFile source = SourceFile.read(file, display, relative);
        (SchemaType.forFileName(relative).orElseThrow() == SchemaType.AVRO ? avro : proto).add(source);
      } catch (ContractException e) {
        problems.addAll(e.diagnostics());
      }
    }
    List<SourceFile> libraryAvro = new ArrayList<>();
    List<SourceFile> libraryProto = new ArrayList<>();
    readLibraries(libraries, libraryAvro, libraryProto, problems);
    Map<String, Contract> byPath = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Contract> library = new java.util.concurrent.ConcurrentHashMap<>();
    // Avro and Protobuf files do not depend on each other: parse the two halves at once.
    java.util.concurrent.CompletableFuture<List<Diagnostic>> protoDone = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> loadProto(root, extraImportRoots, proto, byPath, libraryProto, library));
    if (!avro.isEmpty()) {
      try {
        AvroContractParser parser = new AvroContractParser(strict);
        List<SourceFile> needed = parser.neededFrom(avro, libraryAvro);
        List<SourceFile> all = new ArrayList<>(needed);
        all.addAll(avro);
        List<Contract> parsed = parser.parseAll(all);
        for (int i = 0; i < needed.size(); i++) {
          library.put(needed.get(i).displayPath(), parsed.get(i));
        }
        for (int i = 0; i < avro.size(); i++) {
          byPath.put(avro.get(i).logicalPath(), parsed.get(needed.size() + i));
        }
      } catch (ContractException e) {
        problems.addAll(e.diagnostics());
      }
    }
    try {
      problems.addAll(protoDone.join());
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    if (problems.isEmpty()) {
      return new ContractSet(displayRoot, new LinkedHashMap<>(byPath), new LinkedHashMap<>(library));
    }
    return finish(problems, byPath, displayRoot);
  }

  /** Every contract file of the libraries, by its path inside {@code META-INF/schemas/}. */
  private static void readLibraries(List<SchemaLibrary> libraries, List<SourceFile> avro, List<SourceFile> proto,
      List<Diagnostic> problems) {
    for (SchemaLibrary lib : libraries) {
      if (!Files.isDirectory(lib.root())) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(lib.root())) {
        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
          String relative = lib.root().relativize(file).toString().replace('\\', '/');
          SchemaType.forFileName(relative).ifPresent(type -> {
            try {
              (type == SchemaType.AVRO ? avro : proto).add(SourceFile.read(file, lib.display(relative), relative));
            } catch (ContractException e) {
              problems.addAll(e.diagnostics());
            }
          });
        }
      } catch (IOException e) {
        problems.add(new Diagnostic(ParseErrors.FILE_UNREADABLE, Severity.ERROR, lib.name(), 0, 0, "",
            "cannot read the schemas of " + lib.name() + ": " + e.getMessage()));
      }
    }
  }

  /** Parses the folder's proto files; returns the problems found (empty when all parsed). */
  private static List<Diagnostic> loadProto(Path root, List<Path> extraImportRoots, List<SourceFile> proto,
      Map<String, Contract> byPath, List<SourceFile> libraryProto, Map<String, Contract> library) {
    List<Diagnostic> problems = new ArrayList<>();
    if (proto.isEmpty()) {
      return problems;
    }
    List<Path> roots = new ArrayList<>();
    roots.add(root);
    roots.addAll(extraImportRoots);
    ImportResolver fromLibraries = ImportResolver.of(libraryProto);
    ImportResolver rooted = ImportResolver.roots(roots);
    ImportResolver imports = inFolderFirst(proto, importPath -> rooted.resolve(importPath)
        .or(() -> fromLibraries.resolve(importPath)));
    try {
      // One link for the whole folder: linking file by file repeats the imports' work each time.
      List<Contract> parsed = new ProtobufContractParser().parseAll(proto, imports);
      for (int i = 0; i < proto.size(); i++) {
        byPath.put(proto.get(i).logicalPath(), parsed.get(i));
      }
      // the library files the folder imports, directly or through each other, as contracts of their
      // own (their subjects are referenced)
      Map<String, SourceFile> libraryByDisplay = new HashMap<>();
      libraryProto.forEach(f -> libraryByDisplay.put(f.displayPath(), f));
      java.util.ArrayDeque<Contract> pending = new java.util.ArrayDeque<>(parsed);
      while (!pending.isEmpty()) {
        for (ContractReference r : pending.poll().references()) {
          SourceFile file = libraryByDisplay.get(r.file());
          if (file != null && !library.containsKey(r.file())) {
            Contract contract = new ProtobufContractParser().parse(file, imports);
            library.put(r.file(), contract);
            pending.add(contract);
          }
        }
      }
      return problems;
    } catch (ContractException e) {
      // Something is wrong: parse file by file so one broken file does not hide the others' problems.
    }
    for (SourceFile source : proto) {
      try {
        byPath.put(source.logicalPath(), new ProtobufContractParser().parse(source, imports));
      } catch (ContractException e) {
        for (Diagnostic d : e.diagnostics()) {
          if (!problems.contains(d)) {
            problems.add(d);
          }
        }
      }
    }
    return problems;
  }

  private static ContractSet finish(List<Diagnostic> problems, Map<String, Contract> byPath, String displayRoot) {
    if (!problems.isEmpty()) {
      throw new ContractException(problems);
    }
    return new ContractSet(displayRoot, new LinkedHashMap<>(byPath));
  }

  /** Imports of files in the folder resolve to the text already read, with the folder's display names. */
  private static ImportResolver inFolderFirst(List<SourceFile> inFolder, ImportResolver fallback) {
    ImportResolver local = ImportResolver.of(inFolder);
    return new ImportResolver() {
      @Override
      public Optional<SourceFile> resolve(String importPath) {
        return local.resolve(importPath).or(() -> fallback.resolve(importPath));
      }

      @Override
      public String describe() {
        return fallback.describe();
      }
    };
  }
}
