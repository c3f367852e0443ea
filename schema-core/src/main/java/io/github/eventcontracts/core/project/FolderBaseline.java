package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.Contract;
import java.nio.file.Path;
import java.util.List;

/** A baseline folder of contracts (e.g. an unpacked release), matched by relative path. */
public final class FolderBaseline implements Baseline {
  private final ContractSet contracts;
  private final String description;

  public FolderBaseline(ContractSet contracts, String description) {
    this.contracts = contracts;
    this.description = description;
  }

  public static FolderBaseline of(Path folder) {
    return of(folder, List.of());
  }

  /** A folder whose contracts may reference other modules' contracts in {@code libraries}. */
  public static FolderBaseline of(Path folder, List<SchemaLibrary> libraries) {
    return of(folder, libraries, path -> true);
  }

  /** As above, reading only the files {@code selection} takes (the project's {@link ContractProject#selection()}). */
  public static FolderBaseline of(Path folder, List<SchemaLibrary> libraries,
      java.util.function.Predicate<String> selection) {
    return new FolderBaseline(ContractDirectory.load(folder, folder.toString(), false, List.of(), selection,
        libraries), "folder " + folder);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Contract> history(SubjectContract subject) {
    Contract previous = contracts.byPath().get(subject.path());
    return previous == null ? List.of() : List.of(previous);
  }

  @Override
  public List<String> removed(ContractProject project) {
    return contracts.byPath().entrySet().stream()
        .filter(e -> project.byPath(e.getKey()).isEmpty())
        .map(e -> e.getValue().file())
        .toList();
  }
}
