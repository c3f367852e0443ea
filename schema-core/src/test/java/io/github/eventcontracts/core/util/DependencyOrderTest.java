package io.github.eventcontracts.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {
  @Test
  void dependenciesComeFirstAndDepthIsTheLongestChain() {
    // order -> money, order -> line -> money, audit (alone)
    Map<String, List<String>> deps = Map.of("order", List.of("line", "money"), "line", List.of("money"),
        "money", List.of(), "audit", List.of());
    DependencyOrder<String> walk = DependencyOrder.of(List.of("order", "audit"), deps::get);
    assertThat(walk.order()).containsExactly("money", "line", "order", "audit");
    assertThat(walk.depth()).containsEntry("money", 0).containsEntry("line", 1).containsEntry("order", 2)
        .containsEntry("audit", 0);
    assertThat(walk.byDepth()).containsExactly(List.of("money", "audit"), List.of("line"), List.of("order"));
    assertThat(walk.cycles()).isEmpty();
  }

  @Test
  void aCycleIsReportedOnceAsThePathThatClosesIt() {
    Map<String, List<String>> deps = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"), "d", List.of("b"));
    DependencyOrder<String> walk = DependencyOrder.of(List.of("a", "d"), deps::get);
    assertThat(walk.cycles()).containsExactly(List.of("a", "b", "c", "a"));
    assertThat(walk.order()).containsExactly("c", "b", "a", "d");
  }

  @Test
  void aSelfReferenceIsACycle() {
    DependencyOrder<String> walk = DependencyOrder.of(List.of("a"), n -> List.of("a"));
    assertThat(walk.cycles()).containsExactly(List.of("a", "a"));
    assertThat(walk.order()).containsExactly("a");
  }
}
