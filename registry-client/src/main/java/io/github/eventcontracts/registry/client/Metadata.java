package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A schema version's metadata, as Confluent's {@code Metadata} entity: tags on paths of the schema
 * (e.g. {@code "Payment.card": ["PII"]}), properties (e.g. {@code owner}, {@code major_version}),
 * and the names of sensitive properties. Sorted, so equal metadata is equal JSON and an equal hash.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Metadata(SortedMap<String, SortedSet<String>> tags, SortedMap<String, String> properties,
    SortedSet<String> sensitive) {
  /** The property Confluent keeps a version's number in when asked to (register with a version). */
  public static final String CONFLUENT_VERSION = "confluent:version";

  public Metadata {
    tags = sortedTags(tags);
    properties = properties == null ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    sensitive = sensitive == null ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
  }

  public Metadata(Map<String, ? extends Set<String>> tags, Map<String, String> properties, Set<String> sensitive) {
    this(sortedTags(tags), properties == null ? null : new TreeMap<>(properties),
        sensitive == null ? null : new TreeSet<>(sensitive));
  }

  private static SortedMap<String, SortedSet<String>> sortedTags(Map<String, ? extends Set<String>> tags) {
    TreeMap<String, SortedSet<String>> out = new TreeMap<>();
    if (tags != null) {
      tags.forEach((path, names) -> out.put(path, Collections.unmodifiableSortedSet(new TreeSet<>(names))));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  public static Metadata ofProperties(Map<String, String> properties) {
    return new Metadata(Map.of(), properties, Set.of());
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return tags.isEmpty() && properties.isEmpty() && sensitive.isEmpty();
  }

  /** Confluent's {@code mergeMetadata}: {@code newer}'s entries win, per map and set; either may be null. */
  public static Metadata merge(Metadata older, Metadata newer) {
    if (older == null) {
      return newer;
    }
    if (newer == null) {
      return older;
    }
    return new Metadata(mergeMaps(older.tags, newer.tags), mergeMaps(older.properties, newer.properties),
        mergeSets(older.sensitive, newer.sensitive));
  }

  private static <T> Map<String, T> mergeMaps(Map<String, T> older, Map<String, T> newer) {
    Map<String, T> out = new HashMap<>(older);
    out.putAll(newer);
    return out;
  }

  private static Set<String> mergeSets(Set<String> older, Set<String> newer) {
    Set<String> out = new TreeSet<>(older);
    out.addAll(newer);
    return out;
  }

  /** These metadata with {@code confluent:version} set to {@code version}. */
  public static Metadata withConfluentVersion(Metadata metadata, int version) {
    Map<String, String> properties = new HashMap<>(metadata == null ? Map.of() : metadata.properties());
    properties.put(CONFLUENT_VERSION, String.valueOf(version));
    return new Metadata(metadata == null ? Map.of() : metadata.tags(), properties,
        metadata == null ? Set.of() : metadata.sensitive());
  }
}
