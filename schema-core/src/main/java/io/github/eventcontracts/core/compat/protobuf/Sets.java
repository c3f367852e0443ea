package io.github.eventcontracts.core.compat.protobuf;

import java.util.Set;
import java.util.TreeSet;

final class Sets {
  private Sets() {}

  /** Both sets' members in natural order, so differences come out in a deterministic order. */
  static <T extends Comparable<T>> Set<T> sortedUnion(Set<T> a, Set<T> b) {
    Set<T> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
