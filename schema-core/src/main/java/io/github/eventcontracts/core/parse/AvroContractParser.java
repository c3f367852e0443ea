package io.github.eventcontracts.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.model.AvroParsedSchema;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ContractReference;
import io.github.eventcontracts.core.model.Fingerprints;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.util.DependencyOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/**
 * Parses Avro {@code .avsc} files with Apache Avro. Files that use each other's named types may be
 * given in any order: a first scan of each file finds the names it defines and uses, the files are
 * then parsed in dependency order by one Avro parser, so cross-file references resolve the way
 * Avro (and a registry with references) resolves them.
 */
public final class AvroContractParser {
  private static final Pattern FIELD_IN_MESSAGE = Pattern.compile("field ([A-Za-z_][A-Za-z0-9_]*)");

  private final boolean strictNames;
  private final boolean validateDefaults;

  /**
   * @param strict validate names strictly and check that defaults match their types, as for a new
   *     schema; off for schemas already in use, which Avro accepted under laxer rules before
   */
  public AvroContractParser(boolean strict) {
    this(strict, strict);
  }

  /**
   * @param strictNames names must match {@code [A-Za-z_][A-Za-z0-9_]*}
   * @param validateDefaults defaults must be values of their field's type (what a registry checks)
   */
  public AvroContractParser(boolean strictNames, boolean validateDefaults) {
    this.strictNames = strictNames;
    this.validateDefaults = validateDefaults;
  }

  public AvroContractParser() {
    this(true);
  }

  /** Parses one file that needs nothing from other files. */
  public Contract parse(SourceFile file) {
    return parseAll(List.of(file)).get(0);
  }

  /** Parses {@code main}, resolving named types it uses from {@code references}. */
  public Contract parse(SourceFile main, List<SourceFile> references) {
    List<SourceFile> all = new ArrayList<>(references);
    all.add(main);
    List<Contract> parsed = parseAll(all);
    return parsed.get(parsed.size() - 1);
  }

  /**
   * Parses {@code main} with the files it needs from {@code library}: only files defining a type
   * {@code main} uses (directly or through another library file) are read, and where two define the
   * same type the earlier one wins, so a caller lists the files nearest to {@code main} first. This
   * is how a folder of many versions, or the schemas of several jars, can serve as a type path.
   */
  public Contract parseWithLibrary(SourceFile main, List<SourceFile> library) {
    return parse(main, neededFrom(List.of(main), library));
  }

  /**
   * The files of {@code library} that {@code mains} need: those defining a type a main file uses,
   * directly or through another library file; the earlier of two definitions wins.
   */
  public List<SourceFile> neededFrom(List<SourceFile> mains, List<SourceFile> library) {
    Map<String, SourceFile> ownerOf = new HashMap<>();
    Map<SourceFile, FileScan> scanned = new HashMap<>();
    for (SourceFile file : library) {
      try {
        FileScan scan = FileScan.of(file);
        scanned.put(file, scan);
        scan.defined.keySet().forEach(name -> ownerOf.putIfAbsent(name, file));
      } catch (ContractException e) {
        // a broken file nobody needs is no concern of this parse; a needed type then reads as unknown
      }
    }
    List<SourceFile> needed = new ArrayList<>();
    java.util.ArrayDeque<FileScan> pending = new java.util.ArrayDeque<>();
    Set<String> defined = new java.util.HashSet<>();
    for (SourceFile main : mains) {
      try {
        FileScan scan = FileScan.of(main);
        defined.addAll(scan.defined.keySet());
        pending.add(scan);
      } catch (ContractException e) {
        // reported when the main files are parsed
      }
    }
    while (!pending.isEmpty()) {
      for (NameUse use : pending.poll().uses) {
        if (use.candidates.stream().anyMatch(defined::contains)) {
          continue;
        }
        use.candidates.stream().map(ownerOf::get).filter(java.util.Objects::nonNull).findFirst().ifPresent(file -> {
          needed.add(file);
          FileScan scan = scanned.get(file);
          defined.addAll(scan.defined.keySet());
          pending.add(scan);
        });
      }
    }
    return needed;
  }

  /** Parses files together; the result is in the order given. All problems are reported at once. */
  public List<Contract> parseAll(List<SourceFile> files) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, FileScan> scans = new LinkedHashMap<>();
    for (SourceFile file : files) {
      try {
        scans.put(file.displayPath(), FileScan.of(file));
      } catch (ContractException e) {
        problems.addAll(e.diagnostics());
      }
    }

    // A file with a problem is not parsed, nor are the files using its types, but every other file
    // is: one run reports every file's own errors.
    Set<FileScan> failed = new LinkedHashSet<>();
    Map<String, FileScan> definedBy = new HashMap<>();
    // Self-contained files (one per topic, each inlining the types it uses) define the same type
    // again: identical copies are one type, checked once every file is parsed.
    List<Redefinition> redefinitions = new ArrayList<>();
    for (FileScan scan : scans.values()) {
      for (Map.Entry<String, String> def : scan.defined.entrySet()) {
        FileScan other = definedBy.putIfAbsent(def.getKey(), scan);
        if (other != null && other != scan) {
          redefinitions.add(new Redefinition(def.getKey(), other, scan, def.getValue()));
        }
      }
    }

    Map<FileScan, Set<FileScan>> dependsOn = new LinkedHashMap<>();
    Map<FileScan, List<ContractReference>> references = new HashMap<>();
    for (FileScan scan : scans.values()) {
      Set<FileScan> deps = new LinkedHashSet<>();
      Map<String, ContractReference> refs = new LinkedHashMap<>();
      for (NameUse use : scan.uses) {
        String resolved = null;
        FileScan owner = null;
        for (String candidate : use.candidates) {
          if (scan.defined.containsKey(candidate)) {
            resolved = candidate;
            owner = scan;
            break;
          }
          if (definedBy.containsKey(candidate)) {
            resolved = candidate;
            owner = definedBy.get(candidate);
            break;
          }
        }
        if (owner == null) {
          failed.add(scan);
          problems.add(at(scan, use.pointer, ParseErrors.UNKNOWN_TYPE,
              "unknown type '" + use.written + "'"
                  + (use.candidates.size() > 1 ? " (looked for " + String.join(" and ", use.candidates) + ")" : "")
                  + "; define it in a .avsc file parsed with this one, or fix the name"));
        } else if (owner != scan) {
          deps.add(owner);
          refs.putIfAbsent(resolved, new ContractReference(resolved, owner.source.displayPath()));
        }
      }
      dependsOn.put(scan, deps);
      references.put(scan, List.copyOf(refs.values()));
    }
    List<FileScan> order = topologicalOrder(dependsOn, problems, failed);

    Map<FileScan, Contract> contracts = new HashMap<>();
    for (FileScan scan : order) {
      if (failed.contains(scan)) {
        continue;
      }
      if (dependsOn.get(scan).stream().anyMatch(failed::contains)) {
        failed.add(scan); // its own error would only repeat the dependency's
        continue;
      }
      try {
        // A parser per file, knowing only the types of the files it uses: Avro re-resolves every
        // known schema on each parse, so one shared parser makes a large folder quadratic.
        Schema.Parser parser = new Schema.Parser(strictNames ? NameValidator.STRICT_VALIDATOR : NameValidator.NO_VALIDATION)
            .setValidateDefaults(validateDefaults);
        List<Schema> known = new ArrayList<>();
        java.util.Map<Schema, Boolean> seen = new java.util.IdentityHashMap<>();
        for (FileScan dep : dependsOn.get(scan)) {
          collectNamed(contracts.get(dep).avro().schema(), known, seen);
        }
        known.removeIf(type -> scan.defined.containsKey(type.getFullName())); // its own copy is the one it means
        if (!known.isEmpty()) {
          parser.addTypes(known);
        }
        Schema schema = parser.parse(scan.source.text());
        AvroParsedSchema parsed = new AvroParsedSchema(schema, scan.locations, scan.tree);
        contracts.put(scan, new Contract(scan.source.displayPath(), SchemaType.AVRO, scan.source.text(),
            parsed, references.get(scan), Fingerprints.sha256Hex(parsed.canonicalForm())));
      } catch (AvroRuntimeException e) {
        failed.add(scan);
        problems.add(at(scan, locate(scan, e.getMessage()), ParseErrors.INVALID_SCHEMA,
            describe(e.getMessage())));
      }
    }
    Map<FileScan, List<String>> reported = new HashMap<>();
    for (Redefinition again : redefinitions) {
      Contract first = contracts.get(again.first);
      Contract second = contracts.get(again.second);
      if (first == null || second == null) {
        continue; // a file that did not parse has its own error
      }
      List<String> above = reported.getOrDefault(again.second, List.of());
      if (above.stream().anyMatch(pointer -> again.pointer.startsWith(pointer + "/"))) {
        continue; // a type nested in one already reported differs with it: one finding says it
      }
      Schema one = namedType(first.avro().schema(), again.name);
      Schema other = namedType(second.avro().schema(), again.name);
      if (one == null || other == null || !one.toString().equals(other.toString())) {
        SourcePosition firstAt = again.first.locations.find(again.first.defined.get(again.name));
        reported.computeIfAbsent(again.second, k -> new ArrayList<>()).add(again.pointer);
        problems.add(at(again.second, again.pointer, ParseErrors.DUPLICATE_TYPE,
            "type " + again.name + " is defined differently here and in " + again.first.source.displayPath() + ":"
                + firstAt.line() + "; identical copies are allowed, different ones are not: make them the same, "
                + "or define the type in one file and reference it by name"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContractException(problems);
    }
    List<Contract> result = new ArrayList<>();
    for (FileScan scan : scans.values()) {
      result.add(contracts.get(scan));
    }
    return result;
  }

  /** Every named type reachable from {@code schema}, each once. */
  public static void collectNamed(Schema schema, List<Schema> out, java.util.Map<Schema, Boolean> seen) {
    if (seen.put(schema, Boolean.TRUE) != null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        out.add(schema);
        schema.getFields().forEach(f -> collectNamed(f.schema(), out, seen));
      }
      case ENUM, FIXED -> out.add(schema);
      case ARRAY -> collectNamed(schema.getElementType(), out, seen);
      case MAP -> collectNamed(schema.getValueType(), out, seen);
      case UNION -> schema.getTypes().forEach(t -> collectNamed(t, out, seen));
      default -> { }
    }
  }

  /** A named type defined by a second file: fine when it is an identical copy. */
  private record Redefinition(String name, FileScan first, FileScan second, String pointer) {}

  /** The named type {@code fullName} as {@code schema} defines or uses it, or null. */
  private static Schema namedType(Schema schema, String fullName) {
    List<Schema> named = new ArrayList<>();
    collectNamed(schema, named, new java.util.IdentityHashMap<>());
    return named.stream().filter(t -> t.getFullName().equals(fullName)).findFirst().orElse(null);
  }

  /** Files in dependency order; a cycle is reported at the file that closes it. */
  private static List<FileScan> topologicalOrder(Map<FileScan, Set<FileScan>> deps, List<Diagnostic> problems,
      Set<FileScan> failed) {
    DependencyOrder<FileScan> walk = DependencyOrder.of(deps.keySet(), deps::get);
    for (List<FileScan> cycle : walk.cycles()) {
      failed.addAll(cycle);
      String closing = cycle.get(cycle.size() - 1).source.displayPath();
      problems.add(SourceFile.error(closing, 1, ParseErrors.REFERENCE_CYCLE,
          "files reference each other's types in a cycle: "
              + String.join(" -> ", cycle.stream().map(f -> f.source.displayPath()).toList())
              + "; move the shared types into one file"));
    }
    return walk.order();
  }

  /** Avro's messages name fields and types but not positions: find the pointer they talk about. */
  private static String locate(FileScan scan, String message) {
    if (message == null) {
      return "";
    }
    Matcher field = FIELD_IN_MESSAGE.matcher(message);
    if (field.find() && scan.fields.containsKey(field.group(1))) {
      String pointer = scan.fields.get(field.group(1));
      return scan.locations.has(pointer + "/default") ? pointer + "/default" : pointer;
    }
    String best = null;
    for (Map.Entry<String, String> name : scan.names.entrySet()) {
      if (message.contains(name.getKey()) && (best == null || name.getKey().length() > best.length())) {
        best = name.getKey();
      }
    }
    return best == null ? "" : scan.names.get(best);
  }

  private static String describe(String avroMessage) {
    String message = avroMessage == null ? "invalid Avro schema" : JsonLocations.cleanMessage(avroMessage);
    if (message.startsWith("Illegal character in") || message.startsWith("Illegal initial character")
        || message.contains("Empty name")) {
      return message + "; Avro names start with [A-Za-z_] and continue with [A-Za-z0-9_]";
    }
    if (message.startsWith("Invalid default")) {
      return message + "; make the default a value of the field's type (for a union, of its first branch)";
    }
    return message;
  }

  private static Diagnostic at(FileScan scan, String pointer, String rule, String message) {
    SourcePosition p = scan.locations.find(pointer);
    return new Diagnostic(rule, Severity.ERROR, scan.source.displayPath(), p.line(), p.column(), pointer, message);
  }

  /** A use of a type by name, with the full names it may mean, most specific first. */
  private record NameUse(String written, List<String> candidates, String pointer) {}

  /** What a first pass over one file finds: the names it defines and uses, and where. */
  private static final class FileScan {
    final SourceFile source;
    final JsonLocations locations;
    JsonNode tree;
    final Map<String, String> defined = new LinkedHashMap<>();
    final List<NameUse> uses = new ArrayList<>();
    final Map<String, String> names = new HashMap<>();
    final Map<String, String> fields = new HashMap<>();

    private FileScan(SourceFile source, JsonLocations locations) {
      this.source = source;
      this.locations = locations;
    }

    static FileScan of(SourceFile source) {
      NestingLimit.check(source);
      JsonLocations locations = JsonLocations.scan(source.displayPath(), source.text());
      FileScan scan = new FileScan(source, locations);
      JsonNode tree = JsonLocations.tree(source.text());
      scan.tree = tree;
      AvroJsonWalker.walk(tree, new AvroJsonWalker.Visitor() {
        @Override
        public void namedType(JsonNode node, String pointer, String fullName) {
          scan.defined.putIfAbsent(fullName, pointer);
          scan.names.putIfAbsent(node.get("name").asText(), pointer + "/name");
        }

        @Override
        public void field(JsonNode record, JsonNode field, String pointer) {
          if (field.path("name").isTextual()) {
            scan.fields.putIfAbsent(field.get("name").asText(), pointer);
            scan.names.putIfAbsent(field.get("name").asText(), pointer + "/name");
          }
        }

        @Override
        public void nameUse(String name, String pointer, String namespace) {
          List<String> candidates = name.contains(".") || namespace.isEmpty()
              ? List.of(name) : List.of(namespace + "." + name, name);
          scan.uses.add(new NameUse(name, candidates, pointer));
        }
      });
      return scan;
    }
  }
}
