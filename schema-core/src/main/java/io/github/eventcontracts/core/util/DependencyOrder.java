package io.github.eventcontracts.core.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One depth-first walk over a dependency graph (files importing files, subjects referencing
 * subjects): the nodes with every dependency before its dependents, each node's depth, and every
 * cycle met. Parsers report the cycles; the project orders subjects; registration runs by depth.
 *
 * @param order every node reached, dependencies first; on a cycle, the edge closing it is skipped
 * @param depth 0 for a node without dependencies, else one more than its deepest dependency:
 *     nodes of equal depth never depend on each other
 * @param cycles each cycle as the path that closes it, first node repeated last ({@code a, b, a})
 */
public record DependencyOrder<T>(List<T> order, Map<T, Integer> depth, List<List<T>> cycles) {
  /**
   * @param nodes where the walk starts, in the order ties are broken
   * @param dependencies a node's direct dependencies; they are walked even when not in {@code nodes}
   */
  public static <T> DependencyOrder<T> of(Collection<T> nodes, Function<T, ? extends Collection<T>> dependencies) {
    Walk<T> walk = new Walk<>(dependencies);
    for (T node : nodes) {
      walk.visit(node);
    }
    return new DependencyOrder<>(List.copyOf(walk.order), walk.depth, List.copyOf(walk.cycles));
  }

  /** Nodes grouped by depth: each group only depends on earlier groups. */
  public List<List<T>> byDepth() {
    List<List<T>> groups = new ArrayList<>();
    for (T node : order) {
      int d = depth.get(node);
      while (groups.size() <= d) {
        groups.add(new ArrayList<>());
      }
      groups.get(d).add(node);
    }
    return groups;
  }

  private static final class Walk<T> {
    private final Function<T, ? extends Collection<T>> dependencies;
    private final Map<T, Integer> depth = new LinkedHashMap<>(); // set once a node is done
    private final Map<T, Boolean> onPath = new HashMap<>();
    private final List<T> path = new ArrayList<>();
    private final List<T> order = new ArrayList<>();
    private final List<List<T>> cycles = new ArrayList<>();

    Walk(Function<T, ? extends Collection<T>> dependencies) {
      this.dependencies = dependencies;
    }

    /** The node's depth once visited, or -1 when it closes a cycle. */
    int visit(T node) {
      Integer done = depth.get(node);
      if (done != null) {
        return done;
      }
      if (onPath.containsKey(node)) {
        List<T> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        cycle.add(node);
        cycles.add(List.copyOf(cycle));
        return -1;
      }
      onPath.put(node, Boolean.TRUE);
      path.add(node);
      int d = 0;
      for (T dependency : dependencies.apply(node)) {
        d = Math.max(d, visit(dependency) + 1);
      }
      path.remove(path.size() - 1);
      onPath.remove(node);
      depth.put(node, d);
      order.add(node);
      return d;
    }
  }
}
