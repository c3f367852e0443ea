package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityChecker;
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
  private final CompatibilityChecker checker = new CompatibilityChecker();

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
      } else if (old == null) {
        out.add(new ContractCheck(path, now.file(), ChangeStatus.NEW, null));
      } else if (old.fingerprint().equals(now.fingerprint()) && old.type() == now.type()) {
        out.add(new ContractCheck(path, now.file(), ChangeStatus.UNCHANGED, null));
      } else {
        out.add(new ContractCheck(path, now.file(), ChangeStatus.CHANGED, checker.check(level, List.of(old), now)));
      }
    }
    return out;
  }
}
