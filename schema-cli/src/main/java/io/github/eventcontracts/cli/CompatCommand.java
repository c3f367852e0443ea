package io.github.eventcontracts.cli;

import io.github.eventcontracts.core.compat.CompatibilityChecker;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.review.JsonReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compat", mixinStandardHelpOptions = true,
    description = "Checks a new schema against its previous versions under a compatibility level.")
final class CompatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--type", description = "AVRO or PROTOBUF (default: from the --new file's extension).")
  SchemaType type;

  @Option(names = "--level", defaultValue = "BACKWARD",
      description = "NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE (default: ${DEFAULT-VALUE}).")
  CompatibilityLevel level;

  @Option(names = "--old", required = true, description = "A previous version; repeat oldest to newest.")
  List<Path> old;

  @Option(names = "--new", required = true, description = "The new version.")
  Path candidate;

  @Option(names = "--old-root", description = "Where the previous versions' imports/referenced types live.")
  List<Path> oldRoots = new ArrayList<>();

  @Option(names = "--new-root", description = "Where the new version's imports/referenced types live.")
  List<Path> newRoots = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Override
  public Integer call() {
    if (type == null) {
      type = SchemaType.forFileName(candidate.getFileName().toString()).orElseThrow(() -> new UserInputException(
          "cannot tell the schema type of " + candidate + " from its name; give --type AVRO or --type PROTOBUF"));
    }
    List<Contract> history = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Path file : old) {
      try {
        history.add(parse(file, oldRoots, false));
      } catch (ContractException e) {
        problems.addAll(e.diagnostics());
      }
    }
    Contract next = null;
    try {
      next = parse(candidate, newRoots, true);
    } catch (ContractException e) {
      problems.addAll(e.diagnostics());
    }
    if (!problems.isEmpty()) {
      // the same file may be given as --old and --new: each problem once
      throw new ContractException(List.copyOf(new java.util.LinkedHashSet<>(problems)));
    }
    CompatibilityResult result = new CompatibilityChecker().check(level, history, next);
    var out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(JsonReport.write(Json.result(result)));
    } else {
      result.diagnostics().forEach(d -> out.println(d.format()));
      out.println(next.file() + ": " + (result.compatible() ? "compatible" : "INCOMPATIBLE") + " under " + level
          + " with " + (level.transitive() ? history.size() + " previous version(s)" : "the latest version")
          + " (" + result.incompatibilities().size() + " breaking of " + result.differences().size()
          + " difference(s))");
    }
    return result.compatible() ? SchemaCli.OK : SchemaCli.INCOMPATIBLE;
  }

  private Contract parse(Path file, List<Path> roots, boolean strict) {
    String display = file.toString();
    return switch (type) {
      case PROTOBUF -> {
        String logical = logicalPath(file, roots);
        yield new ProtobufContractParser().parse(SourceFile.read(file, display, logical), ImportResolver.roots(roots));
      }
      case AVRO -> {
        SourceFile main = SourceFile.read(file, display, display);
        yield new AvroContractParser(strict).parseWithLibrary(main, avroLibrary(roots, file));
      }
    };
  }

  /** The import path of a proto file: relative to the root holding it, else its file name. */
  private static String logicalPath(Path file, List<Path> roots) {
    Path absolute = file.toAbsolutePath().normalize();
    for (Path root : roots) {
      Path r = root.toAbsolutePath().normalize();
      if (absolute.startsWith(r)) {
        return r.relativize(absolute).toString().replace('\\', '/');
      }
    }
    return file.getFileName().toString();
  }

  /**
   * Avro has no imports: the .avsc files beside the schema, then those under the roots, may define
   * a type it uses. Only files defining a needed type are read, the nearest first, so the roots can
   * hold several versions of a shared type (each --old file takes the one beside it).
   */
  private static List<SourceFile> avroLibrary(List<Path> roots, Path schema) {
    Path self = schema.toAbsolutePath().normalize();
    java.util.Set<Path> seen = new java.util.LinkedHashSet<>();
    List<Path> folders = new ArrayList<>();
    folders.add(self.getParent());
    folders.addAll(roots);
    for (Path folder : folders) {
      List<Path> found;
      try (Stream<Path> walk = folder.equals(self.getParent()) ? Files.list(folder) : Files.walk(folder)) {
        found = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
      } catch (IOException e) {
        throw new UserInputException("cannot read " + folder + ": " + e.getMessage());
      }
      for (Path p : found) {
        Path absolute = p.toAbsolutePath().normalize();
        if (!absolute.equals(self)) {
          seen.add(absolute);
        }
      }
    }
    Path here = Path.of("").toAbsolutePath();
    List<SourceFile> library = new ArrayList<>();
    for (Path p : seen) {
      String display = (p.startsWith(here) ? here.relativize(p) : p).toString().replace('\\', '/');
      try {
        library.add(SourceFile.read(p, display, display));
      } catch (ContractException e) {
        // an unreadable file beside the schema defines nothing it can use: only the given files are checked
      }
    }
    return library;
  }
}
