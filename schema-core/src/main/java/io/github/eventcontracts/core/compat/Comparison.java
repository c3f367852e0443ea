package io.github.eventcontracts.core.compat;

import java.util.List;

/**
 * The new schema compared with one previous version, in one direction.
 *
 * @param previousIndex index of the previous version in the history given (0 = oldest)
 * @param previousLabel how the previous version is known (its file, or subject and version)
 * @param direction which side reads
 * @param differences everything found, compatible differences included
 */
public record Comparison(int previousIndex, String previousLabel, Direction direction, List<Difference> differences) {
  public Comparison {
    differences = List.copyOf(differences);
  }

  public boolean compatible() {
    return differences.stream().allMatch(Difference::compatible);
  }
}
