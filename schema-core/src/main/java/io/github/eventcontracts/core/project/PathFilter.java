package io.github.eventcontracts.core.project;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/** Ant-style include/exclude globs ({@code **}/*.avsc) over paths relative to the schemas folder. */
public final class PathFilter implements Predicate<String> {
  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;

  public PathFilter(List<String> includes, List<String> excludes) {
    this.includes = includes == null || includes.isEmpty() ? List.of() : includes.stream().map(PathFilter::glob).toList();
    this.excludes = excludes == null ? List.of() : excludes.stream().map(PathFilter::glob).toList();
  }

  private static PathMatcher glob(String pattern) {
    // "**/x" should also match "x" at the top, as in Maven's include patterns
    String p = pattern.trim().replace('\\', '/');
    if (p.startsWith("**/")) {
      p = "{" + p.substring(3) + "," + p + "}";
    }
    return FileSystems.getDefault().getPathMatcher("glob:" + p);
  }

  @Override
  public boolean test(String relativePath) {
    Path path = Path.of(relativePath);
    boolean included = includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(path));
    return included && excludes.stream().noneMatch(m -> m.matches(path));
  }
}
