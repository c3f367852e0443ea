package io.github.eventcontracts.core.parse;

import com.squareup.wire.schema.ErrorCollector;
import com.squareup.wire.schema.Linker;
import com.squareup.wire.schema.Loader;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.SchemaException;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ContractReference;
import io.github.eventcontracts.core.model.Fingerprints;
import io.github.eventcontracts.core.model.ProtoSource;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.util.DependencyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and links {@code .proto} files with Square's wire-schema. Imports are resolved first by
 * us (so a missing import or an import cycle is reported at the import line), then wire links the
 * files from memory. {@code google/protobuf/*.proto} well-known types and Confluent's
 * {@code confluent/meta.proto} come from the classpath.
 */
public final class ProtobufContractParser {
  private static final String WELL_KNOWN_PREFIX = "google/protobuf/";
  /** Confluent's metadata option: its registry resolves it without a reference, as it does google/protobuf/*. */
  public static final String CONFLUENT_META = "confluent/meta.proto";
  private static final Pattern LOCATION = Pattern.compile("([^\\s()]+\\.proto):(\\d+):(\\d+)");
  /** Parsed well-known files; elements are immutable, so one copy serves every thread. */
  private static final Map<String, Optional<ProtoFileElement>> WELL_KNOWN = new ConcurrentHashMap<>();

  public Contract parse(SourceFile file) {
    return parseAll(List.of(file), ImportResolver.none()).get(0);
  }

  public Contract parse(SourceFile file, ImportResolver imports) {
    return parseAll(List.of(file), imports).get(0);
  }

  /** Parses and links the given files, resolving imports among them first, then through {@code imports}. */
  public List<Contract> parseAll(List<SourceFile> sources, ImportResolver imports) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, Loaded> loaded = new LinkedHashMap<>();
    Deque<Loaded> queue = new ArrayDeque<>();
    Map<String, SourceFile> given = new HashMap<>();
    for (SourceFile source : sources) {
      given.putIfAbsent(source.logicalPath(), source);
    }
    for (SourceFile source : sources) {
      if (loaded.containsKey(source.logicalPath())) {
        continue;
      }
      try {
        Loaded file = new Loaded(source, parseElement(source));
        loaded.put(source.logicalPath(), file);
        queue.add(file);
      } catch (ContractException e) {
        problems.addAll(e.diagnostics());
      }
    }

    Map<String, List<String>> graph = new LinkedHashMap<>();
    while (!queue.isEmpty()) {
      Loaded file = queue.poll();
      List<String> edges = new ArrayList<>();
      for (String imported : importsOf(file.element)) {
        if (isWellKnown(imported) && !given.containsKey(imported)) {
          continue;
        }
        edges.add(imported);
        if (loaded.containsKey(imported)) {
          continue;
        }
        Optional<SourceFile> found;
        try {
          found = Optional.ofNullable(given.get(imported)).or(() -> imports.resolve(imported));
        } catch (ContractException e) {
          problems.addAll(e.diagnostics());
          continue;
        }
        if (found.isEmpty()) {
          int line = importLine(file.source.text(), imported);
          problems.add(new Diagnostic(ParseErrors.IMPORT_NOT_FOUND, Severity.ERROR, file.source.displayPath(),
              line, line > 0 ? 1 : 0, "", "import \"" + imported + "\" not found in " + imports.describe()
                  + "; add the directory holding it as an import root, or fix the path"));
          continue;
        }
        try {
          Loaded dep = new Loaded(found.get(), parseElement(found.get()));
          loaded.put(imported, dep);
          queue.add(dep);
        } catch (ContractException e) {
          problems.addAll(e.diagnostics());
        }
      }
      graph.put(file.source.logicalPath(), edges);
    }
    findCycles(graph, loaded, problems);
    if (!problems.isEmpty()) {
      throw new ContractException(problems);
    }

    Map<String, ProtoFile> files = new HashMap<>();
    Loader loader = new Loader() {
      @Override
      public ProtoFile load(String path) {
        return files.computeIfAbsent(path, p -> {
          Loaded file = loaded.get(p);
          if (file != null) {
            return ProtoFile.Companion.get(file.element);
          }
          ProtoFileElement wellKnown = wellKnown(p)
              .orElseThrow(() -> new IllegalStateException("import " + p + " was not resolved before linking"));
          return ProtoFile.Companion.get(wellKnown);
        });
      }

      @Override
      public Loader withErrors(ErrorCollector errors) {
        return this;
      }
    };
    List<ProtoFile> roots = new ArrayList<>();
    for (SourceFile source : sources) {
      roots.add(loader.load(source.logicalPath()));
    }
    Schema schema;
    try {
      schema = new Linker(loader, new ErrorCollector(), true, true).link(roots);
    } catch (SchemaException e) {
      throw new ContractException(linkDiagnostics(e, loaded));
    } catch (StackOverflowError e) {
      throw new ContractException(new Diagnostic(ParseErrors.NESTING_TOO_DEEP, Severity.ERROR,
          sources.get(0).displayPath(), 0, 0, "", "the schema's types refer to each other too deeply to link"));
    } catch (RuntimeException e) {
      // wire reports some link problems as IllegalStateException/IllegalArgumentException with a location
      throw new ContractException(List.of(diagnosticFrom(e.getMessage(), loaded, sources.get(0).displayPath())));
    }

    Map<String, ProtoSource> read = new HashMap<>();
    loaded.forEach((logical, l) -> read.put(logical, new ProtoSource(l.source.displayPath(), l.source.text())));
    List<Contract> result = new ArrayList<>();
    for (SourceFile source : sources) {
      ProtoFile file = schema.protoFile(source.logicalPath());
      ProtobufParsedSchema parsed = new ProtobufParsedSchema(file, schema, Map.copyOf(read),
          packageStatement(source));
      List<ContractReference> references = new ArrayList<>();
      for (String imported : importsOf(loaded.get(source.logicalPath()).element)) {
        Loaded dep = loaded.get(imported);
        if (dep != null) {
          references.add(new ContractReference(imported, dep.source.displayPath()));
        }
      }
      result.add(new Contract(source.displayPath(), SchemaType.PROTOBUF, source.text(), parsed, references,
          Fingerprints.sha256Hex(parsed.canonicalForm())));
    }
    return result;
  }

  private record Loaded(SourceFile source, ProtoFileElement element) {}

  private static final java.util.regex.Pattern PACKAGE_STATEMENT =
      java.util.regex.Pattern.compile("(?<![\\w.])(package)\\s+[\\w.]+\\s*;");

  /** Where the package statement is: wire keeps the package name but not its position. */
  private static Location packageStatement(SourceFile source) {
    java.util.regex.Matcher m = PACKAGE_STATEMENT.matcher(source.text());
    if (!m.find()) {
      return Location.get("", source.logicalPath()).at(1, 1);
    }
    String before = source.text().substring(0, m.start(1));
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int column = m.start(1) - before.lastIndexOf('\n');
    return Location.get("", source.logicalPath()).at(line, column);
  }

  private static ProtoFileElement parseElement(SourceFile source) {
    NestingLimit.check(source);
    ProtoFileElement element;
    try {
      element = ProtoParser.Companion.parse(Location.get("", source.logicalPath()), source.text());
    } catch (StackOverflowError e) {
      return throwSyntax(source, 0, 0, "the file nests too deeply to parse");
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      Matcher m = LOCATION.matcher(message);
      int line = 0;
      int column = 0;
      if (m.find()) {
        line = Integer.parseInt(m.group(2));
        column = Integer.parseInt(m.group(3));
        message = message.substring(m.end()).replaceFirst("^:\\s*", "");
      }
      message = message.replaceFirst("^Syntax error in\\s*", "");
      return throwSyntax(source, line, column, message);
    }
    List<Diagnostic> groups = UnsupportedElements.groups(source.displayPath(), element);
    if (!groups.isEmpty()) {
      throw new ContractException(groups);
    }
    return element;
  }

  private static ProtoFileElement throwSyntax(SourceFile source, int line, int column, String message) {
    throw new ContractException(new Diagnostic(ParseErrors.SYNTAX_ERROR, Severity.ERROR, source.displayPath(),
        line, column, "", "syntax error: " + firstLine(message)));
  }

  private static List<String> importsOf(ProtoFileElement element) {
    List<String> all = new ArrayList<>(element.getImports());
    all.addAll(element.getPublicImports());
    all.addAll(element.getWeakImports());
    return all;
  }

  private static boolean isWellKnown(String path) {
    return isKnownDependency(path) && wellKnown(path).isPresent();
  }

  /** A file every registry and client knows by its path, so a contract imports it without a reference. */
  public static boolean isKnownDependency(String path) {
    return path.startsWith(WELL_KNOWN_PREFIX) || CONFLUENT_META.equals(path);
  }

  private static Optional<ProtoFileElement> wellKnown(String path) {
    return WELL_KNOWN.computeIfAbsent(path, p -> {
      try (InputStream in = wellKnownResource(p)) {
        if (in == null) {
          return Optional.empty();
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return Optional.of(ProtoParser.Companion.parse(Location.get("", p), text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Wire's own copy first: protobuf-java ships the same files in newer syntax wire may not read,
   * and both can be on the classpath.
   */
  private static InputStream wellKnownResource(String path) throws IOException {
    java.net.URL chosen = io.github.eventcontracts.core.util.ClasspathResources.preferring(
        ProtobufContractParser.class.getClassLoader(), path, "wire-schema");
    return chosen == null ? null : chosen.openStream();
  }

  private static int importLine(String text, String imported) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("import") && lines[i].contains("\"" + imported + "\"")) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Every import cycle, reported at the import line that closes it. */
  private static void findCycles(Map<String, List<String>> graph, Map<String, Loaded> loaded, List<Diagnostic> problems) {
    for (List<String> cycle : DependencyOrder.of(graph.keySet(), n -> graph.getOrDefault(n, List.of())).cycles()) {
      String imported = cycle.get(cycle.size() - 1);
      Loaded importer = loaded.get(cycle.get(cycle.size() - 2));
      int line = importLine(importer.source.text(), imported);
      problems.add(new Diagnostic(ParseErrors.IMPORT_CYCLE, Severity.ERROR, importer.source.displayPath(), line,
          line > 0 ? 1 : 0, "", "import cycle: " + String.join(" -> ", cycle)
              + "; protobuf forbids cyclic imports, move the shared types into a file both import"));
    }
  }

  private static List<Diagnostic> linkDiagnostics(SchemaException e, Map<String, Loaded> loaded) {
    List<Diagnostic> out = new ArrayList<>();
    String fallback = loaded.isEmpty() ? "<unknown>" : loaded.values().iterator().next().source.displayPath();
    // wire joins its errors with blank lines; each error is a message followed by "  for ... (location)" lines
    String text = e.getMessage() == null ? "invalid schema" : e.getMessage();
    for (String error : text.split("\n\n")) {
      if (!error.isBlank()) {
        out.add(diagnosticFrom(error, loaded, fallback));
      }
    }
    return out;
  }

  private static Diagnostic diagnosticFrom(String error, Map<String, Loaded> loaded, String fallback) {
    String message = error == null ? "invalid schema" : error;
    Matcher m = LOCATION.matcher(message);
    String file = fallback;
    int line = 0;
    int column = 0;
    if (m.find()) {
      Loaded at = loaded.get(m.group(1));
      file = at != null ? at.source.displayPath() : m.group(1);
      line = Integer.parseInt(m.group(2));
      column = Integer.parseInt(m.group(3));
    }
    String first = firstLine(message);
    String rule = first.startsWith("unable to resolve") ? ParseErrors.UNKNOWN_TYPE : ParseErrors.INVALID_SCHEMA;
    String detail = message.lines().skip(1).map(String::trim).filter(l -> l.startsWith("for "))
        .findFirst().map(l -> " (" + LOCATION.matcher(l).replaceAll("").replace("()", "").trim() + ")").orElse("");
    String hint = rule.equals(ParseErrors.UNKNOWN_TYPE)
        ? "; define the type, import the file that defines it, or fix the name" : "";
    return new Diagnostic(rule, Severity.ERROR, file, line, column, "", first + detail + hint);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
