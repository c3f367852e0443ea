package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code git} binary as a process: a real timeout, and its failures as user errors that say what to do. */
final class GitProcess {
  private GitProcess() {}

  /** What git printed, as text. */
  static String run(Path dir, String... args) {
    return new String(bytes(dir, args), StandardCharsets.UTF_8);
  }

  /**
   * Runs git with its output and errors going to files, so neither pipe can fill and block it, and
   * the timeout is a real one: the process is killed when it passes.
   */
  static byte[] bytes(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("git-out", ".bin");
      err = Files.createTempFile("git-err", ".txt");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UserInputException("git " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS
            + " s; is the repository reachable and not locked?");
      }
      String errors = Files.readString(err, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0) {
        throw new UserInputException("git " + String.join(" ", args) + " failed: " + errors
            + (errors.contains("unknown revision") || errors.contains("Not a valid") || errors.contains("not a valid")
                ? "; fetch the ref first (git fetch origin)" : ""));
      }
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UserInputException("cannot run git (is it installed and on the PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static final long TIMEOUT_SECONDS = 60;

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temp file left behind is harmless
      }
    }
  }
}
