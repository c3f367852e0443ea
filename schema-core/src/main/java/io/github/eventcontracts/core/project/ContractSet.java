package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.Contract;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contracts of one schemas folder, keyed by path relative to it ({@code orders/order.proto}),
 * in a stable order, and the contracts of other modules' libraries they reference, keyed by how
 * they are shown ({@link SchemaLibrary#display}).
 */
public record ContractSet(String displayRoot, Map<String, Contract> byPath, Map<String, Contract> library) {
  public ContractSet {
    byPath = java.util.Collections.unmodifiableMap(new TreeMap<>(byPath));
    library = java.util.Collections.unmodifiableMap(new TreeMap<>(library));
  }

  public ContractSet(String displayRoot, Map<String, Contract> byPath) {
    this(displayRoot, byPath, Map.of());
  }

  public int size() {
    return byPath.size();
  }
}
