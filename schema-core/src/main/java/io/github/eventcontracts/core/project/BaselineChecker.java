package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.model.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a folder of contracts against a baseline folder (e.g. the main branch's), matching files
 * by relative path. A new file passes; a removed one is reported but passes (the subject keeps its
 * versions in the registry).
 */
public final class BaselineChecker {
  private final ProjectChecker checker = new ProjectChecker();

  public List<ContractCheck> check(ContractSet baseline, ContractSet current, CompatibilityLevel level) {
    List<ContractCheck> out = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(baseline.byPath().keySet());
    paths.addAll(current.byPath().keySet());
    Map<String, Contract> before = baseline.byPath();
    Map<String, Contract> after = current.byPath();
    for (String path : paths) {
      Contract old = before.get(path);
      Contract now = after.get(path);
      if (now == null) {
        out.add(new ContractCheck(path, old.file(), ChangeStatus.REMOVED, null));
      } else {
        ProjectChecker.Outcome outcome = checker.compare(level, old == null ? List.of() : List.of(old), now);
        out.add(new ContractCheck(path, now.file(), outcome.status(), outcome.result()));
      }
    }
    return out;
  }
}
