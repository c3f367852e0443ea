package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.UserInputException;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ContractDirectory;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ContractSet;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.PathFilter;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SchemaLibrary;
import io.github.eventcontracts.core.project.SubjectContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The schemas folder as it is at a git ref (by default at the merge-base of HEAD and the ref, so a
 * pull request is compared with where it branched off). Uses the {@code git} binary: the folder is
 * read with one {@code git archive} into a temporary folder, then treated as a {@link FolderBaseline}.
 */
public final class GitBaseline {
  private GitBaseline() {}

  /**
   * @param repository any folder inside the work tree
   * @param ref e.g. {@code origin/main}
   * @param schemaDirectory the schemas folder in the work tree
   * @param mergeBase compare with the merge-base of HEAD and {@code ref} rather than the ref itself
   * @param scratch where to write the baseline's files
   */
  public static Baseline at(Path repository, String ref, Path schemaDirectory, boolean mergeBase, Path scratch) {
    return at(repository, ref, schemaDirectory, mergeBase, scratch, List.of());
  }

  /** As above, resolving references to other modules' contracts from {@code libraries}. */
  public static Baseline at(Path repository, String ref, Path schemaDirectory, boolean mergeBase, Path scratch,
      List<SchemaLibrary> libraries) {
    return at(repository, ref, schemaDirectory, mergeBase, scratch, libraries, path -> true, null);
  }

  /**
   * As above, reading at each commit only the files {@code project} takes (its includes and
   * excludes), so an excluded file is not a contract on either side, and naming the baseline's
   * contracts by the project's rules, so a file that moved is compared with what its subject had.
   */
  public static Baseline at(Path repository, String ref, Path schemaDirectory, boolean mergeBase, Path scratch,
      List<SchemaLibrary> libraries, ProjectRequest project) {
    return at(repository, ref, schemaDirectory, mergeBase, scratch, libraries,
        new PathFilter(project.includes(), project.excludes()), project);
  }

  private static Baseline at(Path repository, String ref, Path schemaDirectory, boolean mergeBase, Path scratch,
      List<SchemaLibrary> libraries, Predicate<String> selection, ProjectRequest project) {
    String top = GitProcess.run(repository, "rev-parse", "--show-toplevel").trim();
    Path root = Path.of(top).toAbsolutePath().normalize();
    Path schemas;
    try {
      schemas = schemaDirectory.toRealPath();
    } catch (IOException e) {
      throw new UserInputException("schema directory " + schemaDirectory + " does not exist", e);
    }
    String relative;
    try {
      relative = root.toRealPath().relativize(schemas).toString().replace('\\', '/');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = commit(repository, ref, mergeBase);
    // paths below are relative to the top of the work tree, which a module of a multi-module
    // repository is not: run git from there
    repository = root;
    String description = "git " + ref + (mergeBase ? " (merge-base " + shortCommit(commit) + ")" : " ("
        + shortCommit(commit) + ")");
    Path latestFolder = scratch.resolve("latest");
    ContractSet latestSet = load(repository, commit, relative, latestFolder, libraries, selection);
    FolderBaseline latest = new FolderBaseline(latestSet, description,
        project == null ? java.util.Map.of() : ContractProject.subjectsOf(project, latestFolder, latestSet));
    return new History(repository, commit, relative, scratch, latest, libraries, selection);
  }

  private static String shortCommit(String commit) {
    return commit.length() > 10 ? commit.substring(0, 10) : commit;
  }

  /** The contracts of the schemas folder at one commit, named {@code git:<commit>:<path>}. */
  private static ContractSet load(Path repository, String commit, String relative, Path folder,
      List<SchemaLibrary> libraries, Predicate<String> selection) {
    try {
      io.github.eventcontracts.core.util.Folders.delete(folder);
      Files.createDirectories(folder);
      // the whole folder in one process: one tar stream, not one `git show` per file
      byte[] tar = GitProcess.bytes(repository, "archive", "--format=tar", commit, "--", relative.isEmpty() ? "." : relative);
      for (TarEntry entry : TarEntry.read(tar)) {
        String path = entry.path();
        // contracts, and their data contracts (rule sets, metadata: beside them or where a
        // <contract> entry names them, JSON either way) for the review
        if (!(path.endsWith(".avsc") || path.endsWith(".proto") || path.endsWith(".json"))) {
          continue;
        }
        String inside = relative.isEmpty() ? path : path.substring(relative.length() + 1);
        Path target = folder.resolve(inside).normalize();
        if (!target.startsWith(folder)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, entry.content());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the git baseline to " + folder + ": " + e.getMessage(), e);
    }
    String display = "git:" + shortCommit(commit) + ":" + (relative.isEmpty() ? "." : relative);
    return ContractDirectory.load(folder, display, false, List.of(), selection, libraries);
  }

  /**
   * The baseline commit, and for subjects with a transitive level every earlier version of their
   * file: one per commit that changed the file or a file it references, oldest first, as a registry
   * would hold one version per release. Commits whose schemas do not parse are passed over.
   */
  private static final class History implements Baseline {
    private final Path repository;
    private final String commit;
    private final String relative;
    private final Path scratch;
    private final FolderBaseline latest;
    private final Map<String, Optional<ContractSet>> byCommit = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final List<SchemaLibrary> libraries;
    private final Predicate<String> selection;

    History(Path repository, String commit, String relative, Path scratch, FolderBaseline latest,
        List<SchemaLibrary> libraries, Predicate<String> selection) {
      this.libraries = libraries;
      this.selection = selection;
      this.repository = repository;
      this.commit = commit;
      this.relative = relative;
      this.scratch = scratch;
      this.latest = latest;
    }

    @Override
    public String describe() {
      return latest.describe();
    }

    @Override
    public List<String> removed(ContractProject project) {
      return latest.removed(project);
    }

    @Override
    public List<Contract> history(SubjectContract subject) {
      List<Contract> newest = latest.history(subject);
      if (newest.isEmpty() || !subject.level().transitive()) {
        return newest;
      }
      List<String> args = new ArrayList<>(List.of("log", "--format=%H", "--reverse", commit, "--"));
      args.add(inRepository(subject.path()));
      subject.references().forEach(r -> args.add(inRepository(r.path())));
      List<Contract> versions = new ArrayList<>();
      String lastResolved = null;
      for (String changed : GitProcess.run(repository, args.toArray(String[]::new)).split("\n")) {
        if (changed.isBlank()) {
          continue;
        }
        Optional<ContractSet> set = byCommit.computeIfAbsent(changed.trim(), this::loadQuietly);
        Contract version = set.map(s -> s.byPath().get(subject.path())).orElse(null);
        if (version == null) {
          continue;
        }
        String resolved = resolvedFingerprint(version, set.get());
        if (!resolved.equals(lastResolved)) {
          versions.add(version);
          lastResolved = resolved;
        }
      }
      // the baseline commit's version is the latest, whatever the log found
      if (!versions.isEmpty()) {
        versions.remove(versions.size() - 1);
      }
      versions.add(newest.get(newest.size() - 1));
      return versions;
    }

    /** The file's fingerprint and those of the files it references: what its resolved schema depends on. */
    private static String resolvedFingerprint(Contract contract, ContractSet set) {
      // a reference names its file as the set shows it: <display root>/<path in the set>
      String prefix = set.displayRoot() + "/";
      StringBuilder key = new StringBuilder(contract.revision());
      for (var reference : contract.references()) {
        Contract referenced = reference.file().startsWith(prefix)
            ? set.byPath().get(reference.file().substring(prefix.length())) : null;
        key.append(' ').append(referenced == null ? reference.file() : referenced.revision());
      }
      return key.toString();
    }

    private String inRepository(String schemaPath) {
      return relative.isEmpty() ? schemaPath : relative + "/" + schemaPath;
    }

    /** A history commit's contracts, or empty (and a note saying so) when they do not parse there. */
    private Optional<ContractSet> loadQuietly(String version) {
      try {
        return Optional.of(load(repository, version, relative, scratch.resolve("history").resolve(shortCommit(version)),
            libraries, selection));
      } catch (ContractException e) {
        notes.add("commit " + shortCommit(version) + " left out of the history: its schemas do not parse ("
            + e.diagnostics().get(0).format() + (e.diagnostics().size() > 1 ? ", and " + (e.diagnostics().size() - 1)
            + " more" : "") + "); transitive checks compare with the other versions only");
        return Optional.empty();
      }
    }

    @Override
    public List<String> notes() {
      return List.copyOf(notes);
    }
  }

  /** The commit the baseline is read from: the merge-base of HEAD and {@code ref}, or the ref itself. */
  public static String commit(Path repository, String ref, boolean mergeBase) {
    return mergeBase
        ? GitProcess.run(repository, "merge-base", "HEAD", ref).trim()
        : GitProcess.run(repository, "rev-parse", "--verify", ref + "^{commit}").trim();
  }

}
