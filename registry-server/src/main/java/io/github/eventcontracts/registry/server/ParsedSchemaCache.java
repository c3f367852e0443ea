package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.core.model.Contract;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Parsed schemas by id, the most recently used ones only. A parsed schema (Avro's schema objects,
 * the JSON tree, source positions) costs a few KB per field; the registry keeps every version's
 * text, and parses again what it needs again, so memory follows the texts, not their parses.
 * Parsing happens outside the lock: two threads may parse the same schema once each.
 */
final class ParsedSchemaCache {
  static final int DEFAULT_CAPACITY = 256;
  private final Map<Integer, Contract> recent;

  ParsedSchemaCache(int capacity) {
    this.recent = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, Contract> eldest) {
        return size() > capacity;
      }
    };
  }

  Contract get(int id, IntFunction<Contract> parse) {
    synchronized (recent) {
      Contract known = recent.get(id);
      if (known != null) {
        return known;
      }
    }
    Contract parsed = parse.apply(id);
    put(id, parsed);
    return parsed;
  }

  void put(int id, Contract contract) {
    synchronized (recent) {
      recent.put(id, contract);
    }
  }

  int size() {
    synchronized (recent) {
      return recent.size();
    }
  }
}
