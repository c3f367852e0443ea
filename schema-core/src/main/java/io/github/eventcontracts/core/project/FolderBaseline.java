package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.Contract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A baseline folder of contracts (e.g. an unpacked release), matched by relative path, and a file
 * that moved by its subject: a registry knows subjects, not paths, so a contract moved to another
 * folder under the same subject is compared with what that subject had, never passed as new.
 */
public final class FolderBaseline implements Baseline {
  private final ContractSet contracts;
  private final String description;
  /** Each baseline path's subject, named by the project's rules; null when no project was given. */
  private final Map<String, String> subjectByPath;

  public FolderBaseline(ContractSet contracts, String description) {
    this(contracts, description, Map.of());
  }

  /** @param subjectByPath the baseline's subjects, from {@link ContractProject#subjectsOf} */
  public FolderBaseline(ContractSet contracts, String description, Map<String, String> subjectByPath) {
    this.contracts = contracts;
    this.description = description;
    this.subjectByPath = subjectByPath;
  }

  public static FolderBaseline of(Path folder) {
    return of(folder, List.of());
  }

  /** A folder whose contracts may reference other modules' contracts in {@code libraries}. */
  public static FolderBaseline of(Path folder, List<SchemaLibrary> libraries) {
    return new FolderBaseline(ContractDirectory.load(folder, folder.toString(), false, List.of(), path -> true,
        libraries), "folder " + folder);
  }

  /**
   * A folder read as {@code project} reads its own (its includes and excludes), its contracts named
   * by the project's rules so that a moved file is found by subject.
   */
  public static FolderBaseline of(Path folder, List<SchemaLibrary> libraries, ProjectRequest project) {
    ContractSet set = ContractDirectory.load(folder, folder.toString(), false, List.of(),
        new PathFilter(project.includes(), project.excludes()), libraries);
    return new FolderBaseline(set, "folder " + folder, ContractProject.subjectsOf(project, folder, set));
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<Contract> history(SubjectContract subject) {
    Contract previous = contracts.byPath().get(subject.path());
    if (previous == null) {
      previous = movedFrom(subject).map(path -> contracts.byPath().get(path)).orElse(null);
    }
    return previous == null ? List.of() : List.of(previous);
  }

  /** The baseline path that had this subject, when the project has no file at that path any more. */
  private Optional<String> movedFrom(SubjectContract subject) {
    return subjectByPath.entrySet().stream()
        .filter(e -> e.getValue().equals(subject.subject()) && !e.getKey().equals(subject.path()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  @Override
  public List<String> removed(ContractProject project) {
    java.util.Set<String> subjectsNow = new java.util.HashSet<>();
    project.subjects().forEach(s -> subjectsNow.add(s.subject()));
    return contracts.byPath().entrySet().stream()
        .filter(e -> project.byPath(e.getKey()).isEmpty())
        .filter(e -> !subjectsNow.contains(subjectByPath.getOrDefault(e.getKey(), "")))
        .map(e -> e.getValue().file())
        .toList();
  }
}
