package io.github.eventcontracts.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-to-date key must change with every setting, or an edited setting leaves a stale build. */
class ConfigurationKeyTest {
  @TempDir Path dir;

  private ValidateMojo mojo(ContractEntry entry) {
    ValidateMojo mojo = new ValidateMojo();
    mojo.schemaDirectory = dir.toFile();
    mojo.subjectNamingStrategy = "TopicNameStrategy";
    mojo.compatibility = "BACKWARD";
    mojo.contracts = entry == null ? new ArrayList<>() : new ArrayList<>(List.of(entry));
    return mojo;
  }

  @Test
  void everyFieldOfAContractEntryChangesTheKey() throws Exception {
    ContractEntry base = new ContractEntry();
    base.file = "orders.avsc";
    String baseKey = mojo(base).contractsRequest().configurationKey();
    for (Field field : ContractEntry.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      ContractEntry changed = new ContractEntry();
      changed.file = "orders.avsc";
      field.set(changed, sampleValue(field));
      assertThat(mojo(changed).contractsRequest().configurationKey()).as("key after setting <%s>", field.getName()).isNotEqualTo(baseKey);
    }
  }

  @Test
  void goalSettingsChangeTheKeyAndAnEqualConfigurationKeepsIt() {
    ValidateMojo plain = mojo(null);
    assertThat(mojo(null).contractsRequest().configurationKey()).isEqualTo(plain.contractsRequest().configurationKey());
    ValidateMojo strategy = mojo(null);
    strategy.subjectNamingStrategy = "RecordNameStrategy";
    ValidateMojo level = mojo(null);
    level.compatibility = "FULL";
    ValidateMojo roots = mojo(null);
    roots.importRoots = List.of(new File("protos"));
    ValidateMojo lint = mojo(null);
    lint.disabledLintRules = List.of("AVRO_DOC");
    for (ValidateMojo other : List.of(strategy, level, roots, lint)) {
      assertThat(other.contractsRequest().configurationKey()).isNotEqualTo(plain.contractsRequest().configurationKey());
    }
  }

  @Test
  void reportsNameFilesFromTheNearestFolderHoldingGit() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("repo/.git"));
    Path module = java.nio.file.Files.createDirectories(dir.resolve("repo/services/payments"));
    assertThat(AbstractSchemaMojo.repositoryRoot(module)).isEqualTo(dir.resolve("repo"));
    // a git worktree or submodule has a .git file, not a folder
    java.nio.file.Files.writeString(dir.resolve("repo/services/.git"), "gitdir: ../.git/worktrees/services\n");
    assertThat(AbstractSchemaMojo.repositoryRoot(module)).isEqualTo(dir.resolve("repo/services"));
  }

  private static Object sampleValue(Field field) {
    if (field.getType() == Boolean.class) {
      return Boolean.TRUE;
    }
    if (field.getName().equals("compatibility")) {
      return "FULL";
    }
    if (field.getName().equals("file")) {
      return "payments.avsc";
    }
    return "x-" + field.getName();
  }
}
