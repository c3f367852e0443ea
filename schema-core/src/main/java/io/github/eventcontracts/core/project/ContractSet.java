package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.Contract;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contracts of one schemas folder, keyed by path relative to it ({@code orders/order.proto}),
 * in a stable order.
 */
public record ContractSet(String displayRoot, Map<String, Contract> byPath) {
  public ContractSet {
    byPath = java.util.Collections.unmodifiableMap(new TreeMap<>(byPath));
  }

  public int size() {
    return byPath.size();
  }
}
