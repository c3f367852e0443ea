package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A client for Confluent Schema Registry's REST API v1. Thread-safe. Schemas by id, registrations
 * and lookups are cached, and concurrent callers asking for the same thing share one HTTP call, so a
 * serializer does one call per schema per process.
 */
public final class RegistryClient {
  private final HttpTransport transport;
  private final int cacheCapacity;
  /** Ids the registry said it does not know, until when (nanoTime); bounded like the caches. */
  private final Map<Integer, Long> missingIds = new ConcurrentHashMap<>();
  private final long missingIdTtlNanos;
  private final Map<Integer, CompletableFuture<RegistrySchema>> byId = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, CompletableFuture<Integer>> registered = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, CompletableFuture<SubjectVersion>> lookedUp = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, RegistrySchema schema, boolean normalize) {}

  public RegistryClient(RegistryClientConfig config) {
    this.transport = new HttpTransport(config);
    this.cacheCapacity = config.cacheCapacity();
    this.missingIdTtlNanos = config.missingIdCacheTtl().toNanos();
  }

  public static RegistryClient of(String... urls) {
    return new RegistryClient(RegistryClientConfig.builder(urls).build());
  }

  // ---- schemas ----------------------------------------------------------------------------------

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{s}/versions}) and returns
   * its global id. Idempotent: the registry answers the existing id for a schema it already has.
   */
  public int register(String subject, RegistrySchema schema) {
    return register(subject, schema, false);
  }

  /**
   * As {@link #register(String, RegistrySchema)}; with {@code normalize} (Confluent's
   * {@code ?normalize=true}) the registry matches and stores the schema's normal form, so the same
   * schema written in another order or form gets the same id.
   */
  public int register(String subject, RegistrySchema schema, boolean normalize) {
    int id = cached(registered, new SubjectSchema(subject, schema, normalize), () ->
        transport.send("POST", "/subjects/" + enc(subject) + "/versions" + normalizeQuery(normalize, "?"),
            RegistryJson.schema(schema)).get("id").asInt());
    // normalized, as a descriptor, or with references to "latest", the registry keeps another form
    if (!normalize && !isDescriptor(schema) && schema.references().stream().noneMatch(r -> r.version() == -1)) {
      cache(byId, id, schema);
    }
    return id;
  }

  /** Finds {@code schema} among the subject's versions ({@code POST /subjects/{s}}); 40401 / 40403 if absent. */
  public SubjectVersion lookup(String subject, RegistrySchema schema) {
    return lookup(subject, schema, false);
  }

  /** As {@link #lookup(String, RegistrySchema)}, matching the schema's normal form with {@code normalize}. */
  public SubjectVersion lookup(String subject, RegistrySchema schema, boolean normalize) {
    return cached(lookedUp, new SubjectSchema(subject, schema, normalize), () ->
        RegistryJson.readSubjectVersion(transport.send("POST", "/subjects/" + enc(subject)
            + normalizeQuery(normalize, "?"), RegistryJson.schema(schema))));
  }

  /** A Protobuf schema sent as a base64 descriptor (no .proto text is without a space). */
  private static boolean isDescriptor(RegistrySchema schema) {
    return RegistrySchema.PROTOBUF.equals(schema.schemaType()) && schema.schema().indexOf(' ') < 0;
  }

  private static String normalizeQuery(boolean normalize, String separator) {
    return normalize ? separator + "normalize=true" : "";
  }

  /** The schema with a global id ({@code GET /schemas/ids/{id}}); 40403 if there is none. */
  public RegistrySchema schemaById(int id) {
    Long missingUntil = missingIds.get(id);
    if (missingUntil != null) {
      if (System.nanoTime() - missingUntil < 0) {
        throw new RegistryException.SchemaNotFoundException(404, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id
            + " not found (the registry said so within the last " + missingIdTtlNanos / 1_000_000 + " ms)");
      }
      missingIds.remove(id, missingUntil);
    }
    try {
      return cached(byId, id, () -> RegistryJson.readSchema(transport.send("GET", "/schemas/ids/" + id, null)));
    } catch (RegistryException.SchemaNotFoundException e) {
      if (missingIdTtlNanos > 0 && missingIds.size() < cacheCapacity) {
        missingIds.put(id, System.nanoTime() + missingIdTtlNanos);
      }
      throw e;
    }
  }

  /**
   * The schema with a global id in one of Confluent's formats ({@code GET /schemas/ids/{id}?format=});
   * {@code serialized} gives a Protobuf schema as a base64 {@code FileDescriptorProto}. Not cached.
   */
  public RegistrySchema schemaById(int id, String format) {
    return RegistryJson.readSchema(transport.send("GET", "/schemas/ids/" + id + "?format=" + enc(format), null));
  }

  /**
   * The schemas that {@code references} point to, transitively, deepest first (so a parser sees
   * each type before the types using it), keyed by reference name.
   */
  public Map<String, RegistrySchema> referencedSchemas(List<SchemaReference> references) {
    Map<String, RegistrySchema> out = new java.util.LinkedHashMap<>();
    collectReferences(references, out, 0);
    return out;
  }

  private void collectReferences(List<SchemaReference> references, Map<String, RegistrySchema> out, int depth) {
    if (depth > SchemaReference.MAX_DEPTH) {
      throw new RegistryException(0, ErrorCodes.INVALID_SCHEMA, "schema references nest deeper than "
          + SchemaReference.MAX_DEPTH + " levels");
    }
    for (SchemaReference ref : references) {
      if (out.containsKey(ref.name())) {
        continue;
      }
      SubjectVersion target = version(ref.subject(), String.valueOf(ref.version()));
      collectReferences(target.references(), out, depth + 1);
      out.put(ref.name(), target.schema());
    }
  }

  /** The subjects and versions that use a schema id. */
  public List<SubjectVersionRef> subjectVersionsById(int id) {
    List<SubjectVersionRef> out = new ArrayList<>();
    for (JsonNode node : transport.send("GET", "/schemas/ids/" + id + "/versions", null)) {
      out.add(new SubjectVersionRef(node.path("subject").asText(), node.path("version").asInt()));
    }
    return out;
  }

  /** A subject and one of its version numbers. */
  public record SubjectVersionRef(String subject, int version) {}

  public List<String> schemaTypes() {
    return strings(transport.send("GET", "/schemas/types", null));
  }

  // ---- subjects ---------------------------------------------------------------------------------

  public List<String> subjects() {
    return strings(transport.send("GET", "/subjects", null));
  }

  public List<Integer> versions(String subject) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : transport.send("GET", "/subjects/" + enc(subject) + "/versions", null)) {
      out.add(v.asInt());
    }
    return out;
  }

  /** A version: a number, {@code latest} or {@code -1}. */
  public SubjectVersion version(String subject, String version) {
    return RegistryJson.readSubjectVersion(
        transport.send("GET", "/subjects/" + enc(subject) + "/versions/" + enc(version), null));
  }

  /** A version of a subject with its schema in one of Confluent's formats (see {@link #schemaById(int, String)}). */
  public SubjectVersion version(String subject, String version, String format) {
    return RegistryJson.readSubjectVersion(transport.send("GET", "/subjects/" + enc(subject) + "/versions/"
        + enc(version) + "?format=" + enc(format), null));
  }

  public SubjectVersion latest(String subject) {
    return version(subject, "latest");
  }

  /**
   * The latest version whose metadata properties hold all of {@code properties} (Confluent's
   * {@code GET /subjects/{s}/metadata}), e.g. the latest of {@code major_version=2}.
   */
  public SubjectVersion latestWithMetadata(String subject, Map<String, String> properties) {
    StringBuilder query = new StringBuilder();
    properties.forEach((key, value) -> query.append(query.length() == 0 ? "?" : "&").append("key=").append(enc(key))
        .append("&value=").append(enc(value)));
    return RegistryJson.readSubjectVersion(transport.send("GET", "/subjects/" + enc(subject) + "/metadata" + query,
        null));
  }

  /** Deletes a subject's versions: soft first, then {@code permanent} removes them for good. */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : transport.send("DELETE", "/subjects/" + enc(subject) + (permanent ? "?permanent=true" : ""), null)) {
      out.add(v.asInt());
    }
    forget(subject);
    return out;
  }

  public int deleteVersion(String subject, String version, boolean permanent) {
    int deleted = transport.send("DELETE", "/subjects/" + enc(subject) + "/versions/" + enc(version)
        + (permanent ? "?permanent=true" : ""), null).asInt();
    forget(subject);
    return deleted;
  }

  // ---- compatibility ----------------------------------------------------------------------------

  /**
   * Asks the registry whether {@code schema} may follow {@code version} of the subject
   * ({@code POST /compatibility/subjects/{s}/versions/{v}?verbose=true}).
   */
  public CompatibilityCheck testCompatibility(String subject, String version, RegistrySchema schema) {
    return testCompatibility(subject, version, schema, false);
  }

  /** As {@link #testCompatibility(String, String, RegistrySchema)}, on the normal form with {@code normalize}. */
  public CompatibilityCheck testCompatibility(String subject, String version, RegistrySchema schema,
      boolean normalize) {
    JsonNode answer = transport.send("POST", "/compatibility/subjects/" + enc(subject) + "/versions/" + enc(version)
        + "?verbose=true" + normalizeQuery(normalize, "&"), RegistryJson.schema(schema));
    return compatibilityAnswer(answer);
  }

  /** Checks against every version the subject's level needs ({@code POST /compatibility/subjects/{s}/versions}). */
  public CompatibilityCheck testCompatibility(String subject, RegistrySchema schema) {
    return testCompatibility(subject, schema, false);
  }

  /** As {@link #testCompatibility(String, RegistrySchema)}, on the normal form with {@code normalize}. */
  public CompatibilityCheck testCompatibility(String subject, RegistrySchema schema, boolean normalize) {
    JsonNode answer = transport.send("POST", "/compatibility/subjects/" + enc(subject) + "/versions?verbose=true"
        + normalizeQuery(normalize, "&"), RegistryJson.schema(schema));
    return compatibilityAnswer(answer);
  }

  // ---- config -----------------------------------------------------------------------------------

  public String globalCompatibility() {
    return transport.send("GET", "/config", null).path("compatibilityLevel").asText();
  }

  /** The subject's level; with {@code defaultToGlobal} false, 40408 when it has none of its own. */
  public String compatibility(String subject, boolean defaultToGlobal) {
    return transport.send("GET", "/config/" + enc(subject) + (defaultToGlobal ? "?defaultToGlobal=true" : ""), null)
        .path("compatibilityLevel").asText();
  }

  /**
   * The metadata property that names the subject's compatibility groups (Confluent's
   * {@code compatibilityGroup}, e.g. {@code major_version}), its own or the global one; null when
   * none is set: versions are then checked against every earlier version.
   */
  public String compatibilityGroup(String subject) {
    JsonNode group = transport.send("GET", "/config/" + enc(subject) + "?defaultToGlobal=true", null)
        .path("compatibilityGroup");
    return group.isTextual() && !group.asText().isBlank() ? group.asText() : null;
  }

  /** Sets the level of a subject, or the global level when {@code subject} is null. */
  public String setCompatibility(String subject, String level) {
    return updateConfig(subject, Map.of("compatibility", level)).path("compatibility").asText();
  }

  /**
   * Changes a subject's configuration (the registry's when {@code subject} is null) as Confluent's
   * {@code PUT /config} takes it: {@code compatibility}, {@code compatibilityGroup},
   * {@code defaultMetadata}, {@code overrideRuleSet} and the rest; returns the registry's answer.
   */
  public JsonNode updateConfig(String subject, Map<String, ?> settings) {
    return transport.send("PUT", subject == null ? "/config" : "/config/" + enc(subject),
        RegistryJson.MAPPER.valueToTree(settings));
  }

  /** Removes the subject's own level (it falls back to the global one); returns the level it had. */
  public String deleteCompatibility(String subject) {
    return transport.send("DELETE", "/config/" + enc(subject), null).path("compatibilityLevel").asText();
  }

  // ---- internals --------------------------------------------------------------------------------

  /** Single-flight cache: one call per key; a failed call is forgotten so the next caller retries. */
  private <K, V> V cached(Map<K, CompletableFuture<V>> cache, K key, Supplier<V> load) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> existing = cache.putIfAbsent(key, mine);
    if (existing == null) {
      trim(cache);
      try {
        mine.complete(load.get());
      } catch (RuntimeException e) {
        cache.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return existing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private <K, V> void cache(Map<K, CompletableFuture<V>> cache, K key, V value) {
    cache.putIfAbsent(key, CompletableFuture.completedFuture(value));
    trim(cache);
  }

  private <K, V> void trim(Map<K, CompletableFuture<V>> cache) {
    // a rough bound: drop arbitrary completed entries once past capacity
    if (cache.size() > cacheCapacity) {
      var it = cache.entrySet().iterator();
      while (cache.size() > cacheCapacity && it.hasNext()) {
        if (it.next().getValue().isDone()) {
          it.remove();
        }
      }
    }
  }

  private void forget(String subject) {
    registered.keySet().removeIf(k -> k.subject().equals(subject));
    lookedUp.keySet().removeIf(k -> k.subject().equals(subject));
  }

  /**
   * A compatibility answer: Confluent's verbose answer explains in {@code messages}; other
   * registries use {@code reason}, a string or a list: both are read.
   */
  static CompatibilityCheck compatibilityAnswer(JsonNode answer) {
    List<String> messages = strings(answer.get("messages"));
    JsonNode reason = answer.get("reason");
    if (reason != null && !reason.isNull()) {
      if (reason.isArray()) {
        messages.addAll(strings(reason));
      } else {
        messages.add(reason.asText());
      }
    }
    return new CompatibilityCheck(answer.path("is_compatible").asBoolean(), messages);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (JsonNode n : array) {
        out.add(n.isTextual() ? n.asText() : n.toString());
      }
    }
    return out;
  }

  private static String enc(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
