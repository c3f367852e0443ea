package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ContractReference;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.ParseErrors;
import io.github.eventcontracts.core.util.DependencyOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schemas folder as subjects: every contract parsed, named by the strategy and settings, its
 * references to other contracts resolved to their subjects, in dependency order (referenced
 * subjects first, as a registry needs them).
 */
public final class ContractProject {
  private final ContractSet contracts;
  private final List<SubjectContract> subjects;
  private final List<SubjectContract> externals;
  private final Map<String, SubjectContract> byPath = new HashMap<>();
  private final ProjectRequest request;
  private final Map<String, ContractSettings> settings;

  private ContractProject(ContractSet contracts, List<SubjectContract> subjects, List<SubjectContract> externals,
      ProjectRequest request, Map<String, ContractSettings> settings) {
    this.contracts = contracts;
    this.request = request;
    this.settings = Map.copyOf(settings);
    this.subjects = List.copyOf(subjects);
    this.externals = List.copyOf(externals);
    subjects.forEach(s -> byPath.put(s.path(), s));
    externals.forEach(s -> byPath.put(s.path(), s));
  }

  /**
   * Other modules' contracts this project references (from their published jars), referenced-first:
   * known by their subjects, found by {@link #byPath}, never registered by this project.
   */
  public List<SubjectContract> externals() {
    return externals;
  }

  /**
   * How the project was asked for: a baseline reads its folder with the same includes and excludes
   * and names its contracts by the same rules, so both sides agree on what a contract is.
   */
  /** The settings a contract of this project has (its sidecar under its {@code <contract>} entry); NONE if none. */
  public ContractSettings settingsOf(String path) {
    return settings.getOrDefault(path, ContractSettings.NONE);
  }

  public ProjectRequest request() {
    return request;
  }

  public static ContractProject load(ProjectRequest request) {
    PathFilter selection = new PathFilter(request.includes(), request.excludes());
    ContractSet set = ContractDirectory.load(request.schemaDirectory(), request.displayRoot(), true,
        request.importRoots(), selection, request.libraries());
    return named(request, set, false);
  }

  /**
   * The subject of each contract of a baseline folder, named as {@code request} names a project's
   * (its sidecars read from {@code folder}; {@code <contract>} entries for files the baseline does
   * not have pass over): how a file that moved is found under the subject it had. Empty when the
   * baseline's contracts cannot be named (e.g. two share a subject).
   */
  public static Map<String, String> subjectsOf(ProjectRequest request, Path folder, ContractSet set) {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      named(request.withDir(folder), set, true).subjects().forEach(s -> out.put(s.path(), s.subject()));
      return out;
    } catch (ContractException | UserInputException e) {
      return Map.of();
    }
  }

  private static ContractProject named(ProjectRequest request, ContractSet set, boolean baseline) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, ContractSettings> configured = new HashMap<>();
    for (ContractSettings s : request.settings()) {
      if (baseline && (s.file() == null || !set.byPath().containsKey(s.file().replace('\\', '/')))) {
        continue;
      }
      if (s.file() == null || s.file().isBlank()) {
        problems.add(error(request.displayRoot(), "a <contract> entry has no <file>; give the path relative to the schemas folder"));
      } else if (!set.byPath().containsKey(s.file().replace('\\', '/'))) {
        problems.add(error(request.displayRoot(), "a <contract> entry names '" + s.file()
            + "', which is not a contract in the schemas folder; known: " + set.byPath().keySet()));
      } else {
        configured.put(s.file().replace('\\', '/'), s);
      }
    }

    Map<String, String> subjectByPath = new LinkedHashMap<>();
    Map<String, String> pathBySubject = new HashMap<>();
    Map<String, ContractSettings> effective = new HashMap<>();
    Map<String, String> pathByDisplay = new HashMap<>();
    Map<String, String> recordNames = new HashMap<>();
    set.byPath().forEach((path, contract) -> pathByDisplay.put(contract.file(), path));
    set.library().forEach((display, contract) -> pathByDisplay.put(display, display));
    // Contracts other contracts reference, with the name they are referenced by (Protobuf: the import path).
    Map<String, String> referencedAs = new HashMap<>();
    List<Contract> all = new ArrayList<>(set.byPath().values());
    all.addAll(set.library().values());
    for (Contract contract : all) {
      for (ContractReference r : contract.references()) {
        String target = pathByDisplay.get(r.file());
        if (target != null) {
          referencedAs.putIfAbsent(target, r.name());
        }
      }
    }
    java.util.Set<String> referenceSubjects = new java.util.HashSet<>();
    for (Map.Entry<String, Contract> e : set.byPath().entrySet()) {
      String path = e.getKey();
      Contract contract = e.getValue();
      try {
        ContractSettings s = ContractSettings.sidecar(request.schemaDirectory().resolve(path), contract.file())
            .overriddenBy(configured.getOrDefault(path, ContractSettings.NONE));
        effective.put(path, s);
        String record = recordName(contract, s.message());
        recordNames.put(path, record);
        String subject;
        if (s.subject() != null) {
          subject = s.subject();
        } else if ((referencedAs.containsKey(path) || request.sharedTypesOnly()) && s.topic() == null && s.key() == null
            && request.referenceSubjects() == ReferenceSubjects.NAME) {
          // a shared type: Confluent's default reference subject, not an event's subject
          subject = referenceSubject(contract, record, path, referencedAs);
          referenceSubjects.add(path);
        } else {
          boolean key = s.key() != null ? s.key() : s.topic() == null && isKeyFile(path);
          subject = request.strategy().subject(s.topic() != null ? s.topic() : topicOf(path), key, record);
        }
        String other = pathBySubject.putIfAbsent(subject, path);
        if (other != null) {
          problems.add(error(contract.file(), "subject '" + subject + "' is also the subject of "
              + set.byPath().get(other).file() + "; give one of them another topic or subject"));
        }
        subjectByPath.put(path, subject);
      } catch (IllegalArgumentException ex) {
        problems.add(error(contract.file(), ex.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ContractException(problems);
    }
    // Another module's contracts are known by the subject their owner registers them under: the
    // reference subject, or the naming strategy's when references are named like events.
    for (Map.Entry<String, Contract> e : set.library().entrySet()) {
      Contract contract = e.getValue();
      String record = recordName(contract, null);
      recordNames.put(e.getKey(), record);
      String subject = request.referenceSubjects() == ReferenceSubjects.NAME
          ? referenceSubject(contract, record, e.getKey(), referencedAs)
          : request.strategy().subject(topicOf(e.getKey()), isKeyFile(e.getKey()), record);
      subjectByPath.put(e.getKey(), subject);
    }

    Map<String, SubjectContract> byPath = new LinkedHashMap<>();
    for (Map.Entry<String, Contract> e : set.byPath().entrySet()) {
      String path = e.getKey();
      Contract contract = e.getValue();
      List<SubjectContract.SubjectReference> refs = subjectReferences(contract, pathByDisplay, subjectByPath);
      ContractSettings s = effective.get(path);
      byPath.put(path, new SubjectContract(subjectByPath.get(path), path, contract,
          s.compatibility() != null ? s.compatibility() : request.defaultLevel(), refs, recordNames.get(path),
          !referenceSubjects.contains(path), s.compatibility() != null));
    }
    Map<String, SubjectContract> externals = new LinkedHashMap<>();
    for (Map.Entry<String, Contract> e : set.library().entrySet()) {
      externals.put(e.getKey(), new SubjectContract(subjectByPath.get(e.getKey()), e.getKey(), e.getValue(),
          request.defaultLevel(), subjectReferences(e.getValue(), pathByDisplay, subjectByPath),
          recordNames.get(e.getKey()), false, false));
    }
    return new ContractProject(set, dependencyOrder(byPath), dependencyOrder(externals), request, effective);
  }

  private static List<SubjectContract.SubjectReference> subjectReferences(Contract contract,
      Map<String, String> pathByDisplay, Map<String, String> subjectByPath) {
    List<SubjectContract.SubjectReference> refs = new ArrayList<>();
    for (ContractReference r : contract.references()) {
      String refPath = pathByDisplay.get(r.file());
      if (refPath != null && subjectByPath.containsKey(refPath)) {
        refs.add(new SubjectContract.SubjectReference(r.name(), subjectByPath.get(refPath), refPath));
      }
    }
    return refs;
  }

  /** The subjects, referenced ones before those that use them. */
  public List<SubjectContract> subjects() {
    return subjects;
  }

  public ContractSet contracts() {
    return contracts;
  }

  public Optional<SubjectContract> byPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /** {@code avro/order-created.avsc} is topic {@code order-created}. */
  /**
   * The topic a file is for: its name without extension, and without a {@code -value} or
   * {@code -key} suffix, so a file already named after its subject ({@code orders-value.avsc}, as
   * a registry download names them) keeps that subject instead of becoming {@code orders-value-value}.
   */
  static String topicOf(String path) {
    String stem = stemOf(path);
    for (String suffix : List.of("-value", "-key")) {
      if (stem.endsWith(suffix) && stem.length() > suffix.length()) {
        return stem.substring(0, stem.length() - suffix.length());
      }
    }
    return stem;
  }

  /** {@code orders-key.avsc} is the key schema of topic {@code orders}. */
  static boolean isKeyFile(String path) {
    String stem = stemOf(path);
    return stem.endsWith("-key") && stem.length() > "-key".length();
  }

  private static String stemOf(String path) {
    String name = Path.of(path).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The Avro top-level full name; for a proto file the named message (simple or full name), else
   * its first message, as Confluent's ProtobufSchema names it.
   */
  /**
   * Confluent's default subject for a referenced schema: an Avro record's full name, else the name
   * it is referenced by (a Protobuf import path), else its path.
   */
  private static String referenceSubject(Contract contract, String record, String path,
      Map<String, String> referencedAs) {
    return contract.type() == SchemaType.AVRO && record != null ? record : referencedAs.getOrDefault(path, path);
  }

  static String recordName(Contract contract, String message) {
    if (contract.type() == SchemaType.AVRO) {
      if (message != null) {
        throw new UserInputException("'message' applies to proto files; an Avro file's record is its top-level schema");
      }
      var schema = contract.avro().schema();
      return switch (schema.getType()) {
        case RECORD, ENUM, FIXED -> schema.getFullName();
        default -> null;
      };
    }
    ProtobufParsedSchema proto = contract.protobuf();
    List<String> messages = proto.file().getTypes().stream()
        .filter(t -> t instanceof com.squareup.wire.schema.MessageType)
        .map(t -> t.getType().toString())
        .toList();
    if (message == null) {
      return messages.isEmpty() ? null : messages.get(0);
    }
    return messages.stream().filter(m -> m.equals(message) || m.endsWith("." + message)).findFirst()
        .orElseThrow(() -> new UserInputException("message '" + message + "' is not a top-level message of "
            + contract.file() + "; it has " + messages));
  }

  private static List<SubjectContract> dependencyOrder(Map<String, SubjectContract> byPath) {
    // Parsers already refuse reference cycles, so every reference is walked.
    return DependencyOrder.of(byPath.values(), s -> s.references().stream()
        .map(r -> byPath.get(r.path())).filter(java.util.Objects::nonNull).toList()).order();
  }

  private static Diagnostic error(String file, String message) {
    return new Diagnostic(ParseErrors.INVALID_CONFIGURATION, Severity.ERROR, file, 0, 0, "", message);
  }
}
