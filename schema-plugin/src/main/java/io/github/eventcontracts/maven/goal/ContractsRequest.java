package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.project.ProjectRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every goal that reads the schemas folder is asked: which contracts and how to read them
 * ({@link ProjectRequest}), which lint rules are off, and where the goal keeps its state.
 *
 * @param allowEmpty let {@code includes} match no contract
 * @param incremental skip a goal whose inputs did not change since its last success
 * @param workDirectory the plugin's own folder under {@code target/} (markers, scratch, libraries)
 * @param pluginVersion the plugin's version and jar time: a rebuilt plugin is a changed input
 */
public record ContractsRequest(ProjectRequest project, Set<String> disabledLintRules, boolean allowEmpty,
    boolean incremental, Path workDirectory, String pluginVersion) {
  public ContractsRequest {
    disabledLintRules = Set.copyOf(disabledLintRules);
  }

  /**
   * The configuration that shapes results, for the up-to-date marker: the project request (a
   * record, so a setting added to it is in the key without anyone remembering to add it), the lint
   * rules switched off, and the plugin itself.
   */
  public String configurationKey() {
    return String.join("\n", pluginVersion, project.toString(), "lint.disable=" + new TreeSet<>(disabledLintRules));
  }

  /** Every folder a goal reads: the schemas folder, the import roots and the libraries. */
  List<Path> inputFolders() {
    List<Path> folders = new ArrayList<>();
    folders.add(project.schemaDirectory());
    folders.addAll(project.importRoots());
    project.libraries().forEach(l -> folders.add(l.root()));
    return folders;
  }
}
