package io.github.eventcontracts.core.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The schemas folder as it is at a git ref (by default at the merge-base of HEAD and the ref, so a
 * pull request is compared with where it branched off). Uses the {@code git} binary: the files are
 * read with {@code git show} into a temporary folder, then treated as a {@link FolderBaseline}.
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
  public static FolderBaseline at(Path repository, String ref, Path schemaDirectory, boolean mergeBase, Path scratch) {
    String top = git(repository, "rev-parse", "--show-toplevel").trim();
    Path root = Path.of(top).toAbsolutePath().normalize();
    Path schemas;
    try {
      schemas = schemaDirectory.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("schema directory " + schemaDirectory + " does not exist", e);
    }
    String relative;
    try {
      relative = root.toRealPath().relativize(schemas).toString().replace('\\', '/');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = commit(repository, ref, mergeBase);
    String shortCommit = commit.length() > 10 ? commit.substring(0, 10) : commit;
    try {
      io.github.eventcontracts.core.util.Folders.delete(scratch);
      Files.createDirectories(scratch);
      String listing = git(repository, "ls-tree", "-r", "--name-only", "-z", commit, "--", relative.isEmpty() ? "." : relative);
      for (String path : listing.split("\0")) {
        if (path.isEmpty() || !(path.endsWith(".avsc") || path.endsWith(".proto"))) {
          continue;
        }
        String inside = relative.isEmpty() ? path : path.substring(relative.length() + 1);
        Path target = scratch.resolve(inside).normalize();
        if (!target.startsWith(scratch)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(target, gitBytes(repository, "show", commit + ":" + path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the git baseline to " + scratch + ": " + e.getMessage(), e);
    }
    String description = "git " + ref + (mergeBase ? " (merge-base " + shortCommit + ")" : " (" + shortCommit + ")");
    String display = "git:" + shortCommit + ":" + (relative.isEmpty() ? "." : relative);
    return new FolderBaseline(ContractDirectory.load(scratch, display, false, List.of()), description);
  }

  /** The commit the baseline is read from: the merge-base of HEAD and {@code ref}, or the ref itself. */
  public static String commit(Path repository, String ref, boolean mergeBase) {
    return mergeBase
        ? git(repository, "merge-base", "HEAD", ref).trim()
        : git(repository, "rev-parse", "--verify", ref + "^{commit}").trim();
  }

  private static String git(Path dir, String... args) {
    return new String(gitBytes(dir, args), StandardCharsets.UTF_8);
  }

  private static byte[] gitBytes(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException("git " + String.join(" ", args) + " did not finish in 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalArgumentException("git " + String.join(" ", args) + " failed: " + err
            + (err.contains("unknown revision") || err.contains("Not a valid") ? "; fetch the ref first (git fetch origin)" : ""));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot run git (is it installed and on the PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }
}
