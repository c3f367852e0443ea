package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.core.model.Contract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Parsed schemas by id, the most recently used ones, bounded by weight: a parsed schema (Avro's
 * schema objects, the JSON tree, source positions) costs some thirty times its text, so the cache
 * holds at most {@code maxTextChars} characters of schema text and {@code maxEntries} schemas. The
 * registry keeps every version's text and parses again what it needs again, so its memory follows
 * the texts, not their parses. Parsing happens outside the lock: two threads may parse one schema.
 */
final class ParsedSchemaCache {
  static final int MAX_ENTRIES = 256;
  private final long maxTextChars;
  private final Map<Integer, Entry> recent = new LinkedHashMap<>(64, 0.75f, true);
  private long textChars;

  private record Entry(Contract contract, int weight) {}

  ParsedSchemaCache(long maxTextChars) {
    this.maxTextChars = maxTextChars;
  }

  /** A budget for this JVM: parses worth about an eighth of the heap. */
  static ParsedSchemaCache forThisJvm() {
    return new ParsedSchemaCache(Math.max(64 * 1024, Runtime.getRuntime().maxMemory() / 240));
  }

  Contract get(int id, IntFunction<Contract> parse) {
    synchronized (recent) {
      Entry known = recent.get(id);
      if (known != null) {
        return known.contract;
      }
    }
    Contract parsed = parse.apply(id);
    put(id, parsed);
    return parsed;
  }

  void put(int id, Contract contract) {
    int weight = contract.text().length();
    synchronized (recent) {
      Entry previous = recent.put(id, new Entry(contract, weight));
      textChars += weight - (previous == null ? 0 : previous.weight);
      var eldest = recent.entrySet().iterator();
      while ((textChars > maxTextChars || recent.size() > MAX_ENTRIES) && eldest.hasNext()) {
        Entry evicted = eldest.next().getValue();
        if (recent.size() == 1) {
          break; // the one just used stays, however large
        }
        eldest.remove();
        textChars -= evicted.weight;
      }
    }
  }
}
