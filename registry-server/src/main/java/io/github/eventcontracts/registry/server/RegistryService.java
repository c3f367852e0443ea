package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.github.eventcontracts.core.compat.Comparison;
import io.github.eventcontracts.core.compat.CompatibilityChecker;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.descriptor.DescriptorReader;
import io.github.eventcontracts.core.descriptor.DescriptorWriter;
import io.github.eventcontracts.core.descriptor.ProtobufNormalForm;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.ReferencedSchemaParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.RuleSet;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The registry's state and rules, with Confluent Schema Registry's semantics and no HTTP: ids are
 * global and content-addressed, a subject's versions start at 1, re-registering a schema the
 * subject has returns its id, and a registration that breaks the subject's compatibility level is
 * refused. Reads are lock-free; writes are serialized and made durable by the {@link SchemaStore}
 * (whichever it is) before they are applied and acknowledged. Every change goes through
 * {@link #apply}, live or replayed from any store.
 */
final class RegistryService implements Closeable {
  static final List<String> SCHEMA_TYPES = List.of(RegistrySchema.AVRO, RegistrySchema.PROTOBUF);
  /** Confluent's format for a Protobuf schema as a base64 {@code FileDescriptorProto}. */
  static final String SERIALIZED = "serialized";

  /** One version of a subject. */
  record Version(int version, int id, boolean deleted) {}

  /**
   * What makes two registrations the same schema, and so the same id: as in Confluent, the data
   * contract (metadata, rule set) too, so a changed rule set is a new version.
   */
  private record SchemaKey(String type, String canonical, List<SchemaReference> references, Metadata metadata,
      RuleSet ruleSet) {
    static SchemaKey of(RegistrySchema schema, String text) {
      return new SchemaKey(schema.schemaType(), text, schema.references(), schema.metadata(), schema.ruleSet());
    }
  }

  /**
   * A parsed request schema: its canonical form (what is stored and answered), the identity of its
   * normal form (the same for a schema sent as text and as a {@code FileDescriptorProto}, or written
   * in another order), and whether it came as a descriptor.
   */
  private record Parsed(RegistrySchema canonical, Contract contract, String normal, boolean fromDescriptor) {
    SchemaKey key() {
      return SchemaKey.of(canonical, canonical.schema());
    }

    SchemaKey normalKey() {
      return SchemaKey.of(canonical, normal);
    }

    /** The same schema under another data contract. */
    Parsed withContract(Metadata metadata, RuleSet ruleSet) {
      return new Parsed(canonical.withContract(metadata, ruleSet), contract, normal, fromDescriptor);
    }
  }

  private final SchemaStore store;
  private final Map<String, String> modes = new ConcurrentHashMap<>();
  private final CompatibilityChecker checker = new CompatibilityChecker();
  private final Object writeLock = new Object();
  private final Map<Integer, RegistrySchema> schemas = new ConcurrentHashMap<>();
  private final Map<SchemaKey, Integer> ids = new ConcurrentHashMap<>();
  /** Ids by normal form, to match a schema sent in another form (see {@link #idOf}). */
  private final Map<SchemaKey, Integer> idsByNormalForm = new ConcurrentHashMap<>();
  /**
   * Protobuf ids not yet in {@link #idsByNormalForm}, with the normal form when the store recorded
   * it ("" when it could not: Confluent's topic). Deriving one is a full parse and link, about a
   * millisecond, so a replay of 150,000 such schemas would take minutes: they are indexed after
   * start instead, lowest id first (the first of equal schemas keeps the index, as in a replay), by
   * a background thread and by any lookup that needs the index before it is done.
   */
  private final java.util.concurrent.ConcurrentSkipListMap<Integer, String> normalFormsPending =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final Object normalFormsLock = new Object();
  private volatile boolean started;
  private volatile boolean closed;
  /** Ids of schemas registered as a {@code FileDescriptorProto}: their text is ours, not the client's. */
  private final Set<Integer> registeredAsDescriptor = ConcurrentHashMap.newKeySet();
  /** Ids replayed from a store that cannot say how they were sent: derived when needed (see {@link #idOf}). */
  private final Set<Integer> originUnknown = ConcurrentHashMap.newKeySet();
  /** Whether a stored Protobuf text is exactly our rendering of its own descriptor, by id. */
  private final Map<Integer, Boolean> ownRendering = new ConcurrentHashMap<>();
  private final ParsedSchemaCache parsed = ParsedSchemaCache.forThisJvm();
  private final Map<String, List<Version>> subjects = new ConcurrentHashMap<>();
  /** The subjects' names in order, so a list or a page of 100,000 subjects is a walk, not a sort. */
  private final java.util.NavigableSet<String> subjectNames = new java.util.concurrent.ConcurrentSkipListSet<>();
  /** The subjects that have (had) a version with an id: what uses a schema, without a scan of every subject. */
  private final Map<Integer, Set<String>> subjectsById = new ConcurrentHashMap<>();
  /** Ids whose schemas reference a subject's version ({@code subject \0 version}). */
  private final Map<String, Set<Integer>> referrers = new ConcurrentHashMap<>();
  private final Map<String, SubjectConfig> configs = new ConcurrentHashMap<>();
  /** The level while the registry's own configuration sets none: BACKWARD, as Confluent's default, unless configured. */
  private final CompatibilityLevel defaultLevel;
  /** The registry's own configuration. */
  private volatile SubjectConfig globalConfig;
  private int nextId = 1;
  private volatile long generation;

  /** Replays what {@code store} holds, then keeps every change there before applying it. */
  RegistryService(SchemaStore store) {
    this(store, CompatibilityLevel.BACKWARD);
  }

  /** @param defaultLevel the global level while none is stored (Confluent's {@code schema.compatibility.level}) */
  RegistryService(SchemaStore store, CompatibilityLevel defaultLevel) {
    this.store = store;
    this.defaultLevel = defaultLevel;
    this.globalConfig = SubjectConfig.ofLevel(defaultLevel);
    store.open(new SchemaStore.Replica() {
      @Override
      public void applyStored(Supplier<List<LogRecord>> read) {
        synchronized (writeLock) {
          read.get().forEach(RegistryService.this::apply);
        }
      }

      @Override
      public ConfluentStoreFormat.State state() {
        return storeState;
      }
    });
    started = true;
    if (!normalFormsPending.isEmpty()) {
      Thread indexer = new Thread(this::indexPendingNormalForms, "registry-normal-forms");
      indexer.setDaemon(true);
      indexer.start();
    }
  }

  /** Indexes every pending normal form, lowest id first; returns when none is pending. */
  private void indexPendingNormalForms() {
    if (normalFormsPending.isEmpty()) {
      return;
    }
    synchronized (normalFormsLock) {
      for (Map.Entry<Integer, String> next = normalFormsPending.firstEntry(); next != null && !closed;
          next = normalFormsPending.firstEntry()) {
        RegistrySchema schema = schemas.get(next.getKey());
        String normal = next.getValue().isEmpty() ? replayedNormalForm(schema) : next.getValue();
        idsByNormalForm.putIfAbsent(SchemaKey.of(schema, normal), next.getKey());
        normalFormsPending.remove(next.getKey());
      }
    }
  }

  /** What the Kafka record format needs to know of the state. */
  private final ConfluentStoreFormat.State storeState = new ConfluentStoreFormat.State() {
    @Override
    public RegistrySchema schema(int id) {
      return schemas.get(id);
    }

    @Override
    public int idOf(String subject, int version) {
      return subjects.getOrDefault(subject, List.of()).stream().filter(v -> v.version() == version)
          .mapToInt(Version::id).findFirst().orElseThrow();
    }

    @Override
    public List<Integer> liveVersions(String subject) {
      return subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).map(Version::version).toList();
    }

    @Override
    public List<Integer> allVersions(String subject) {
      return subjects.getOrDefault(subject, List.of()).stream().map(Version::version).toList();
    }
  };

  /** The mode of a subject, or the global one when {@code subject} is null: READWRITE unless set. */
  String mode(String subject) {
    String mode = subject == null ? null : modes.get(subject);
    return mode != null ? mode : modes.getOrDefault("", "READWRITE");
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** @param normalize Confluent's {@code normalize=true}: match and store the schema's normal form */
  int register(String subject, RegistrySchema schema, boolean normalize) {
    return register(subject, schema, normalize, null, null);
  }

  /**
   * @param importId with {@code importVersion}, the id and version the schema had in the registry it
   *     is migrated from: only in IMPORT mode, as Confluent's registry takes them
   */
  int register(String subject, RegistrySchema schema, boolean normalize, Integer importId, Integer importVersion) {
    requireSubject(subject);
    Parsed parsed = parse(schema, normalize);
    if (importId != null) {
      synchronized (writeLock) {
        String mode = requireWritable(subject);
        return importSchema(subject, parsed, mode, importId, importVersion);
      }
    }
    Registration registration = new Registration(subject, parsed, normalize, importVersion);
    registering.incrementAndGet();
    try {
      return commitInGroup(registration);
    } finally {
      registering.decrementAndGet();
    }
  }

  private int commitInGroup(Registration registration) {
    // One thread at a time, the combiner, commits every registration waiting, its own among them,
    // in one write; the others wait until theirs is done or no one is committing, then one of
    // those left becomes the next combiner. A done registration answers at once, without waiting
    // for a turn as combiner.
    synchronized (waiting) {
      waiting.add(registration);
      waiting.notifyAll(); // a combiner may be waiting for company
    }
    boolean interrupted = false;
    while (true) {
      synchronized (waiting) {
        while (!registration.done && combining) {
          try {
            waiting.wait();
          } catch (InterruptedException e) {
            interrupted = true; // the registration may be in the write under way: wait for its answer
          }
        }
        if (registration.done) {
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
          return registration.result();
        }
        combining = true;
      }
      try {
        commitWaiting();
      } finally {
        synchronized (waiting) {
          combining = false;
          waiting.notifyAll();
        }
      }
    }
  }

  /** The subject's mode, unless it refuses writes. */
  private String requireWritable(String subject) {
    String mode = mode(subject);
    if (mode.equals("READONLY")) {
      throw new RegistryError(422, ErrorCodes.OPERATION_NOT_PERMITTED, "Subject " + subject + " is in read-only mode");
    }
    return mode;
  }

  /** A registration waiting for the next group commit, then its answer. */
  private static final class Registration {
    final String subject;
    final Parsed parsed;
    final boolean normalize;
    final Integer requestedVersion;
    /** Set by the combiner; read by the owner under {@code waiting}'s monitor, after the combiner left it. */
    boolean done;
    int id;
    RuntimeException failure;

    Registration(String subject, Parsed parsed, boolean normalize, Integer requestedVersion) {
      this.subject = subject;
      this.parsed = parsed;
      this.normalize = normalize;
      this.requestedVersion = requestedVersion;
    }

    void answer(int id) {
      this.id = id;
      done = true;
    }

    void fail(RuntimeException failure) {
      this.failure = failure;
      done = true;
    }

    int result() {
      if (failure != null) {
        throw failure;
      }
      return id;
    }
  }

  /** How many registrations wait for the next group commit (for tests). */
  int waitingRegistrations() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  /** Registrations not yet decided, in arrival order; its monitor also guards {@link #combining}. */
  private final java.util.ArrayDeque<Registration> waiting = new java.util.ArrayDeque<>();
  /** Whether a thread is committing the waiting registrations. */
  private boolean combining;
  /** How many registrations the last batch held. */
  private int lastBatch = 1;
  /** Threads inside {@link #register} (parsing, waiting or being answered): the writers there are. */
  private final java.util.concurrent.atomic.AtomicInteger registering = new java.util.concurrent.atomic.AtomicInteger();
  /** At most this long a batch waits for company (Kafka's {@code linger.ms}, for registrations). */
  private static final long LINGER_NANOS = 2_000_000;

  /**
   * Group commit: decides every waiting registration against the committed state and makes all
   * their records durable in one store write (one Kafka transaction, one fsync), then applies them.
   * The decisions of one batch must not depend on each other, so a registration for a subject, or
   * of a schema, that an earlier one in the batch has too waits for the next batch; new ids are
   * given in order. If the write fails, every registration that wrote fails with it and nothing is
   * applied: a store write is all or nothing.
   */
  private void commitWaiting() {
    List<Registration> batch;
    synchronized (waiting) {
      // Under concurrency, wait a moment for every writer there is: those whose answers just went
      // out are sending their next registration. A lone writer never waits.
      int writers = Math.max(lastBatch, registering.get());
      long deadline = System.nanoTime() + LINGER_NANOS;
      for (long left = LINGER_NANOS; waiting.size() < writers && left > 0; left = deadline - System.nanoTime()) {
        try {
          waiting.wait(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      batch = new ArrayList<>(waiting);
      waiting.clear();
      lastBatch = batch.size();
    }
    List<Registration> deferred = new ArrayList<>();
    synchronized (writeLock) {
      Set<String> subjectsSeen = new java.util.HashSet<>();
      Set<String> schemasSeen = new java.util.HashSet<>();
      List<LogRecord> records = new ArrayList<>();
      Map<Registration, Decision> writing = new LinkedHashMap<>();
      int next = nextId;
      for (Registration r : batch) {
        String text = r.parsed.canonical().schemaType() + '\0' + r.parsed.canonical().schema();
        String normal = r.parsed.normal() == null ? null : r.parsed.canonical().schemaType() + '\1' + r.parsed.normal();
        boolean independent = subjectsSeen.add(r.subject) & schemasSeen.add(text) & (normal == null || schemasSeen.add(normal));
        if (!independent) {
          deferred.add(r);
          continue;
        }
        try {
          Decision decision = decide(r, next);
          if (decision.records().isEmpty()) {
            r.answer(decision.id());
          } else {
            records.addAll(decision.records());
            writing.put(r, decision);
            next = Math.max(next, decision.id() + 1);
          }
        } catch (RuntimeException | StackOverflowError e) {
          r.fail(e instanceof RuntimeException runtime ? runtime
              : RegistryError.invalidSchema("the schema nests too deeply to process"));
        }
      }
      if (!records.isEmpty()) {
        try {
          commit(records);
          writing.forEach((r, decision) -> {
            this.parsed.put(decision.id(), decision.parsed().contract());
            r.answer(decision.id());
          });
        } catch (RuntimeException e) {
          writing.keySet().forEach(r -> r.fail(e));
        }
      }
    }
    synchronized (waiting) { // first in the next batch, in their order
      for (int i = deferred.size() - 1; i >= 0; i--) {
        waiting.addFirst(deferred.get(i));
      }
    }
  }

  /** What a registration comes to: an id already there (no records), or the records of a new version. */
  private record Decision(int id, List<LogRecord> records, Parsed parsed) {}

  /** Confluent's rules for one registration, against the committed state; {@code newId} if it needs one. */
  private Decision decide(Registration r, int newId) {
    String subject = r.subject;
    requireWritable(subject);
    List<Version> versions = subjects.getOrDefault(subject, List.of());
    List<Version> live = versions.stream().filter(v -> !v.deleted()).toList();
    SubjectConfig config = configInScope(subject);
    Parsed parsed = withMergedContract(r.parsed, config, live, r.requestedVersion, nextVersion(versions));
    Integer existing = idOf(parsed, r.normalize);
    if (existing == null) {
      existing = sameIgnoringConfluentVersion(parsed, live);
    }
    Integer found = existing;
    if (found != null && live.stream().anyMatch(v -> v.id() == found)) {
      return new Decision(found, List.of(), parsed);
    }
    CompatibilityResult result = checker.check(config.level(), contractsOf(sameGroup(config, parsed.canonical(), live)),
        parsed.contract());
    if (!result.compatible()) {
      throw new RegistryError(409, ErrorCodes.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with an "
          + "earlier schema for subject \"" + subject + "\", details: [" + String.join(", ", CompatibilityMessages.of(result, live))
          + "]");
    }
    int id = existing != null ? existing : newId;
    return new Decision(id, versionRecords(subject, nextVersion(versions), id, existing == null, parsed), parsed);
  }

  /**
   * The version's data contract as Confluent's registry completes it ({@code maybeSetMetadataRuleSet}):
   * what the request brings, else what the latest version has, with the configuration's defaults
   * under it and its overrides over it; and {@code confluent:version} set to the new version's
   * number when the request gave a version or the metadata already carry one.
   */
  private Parsed withMergedContract(Parsed parsed, SubjectConfig config, List<Version> live, Integer requestedVersion,
      int newVersion) {
    RegistrySchema previous = live.isEmpty() ? null : schemas.get(live.get(live.size() - 1).id());
    RegistrySchema request = parsed.canonical();
    Metadata specificMetadata = request.metadata() != null ? request.metadata()
        : previous != null ? previous.metadata() : null;
    RuleSet specificRuleSet = request.ruleSet() != null ? request.ruleSet()
        : previous != null ? previous.ruleSet() : null;
    Metadata metadata = Metadata.merge(Metadata.merge(config.defaultMetadata(), specificMetadata),
        config.overrideMetadata());
    RuleSet ruleSet = RuleSet.merge(RuleSet.merge(config.defaultRuleSet(), specificRuleSet), config.overrideRuleSet());
    if (requestedVersion != null && requestedVersion != 0
        || metadata != null && metadata.properties().containsKey(Metadata.CONFLUENT_VERSION)) {
      metadata = Metadata.withConfluentVersion(metadata, requestedVersion != null && requestedVersion > 0
          ? requestedVersion : newVersion);
    }
    return parsed.withContract(metadata, ruleSet);
  }

  /**
   * A live version that is this schema but for the number in {@code confluent:version} (a version
   * re-registered without giving it): Confluent's {@code canLookupIgnoringVersion}.
   */
  private Integer sameIgnoringConfluentVersion(Parsed parsed, List<Version> live) {
    Metadata metadata = parsed.canonical().metadata();
    if (metadata == null || !metadata.properties().containsKey(Metadata.CONFLUENT_VERSION)) {
      return null;
    }
    SchemaKey wanted = SchemaKey.of(parsed.canonical().withContract(withoutConfluentVersion(metadata),
        parsed.canonical().ruleSet()), parsed.canonical().schema());
    for (int i = live.size() - 1; i >= 0; i--) {
      RegistrySchema held = schemas.get(live.get(i).id());
      if (SchemaKey.of(held.withContract(withoutConfluentVersion(held.metadata()), held.ruleSet()), held.schema())
          .equals(wanted)) {
        return live.get(i).id();
      }
    }
    return null;
  }

  private static Metadata withoutConfluentVersion(Metadata metadata) {
    if (metadata == null || !metadata.properties().containsKey(Metadata.CONFLUENT_VERSION)) {
      return metadata;
    }
    Map<String, String> properties = new java.util.HashMap<>(metadata.properties());
    properties.remove(Metadata.CONFLUENT_VERSION);
    return new Metadata(metadata.tags(), properties, metadata.sensitive());
  }

  /**
   * The versions a new one is checked against: with a {@code compatibilityGroup} (e.g.
   * {@code major_version}), only those whose metadata property of that name has the same value as
   * the new one's (both may lack it), so a breaking change can start a new group.
   */
  private List<Version> sameGroup(SubjectConfig config, RegistrySchema candidate, List<Version> versions) {
    String group = config.compatibilityGroup();
    if (group == null) {
      return versions;
    }
    String value = groupValue(candidate, group);
    return versions.stream().filter(v -> java.util.Objects.equals(value, groupValue(schemas.get(v.id()), group)))
        .toList();
  }

  private static String groupValue(RegistrySchema schema, String group) {
    return schema.metadata() == null ? null : schema.metadata().properties().get(group);
  }

  private static int nextVersion(List<Version> versions) {
    return versions.stream().mapToInt(Version::version).max().orElse(0) + 1;
  }

  /** Commits a new version (and, when {@code newSchema}, the schema under {@code id}) in one write. */
  private int addVersion(String subject, int version, int id, boolean newSchema, Parsed parsed) {
    commit(versionRecords(subject, version, id, newSchema, parsed));
    this.parsed.put(id, parsed.contract());
    return id;
  }

  /** A new version's records: the schema first when it is new. */
  private static List<LogRecord> versionRecords(String subject, int version, int id, boolean newSchema, Parsed parsed) {
    List<LogRecord> records = new ArrayList<>();
    if (newSchema) {
      records.add(new LogRecord.SchemaStored(id, parsed.canonical(), parsed.normal(), parsed.fromDescriptor()));
    }
    records.add(new LogRecord.VersionAdded(subject, version, id));
    return records;
  }

  List<Integer> deleteSubject(String subject, boolean permanent) {
    synchronized (writeLock) {
      List<Version> versions = subjects.get(subject);
      if (versions == null || versions.isEmpty()) {
        throw RegistryError.subjectNotFound(subject);
      }
      List<Version> live = versions.stream().filter(v -> !v.deleted()).toList();
      if (!permanent && live.isEmpty()) {
        throw new RegistryError(404, ErrorCodes.SUBJECT_SOFT_DELETED, "Subject '" + subject + "' was soft deleted. "
            + "Set permanent=true to delete permanently");
      }
      if (permanent && !live.isEmpty()) {
        throw new RegistryError(404, ErrorCodes.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject + "' was not deleted "
            + "first before being permanently deleted");
      }
      List<Version> targets = permanent ? versions : live;
      for (Version v : targets) {
        requireUnreferenced(subject, v.version());
      }
      List<LogRecord> records = new ArrayList<>();
      for (Version v : targets) {
        records.add(new LogRecord.VersionDeleted(subject, v.version(), permanent));
      }
      commit(records);
      return targets.stream().map(Version::version).toList();
    }
  }

  int deleteVersion(String subject, String spec, boolean permanent) {
    synchronized (writeLock) {
      Version v = resolve(subject, spec, true);
      if (!permanent && v.deleted()) {
        throw new RegistryError(404, ErrorCodes.VERSION_SOFT_DELETED, "Subject '" + subject + "' Version " + v.version()
            + " was soft deleted. Set permanent=true to delete permanently");
      }
      if (permanent && !v.deleted()) {
        throw new RegistryError(404, ErrorCodes.VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
            + v.version() + " was not deleted first before being permanently deleted");
      }
      requireUnreferenced(subject, v.version());
      commit(List.of(new LogRecord.VersionDeleted(subject, v.version(), permanent)));
      return v.version();
    }
  }

  /**
   * Applies a {@code PUT /config} body to the subject's (or, null, the registry's) configuration:
   * the level ({@code compatibility} or {@code compatibilityLevel}) and the data-contract settings;
   * a setting the body leaves out keeps its value, as in Confluent's registry.
   */
  SubjectConfig updateConfig(String subject, com.fasterxml.jackson.databind.JsonNode body) {
    String level = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
    CompatibilityLevel parsedLevel = level == null ? null : parseLevel(level);
    synchronized (writeLock) {
      if (subject != null) {
        requireSubject(subject);
      }
      SubjectConfig current = subject == null ? globalConfig : configs.getOrDefault(subject, SubjectConfig.NONE);
      SubjectConfig updated;
      try {
        updated = current.updatedBy(body, parsedLevel);
      } catch (IllegalArgumentException e) {
        throw new RegistryError(422, ErrorCodes.INVALID_RULESET, "Invalid config: " + e.getMessage());
      }
      for (RuleSet rules : java.util.Arrays.asList(updated.defaultRuleSet(), updated.overrideRuleSet())) {
        String problem = rules == null ? null : rules.problem();
        if (problem != null) {
          throw new RegistryError(422, ErrorCodes.INVALID_RULESET, "Invalid rule set: " + problem);
        }
      }
      if (updated.isEmpty() && level == null) {
        throw RegistryError.invalidLevel(null);
      }
      commit(List.of(new LogRecord.ConfigSet(subject, updated)));
      return updated;
    }
  }

  /** Stores a schema under the id and version it had elsewhere: IMPORT mode only, no compatibility check. */
  private int importSchema(String subject, Parsed parsed, String mode, int id, Integer version) {
    if (!mode.equals("IMPORT")) {
      throw new RegistryError(422, ErrorCodes.OPERATION_NOT_PERMITTED, "Subject " + subject + " is not in import "
          + "mode; an id can only be given in IMPORT mode (PUT /mode {\"mode\":\"IMPORT\"})");
    }
    RegistrySchema held = schemas.get(id);
    if (held != null && !held.equals(parsed.canonical())) {
      throw new RegistryError(422, ErrorCodes.INVALID_SCHEMA, "Overwrite new schema with id " + id + " is not permitted");
    }
    List<Version> versions = subjects.getOrDefault(subject, List.of());
    int v = version != null ? version : nextVersion(versions);
    for (Version existing : versions) {
      if (existing.version() == v) {
        if (existing.id() == id) {
          return id; // the same import again
        }
        throw new RegistryError(422, ErrorCodes.INVALID_VERSION, "Version " + v + " of subject " + subject
            + " already exists with another schema");
      }
    }
    return addVersion(subject, v, id, held == null, parsed);
  }

  /**
   * READWRITE, READONLY or IMPORT, for a subject or (null) the registry. IMPORT for the whole
   * registry needs an empty registry unless {@code force}, as Confluent's does: imported ids must
   * not meet ids given out here.
   */
  String setMode(String subject, String mode, boolean force) {
    String upper = mode == null ? "" : mode.trim().toUpperCase(java.util.Locale.ROOT);
    if (!List.of("READWRITE", "READONLY", "IMPORT").contains(upper)) {
      throw new RegistryError(422, ErrorCodes.INVALID_MODE,
          "Invalid mode " + mode + ": use READWRITE, READONLY or IMPORT");
    }
    synchronized (writeLock) {
      if (upper.equals("IMPORT") && subject == null && !force && !subjects.isEmpty()) {
        throw new RegistryError(422, ErrorCodes.OPERATION_NOT_PERMITTED, "Cannot import since found existing "
            + "subjects; use force=true to import anyway");
      }
      commit(List.of(new LogRecord.ModeSet(subject, upper)));
      return upper;
    }
  }

  String deleteMode(String subject) {
    return clearSubjectSetting(modes, subject, new LogRecord.ModeSet(subject, null),
        () -> new RegistryError(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' has no mode of its own"));
  }

  /** Removes the subject's own configuration (it falls back to the registry's) and answers it. */
  SubjectConfig deleteConfig(String subject) {
    return clearSubjectSetting(configs, subject, new LogRecord.ConfigSet(subject, null), () -> noSubjectLevel(subject));
  }

  /** Drops a subject's own mode or level (it falls back to the global one) and answers the one it had. */
  private <T> T clearSubjectSetting(Map<String, T> settings, String subject, LogRecord clear,
      Supplier<RegistryError> none) {
    synchronized (writeLock) {
      T previous = settings.get(subject);
      if (previous == null) {
        throw none.get();
      }
      commit(List.of(clear));
      return previous;
    }
  }

  // ---- reads ------------------------------------------------------------------------------------

  RegistrySchema schema(int id) {
    RegistrySchema schema = schemas.get(id);
    if (schema == null) {
      throw RegistryError.schemaNotFound(String.valueOf(id));
    }
    return schema;
  }

  /**
   * The schema's text in a Confluent {@code format}: for Protobuf, {@code serialized} is the
   * base64 {@code FileDescriptorProto} (what Confluent's Protobuf deserializers ask for); any other
   * format, or none, is the stored text, as Confluent answers formats it does not know.
   */
  String formatted(int id, String format) {
    RegistrySchema schema = schema(id);
    if (SERIALIZED.equals(format) && RegistrySchema.PROTOBUF.equals(schema.schemaType())) {
      Contract contract = contractOf(id);
      // Confluent names the file "default"; clients name it by the reference that imports it
      return Base64.getEncoder().encodeToString(DescriptorWriter.write(contract.protobuf(), "default").toByteArray());
    }
    return schema.schema();
  }

  /** The subjects and versions using a schema id, in subject order. */
  List<Map.Entry<String, Integer>> usesOf(int id) {
    schema(id);
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    for (String subject : new TreeSet<>(subjectsById.getOrDefault(id, Set.of()))) {
      liveVersionsOf(subject, id).forEach(v -> out.add(Map.entry(subject, v.version())));
    }
    return out;
  }

  List<String> subjects(boolean includeDeleted) {
    return subjects(includeDeleted ? SubjectFilter.INCLUDE_DELETED : SubjectFilter.LIVE, "", 0, Integer.MAX_VALUE);
  }

  /** Which subjects a list holds, as Confluent's {@code deleted} and {@code deletedOnly} choose them. */
  enum SubjectFilter { LIVE, INCLUDE_DELETED, DELETED_ONLY }

  /**
   * A page of subjects in name order, as Confluent's {@code GET /subjects?subjectPrefix=&offset=&limit=}:
   * those starting with {@code prefix}, from the {@code offset}th on, at most {@code limit}.
   */
  List<String> subjects(SubjectFilter filter, String prefix, int offset, int limit) {
    SubjectList list = subjectList();
    String[] names = switch (filter) {
      case LIVE -> list.live();
      case INCLUDE_DELETED -> list.all();
      case DELETED_ONLY -> list.deletedOnly();
    };
    int found = java.util.Arrays.binarySearch(names, prefix);
    long from = (found < 0 ? -(long) found - 1 : found) + (long) offset;
    if (from >= names.length) {
      return List.of();
    }
    List<String> out = new ArrayList<>((int) Math.min(limit, names.length - from));
    for (int i = (int) from; i < names.length && out.size() < limit && names[i].startsWith(prefix); i++) {
      out.add(names[i]);
    }
    return out;
  }

  /** The subjects in name order as of one generation of the state: a page is a binary search and a copy. */
  private record SubjectList(long generation, String[] live, String[] all, String[] deletedOnly) {}

  private volatile SubjectList subjectList;

  /** The current {@link SubjectList}, built again after a change (100,000 names: a few milliseconds). */
  private SubjectList subjectList() {
    long current = generation; // before reading the state: a list built from a newer state is rebuilt once more
    SubjectList known = subjectList;
    if (known != null && known.generation() == current) {
      return known;
    }
    List<String> live = new ArrayList<>();
    List<String> all = new ArrayList<>();
    List<String> deletedOnly = new ArrayList<>();
    for (String subject : subjectNames) {
      List<Version> versions = subjects.getOrDefault(subject, List.of());
      if (versions.isEmpty()) {
        continue;
      }
      all.add(subject);
      (versions.stream().anyMatch(v -> !v.deleted()) ? live : deletedOnly).add(subject);
    }
    SubjectList built = new SubjectList(current, live.toArray(String[]::new), all.toArray(String[]::new),
        deletedOnly.toArray(String[]::new));
    subjectList = built;
    return built;
  }

  List<Integer> versions(String subject, boolean includeDeleted) {
    List<Integer> out = subjects.getOrDefault(subject, List.of()).stream()
        .filter(v -> includeDeleted || !v.deleted()).map(Version::version).toList();
    if (out.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return out;
  }

  SubjectVersion version(String subject, String spec, boolean includeDeleted) {
    Version v = resolve(subject, spec, includeDeleted);
    return new SubjectVersion(subject, v.version(), v.id(), schemas.get(v.id()));
  }

  SubjectVersion lookup(String subject, RegistrySchema schema, boolean includeDeleted, boolean normalize) {
    List<Version> versions = subjects.get(subject);
    if (versions == null || versions.stream().noneMatch(v -> includeDeleted || !v.deleted())) {
      throw RegistryError.subjectNotFound(subject);
    }
    Parsed parsed = parse(schema, normalize);
    SubjectVersion found = lookup(subject, versions, idOf(parsed, normalize), includeDeleted);
    if (found == null) {
      // as Confluent does: again with the metadata and rule set the latest version would lend it
      List<Version> live = versions.stream().filter(v -> !v.deleted()).toList();
      Parsed completed = withMergedContract(parsed, configInScope(subject), live, null, nextVersion(versions));
      if (!completed.canonical().equals(parsed.canonical())) {
        found = lookup(subject, versions, idOf(completed, normalize), includeDeleted);
      }
    }
    if (found == null) {
      throw RegistryError.schemaNotFound(null);
    }
    return found;
  }

  private SubjectVersion lookup(String subject, List<Version> versions, Integer id, boolean includeDeleted) {
    for (Version v : versions) {
      if ((includeDeleted || !v.deleted()) && id != null && v.id() == id) {
        return new SubjectVersion(subject, v.version(), id, schemas.get(id));
      }
    }
    return null;
  }

  /** Ids of live versions whose schemas reference {@code subject} at {@code version}. */
  List<Integer> referencedBy(String subject, int version) {
    resolve(subject, String.valueOf(version), true);
    return referrers.getOrDefault(subject + '\0' + version, Set.of()).stream().filter(this::isLive).sorted().toList();
  }

  /** Whether a live version of some subject has this id. */
  private boolean isLive(int id) {
    return subjectsById.getOrDefault(id, Set.of()).stream().anyMatch(subject -> liveVersionsOf(subject, id).findAny()
        .isPresent());
  }

  private java.util.stream.Stream<Version> liveVersionsOf(String subject, int id) {
    return subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted() && v.id() == id);
  }

  /** Against one version ({@code spec}) or, when null, every version the subject's level needs. */
  CompatibilityCheck testCompatibility(String subject, String spec, RegistrySchema schema, boolean normalize) {
    Parsed parsed = parse(schema, normalize);
    SubjectConfig config = configInScope(subject);
    CompatibilityLevel level = config.level();
    List<Version> against;
    if (spec == null) {
      against = sameGroup(config, parsed.canonical(),
          subjects.getOrDefault(subject, List.of()).stream().filter(v -> !v.deleted()).toList());
    } else {
      against = List.of(resolve(subject, spec, false));
      level = nonTransitive(level);
    }
    CompatibilityResult result = checker.check(level, contractsOf(against), parsed.contract());
    return new CompatibilityCheck(result.compatible(), result.compatible() ? List.of() : CompatibilityMessages.of(result, against));
  }

  /**
   * Two versions of a subject checked as the registry checks a pair (the subject's level, not
   * transitive), with the texts the findings' lines are in.
   */
  record Comparison(CompatibilityLevel level, boolean compatible,
      List<io.github.eventcontracts.core.diag.Diagnostic> findings, String fromText, String toText) {}

  /**
   * Version {@code to} checked against version {@code from} at the subject's level, each finding at
   * its line with the plugin review's wording (the console's diff view). A JSON schema (Avro) is
   * compared in an indented rendering, one field a line, since the stored canonical form is one line
   * and every finding would point at it.
   */
  Comparison compare(String subject, String from, String to) {
    Version older = resolve(subject, from, true);
    Version newer = resolve(subject, to, true);
    CompatibilityLevel level = nonTransitive(configInScope(subject).level());
    RegistrySchema before = readable(schemas.get(older.id()));
    RegistrySchema after = readable(schemas.get(newer.id()));
    CompatibilityResult result = checker.check(level, List.of(parse(before, false).contract()),
        parse(after, false).contract());
    return new Comparison(level, result.compatible(), result.differences().stream()
        .map(d -> d.toDiagnostic(level)).toList(), before.schema(), after.schema());
  }

  /** A schema as a person reads it: JSON indented; a .proto as written. */
  static RegistrySchema readable(RegistrySchema schema) {
    if (RegistrySchema.PROTOBUF.equals(schema.schemaType())) {
      return schema;
    }
    try {
      return schema.withText(io.github.eventcontracts.registry.client.RegistryJson.MAPPER
          .writerWithDefaultPrettyPrinter().writeValueAsString(
              io.github.eventcontracts.registry.client.RegistryJson.MAPPER.readTree(schema.schema())));
    } catch (java.io.IOException e) {
      return schema; // stored, so it parsed once: keep it as it is
    }
  }

  SubjectConfig globalConfig() {
    return globalConfig;
  }

  /** The subject's own configuration; with {@code defaultToGlobal}, merged over the registry's. */
  SubjectConfig subjectConfig(String subject, boolean defaultToGlobal) {
    SubjectConfig own = configs.get(subject);
    if (own == null && !defaultToGlobal) {
      throw noSubjectLevel(subject);
    }
    return defaultToGlobal ? configInScope(subject) : own;
  }

  /**
   * The latest live version of {@code subject} whose metadata properties hold every one of
   * {@code properties} (Confluent's {@code GET /subjects/{s}/metadata}).
   */
  SubjectVersion latestWithMetadata(String subject, Map<String, String> properties, boolean includeDeleted) {
    List<Version> versions = subjects.get(subject);
    if (versions == null || versions.stream().noneMatch(v -> includeDeleted || !v.deleted())) {
      throw RegistryError.subjectNotFound(subject);
    }
    for (int i = versions.size() - 1; i >= 0; i--) {
      Version v = versions.get(i);
      RegistrySchema schema = schemas.get(v.id());
      if ((includeDeleted || !v.deleted()) && schema.metadata() != null
          && schema.metadata().properties().entrySet().containsAll(properties.entrySet())) {
        return new SubjectVersion(subject, v.version(), v.id(), schema);
      }
    }
    throw new RegistryError(404, ErrorCodes.VERSION_NOT_FOUND, "No active (non-deleted) version exists for subject '"
        + subject + "' with the given metadata " + new TreeMap<>(properties));
  }

  // ---- internals --------------------------------------------------------------------------------

  /** Durable first, then applied: a change the store could not keep is never answered. */
  private void commit(List<LogRecord> records) {
    store.append(records);
    records.forEach(this::apply);
  }

  /**
   * The one place state changes, for live writes and for replay alike. The generation moves after
   * the change, so whoever read the old generation before reading state never keeps a newer answer
   * under it as current.
   */
  private void apply(LogRecord record) {
    try {
      change(record);
    } finally {
      generation++; // under writeLock: one writer
    }
  }

  /**
   * How many changes the state has taken; what an {@link AnswerMemo} entry was computed at. Read it
   * before reading the state.
   */
  long generation() {
    return generation;
  }

  private void change(LogRecord record) {
    if (record instanceof LogRecord.SchemaStored stored) {
      int id = stored.id();
      RegistrySchema schema = stored.schema();
      schemas.put(id, schema);
      for (SchemaReference reference : schema.references()) {
        referrers.computeIfAbsent(reference.subject() + '\0' + reference.version(),
            k -> ConcurrentHashMap.newKeySet()).add(id);
      }
      ids.put(SchemaKey.of(schema, schema.schema()), id);
      if (schema.schemaType().equals(RegistrySchema.PROTOBUF)) {
        if (started && normalFormsPending.isEmpty()) { // a live write, or one another instance made
          String normal = stored.normal() != null ? stored.normal() : replayedNormalForm(schema);
          idsByNormalForm.putIfAbsent(SchemaKey.of(schema, normal), id);
        } else { // replaying: indexed after start (see normalFormsPending), in this order
          normalFormsPending.put(id, stored.normal() != null ? stored.normal() : "");
        }
      }
      if (stored.fromDescriptor() == null) {
        originUnknown.add(id);
      } else if (stored.fromDescriptor()) {
        registeredAsDescriptor.add(id);
      }
      nextId = Math.max(nextId, id + 1);
    } else if (record instanceof LogRecord.VersionAdded added) {
      if (!schemas.containsKey(added.id())) {
        // only after a repair that lost this version's schema record: it cannot be served
        System.err.println("registry-server: " + added.subject() + " version " + added.version() + " dropped: its "
            + "schema (id " + added.id() + ") was in the damaged part of the log");
        return;
      }
      List<Version> next = new ArrayList<>(subjects.getOrDefault(added.subject(), List.of()));
      next.add(new Version(added.version(), added.id(), false));
      subjects.put(added.subject(), List.copyOf(next));
      subjectNames.add(added.subject());
      subjectsById.computeIfAbsent(added.id(), k -> ConcurrentHashMap.newKeySet()).add(added.subject());
    } else if (record instanceof LogRecord.VersionDeleted deleted) {
      List<Version> next = new ArrayList<>();
      Integer removedId = null;
      for (Version v : subjects.getOrDefault(deleted.subject(), List.of())) {
        if (v.version() != deleted.version()) {
          next.add(v);
        } else if (!deleted.permanent()) {
          next.add(new Version(v.version(), v.id(), true));
        } else {
          removedId = v.id();
        }
      }
      if (next.isEmpty()) {
        subjects.remove(deleted.subject());
        subjectNames.remove(deleted.subject());
      } else {
        subjects.put(deleted.subject(), List.copyOf(next));
      }
      Integer gone = removedId;
      if (gone != null && next.stream().noneMatch(v -> v.id() == gone)) {
        Set<String> users = subjectsById.get(gone);
        if (users != null) {
          users.remove(deleted.subject()); // no version of the subject uses that id any more
        }
      }
    } else if (record instanceof LogRecord.ConfigSet set) {
      if (set.subject() == null) {
        // removing the registry's own configuration leaves the default level
        SubjectConfig base = SubjectConfig.ofLevel(defaultLevel);
        globalConfig = set.config() == null ? base : set.config().over(base);
      } else if (set.config() == null) {
        configs.remove(set.subject());
      } else {
        configs.put(set.subject(), set.config());
      }
    } else if (record instanceof LogRecord.IdFloor floor) {
      nextId = Math.max(nextId, floor.id() + 1);
    } else if (record instanceof LogRecord.ModeSet mode) {
      String key = mode.subject() == null ? "" : mode.subject();
      if (mode.mode() == null) {
        modes.remove(key);
      } else {
        modes.put(key, mode.mode());
      }
    }
  }

  private String replayedNormalForm(RegistrySchema schema) {
    try {
      // parsed once and dropped: indexing 150,000 replayed schemas must not evict the parses reads use
      return normalForm(schema.schemaType(), schema.schema(), parse(schema, false).contract());
    } catch (RegistryError e) {
      return schema.schema(); // it parsed when it was registered; matching by text still works
    }
  }

  private Version resolve(String subject, String spec, boolean includeDeleted) {
    List<Version> versions = subjects.get(subject);
    if (versions == null || versions.stream().noneMatch(v -> includeDeleted || !v.deleted())) {
      throw RegistryError.subjectNotFound(subject);
    }
    if (spec.equals("latest") || spec.equals("-1")) {
      for (int i = versions.size() - 1; i >= 0; i--) {
        if (!versions.get(i).deleted()) {
          return versions.get(i);
        }
      }
      return versions.get(versions.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(spec);
    }
    if (number < 1) {
      throw RegistryError.invalidVersion(spec);
    }
    for (Version v : versions) {
      if (v.version() == number && (includeDeleted || !v.deleted())) {
        return v;
      }
    }
    throw RegistryError.versionNotFound(spec);
  }

  private void requireUnreferenced(String subject, int version) {
    List<Integer> users = referencedBy(subject, version);
    if (!users.isEmpty()) {
      throw new RegistryError(422, ErrorCodes.REFERENCE_EXISTS, "One or more references exist to the schema {subject="
          + subject + ", version=" + version + "}: schema id(s) " + users + "; delete those versions first");
    }
  }

  /** Confluent's {@code getConfigInScope}: the subject's settings over the registry's. */
  private SubjectConfig configInScope(String subject) {
    SubjectConfig own = configs.get(subject);
    return own == null ? globalConfig : own.over(globalConfig);
  }

  private static CompatibilityLevel nonTransitive(CompatibilityLevel level) {
    return switch (level) {
      case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
      case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
      case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
      default -> level;
    };
  }

  private static CompatibilityLevel parseLevel(String level) {
    try {
      return CompatibilityLevel.parse(level == null ? "" : level);
    } catch (IllegalArgumentException e) {
      throw RegistryError.invalidLevel(level);
    }
  }

  private static RegistryError noSubjectLevel(String subject) {
    return new RegistryError(404, ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "Subject '" + subject
        + "' does not have subject-level compatibility configured");
  }

  private static void requireSubject(String subject) {
    if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw new RegistryError(422, ErrorCodes.INVALID_SUBJECT, "Invalid subject '" + subject + "'");
    }
  }

  /**
   * The versions' parsed schemas, parsed when the checker asks for one: a non-transitive level reads
   * only the latest, and a transitive one holds one parsed version at a time, not the whole history.
   */
  private List<Contract> contractsOf(List<Version> versions) {
    return new java.util.AbstractList<>() {
      @Override
      public Contract get(int index) {
        return contractOf(versions.get(index).id());
      }

      @Override
      public int size() {
        return versions.size();
      }
    };
  }

  private Contract contractOf(int id) {
    return parsed.get(id, key -> parse(schemas.get(key), false).contract());
  }

  /**
   * The id a request schema already has: the one registered with the same canonical text; else
   * the one with the same normal form, when that match is meant: with {@code normalize=true}, or
   * when one side is a {@code FileDescriptorProto} — the request came as one, or the stored schema
   * did. A descriptor carries no formatting, comments or naming of its own to tell two forms of one
   * schema apart, so Java's text and JavaScript's descriptor of one schema share an id whichever
   * registers first. How a stored schema came is recorded where the store can keep it (our log);
   * replayed from one that cannot (Confluent's {@code _schemas}), it came as a descriptor when its
   * text is exactly our rendering of its own descriptor, which is what such a registration stores.
   */
  private Integer idOf(Parsed parsed, boolean normalize) {
    Integer exact = ids.get(parsed.key());
    if (exact != null) {
      return exact;
    }
    if (parsed.normal() != null) { // Protobuf: the index must be whole before it can say "none"
      indexPendingNormalForms();
    }
    Integer sameNormalForm = idsByNormalForm.get(parsed.normalKey());
    if (sameNormalForm != null
        && (normalize || parsed.fromDescriptor() || cameAsDescriptor(sameNormalForm))) {
      return sameNormalForm;
    }
    return null;
  }

  private boolean cameAsDescriptor(int id) {
    return registeredAsDescriptor.contains(id) || originUnknown.contains(id) && isOwnRendering(id);
  }

  /** Whether the stored text of {@code id} is what registering its descriptor would have stored. */
  private boolean isOwnRendering(int id) {
    return ownRendering.computeIfAbsent(id, key -> {
      RegistrySchema stored = schemas.get(key);
      FileDescriptorProto descriptor = DescriptorWriter.write(contractOf(key).protobuf(), "default");
      try {
        return parseText(stored.schemaType(), DescriptorReader.render(descriptor), stored.references()).canonical()
            .equals(stored.schema());
      } catch (RegistryError e) {
        return false;
      }
    });
  }

  // ---- parsing ----------------------------------------------------------------------------------

  private Parsed parse(RegistrySchema schema, boolean normalize) {
    String type = schema.schemaType();
    if (!SCHEMA_TYPES.contains(type)) {
      throw new RegistryError(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema type " + type
          + "; this registry supports " + SCHEMA_TYPES);
    }
    List<SchemaReference> references = resolveLatest(schema.references());
    if (normalize) {
      references = references.stream().distinct().sorted(REFERENCE_ORDER).toList();
    }
    String text = schema.schema();
    FileDescriptorProto descriptor = type.equals(RegistrySchema.PROTOBUF) ? DescriptorReader.decodeBase64(text) : null;
    if (descriptor != null) {
      text = DescriptorReader.render(descriptor);
    }
    ReferencedSchemaParser.Parsed parsed = parseText(type, text, references);
    if (normalize && type.equals(RegistrySchema.PROTOBUF)) {
      parsed = parseText(type, ProtobufNormalForm.text(parsed.contract().protobuf()), references);
    }
    String problem = schema.ruleSet() == null ? null : schema.ruleSet().problem();
    if (problem != null) {
      throw new RegistryError(422, ErrorCodes.INVALID_RULESET, "Invalid rule set: " + problem);
    }
    return new Parsed(new RegistrySchema(parsed.canonical(), type, references, schema.metadata(), schema.ruleSet()),
        parsed.contract(),
        normalForm(type, parsed.canonical(), parsed.contract()), descriptor != null);
  }

  /**
   * References to version -1 ("latest") pinned to the subject's latest version now, as Confluent
   * does: what is stored names a version that exists, that cannot be deleted while referenced, and
   * that cannot later point back at the schema being registered (no cycles).
   */
  private List<SchemaReference> resolveLatest(List<SchemaReference> references) {
    List<SchemaReference> out = new ArrayList<>(references.size());
    for (SchemaReference reference : references) {
      if (reference.version() == -1) {
        Version latest = subjects.getOrDefault(reference.subject(), List.of()).stream().filter(v -> !v.deleted())
            .reduce((first, second) -> second).orElseThrow(() -> RegistryError.invalidSchema("reference '"
                + reference.name() + "' points to the latest version of subject '" + reference.subject()
                + "', which has none; register it first"));
        out.add(new SchemaReference(reference.name(), reference.subject(), latest.version()));
      } else if (reference.version() < 1) {
        throw RegistryError.invalidSchema("reference '" + reference.name() + "' has version " + reference.version()
            + "; a reference names a version from 1, or -1 for the latest");
      } else {
        out.add(reference);
      }
    }
    return out;
  }

  private static final java.util.Comparator<SchemaReference> REFERENCE_ORDER = java.util.Comparator
      .comparing(SchemaReference::name).thenComparing(SchemaReference::subject).thenComparingInt(SchemaReference::version);

  private ReferencedSchemaParser.Parsed parseText(String type, String text, List<SchemaReference> schemaReferences) {
    Map<String, ResolvedReference> references = new LinkedHashMap<>();
    for (SchemaReference reference : schemaReferences) {
      collectReferences(reference, references, 0);
    }
    List<SourceFile> referenced = references.values().stream()
        .map(r -> SourceFile.of(r.reference.name(), r.schema.schema())).toList();
    try {
      return ReferencedSchemaParser.parse(SchemaType.valueOf(type),
          type.equals(RegistrySchema.AVRO) ? "schema.avsc" : "schema.proto", text, referenced);
    } catch (ContractException e) {
      throw RegistryError.invalidSchema(e.diagnostics().stream().map(Diagnostic::format)
          .collect(Collectors.joining("; ")));
    }
  }

  /**
   * The identity of a schema's normal form: for Protobuf a digest of its normalized descriptor; none
   * for Avro, whose canonical text is already normal (parsed, names resolved, attributes in one order).
   */
  private static String normalForm(String type, String canonical, Contract contract) {
    if (!type.equals(RegistrySchema.PROTOBUF)) {
      return null; // Avro's canonical text is its normal form: the canonical index finds it
    }
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(ProtobufNormalForm.descriptor(contract.protobuf()).toByteArray());
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record ResolvedReference(SchemaReference reference, RegistrySchema schema) {}

  private void collectReferences(SchemaReference reference, Map<String, ResolvedReference> out, int depth) {
    if (depth > SchemaReference.MAX_DEPTH) {
      throw RegistryError.invalidSchema("references nest deeper than " + SchemaReference.MAX_DEPTH + " levels (a cycle?)");
    }
    if (out.containsKey(reference.name())) {
      return;
    }
    List<Version> versions = subjects.getOrDefault(reference.subject(), List.of());
    Version found = null;
    for (Version v : versions) {
      // -1 only in schemas stored before references were pinned at registration
      if (!v.deleted() && (v.version() == reference.version() || reference.version() == -1)) {
        found = v;
      }
    }
    if (found == null) {
      throw RegistryError.invalidSchema("reference '" + reference.name() + "' points to subject '" + reference.subject()
          + "' version " + reference.version() + ", which is not registered; register it first");
    }
    RegistrySchema target = schemas.get(found.id());
    for (SchemaReference nested : target.references()) {
      collectReferences(nested, out, depth + 1);
    }
    out.put(reference.name(), new ResolvedReference(reference, target));
  }

  @Override
  public void close() {
    closed = true;
    store.close();
  }
}
