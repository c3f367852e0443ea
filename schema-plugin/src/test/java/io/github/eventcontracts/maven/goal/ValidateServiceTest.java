package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A goal's whole flow runs from its request, without Maven: here validate's verdict and its marker. */
class ValidateServiceTest {
  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();
  private final List<String> logged = log.lines;

  private ValidateService.Request request(Set<String> disabled) {
    ProjectRequest project = new ProjectRequest(dir.resolve("schemas"), "schemas", List.of(), List.of(),
        SubjectNamingStrategy.parse("TopicNameStrategy"), CompatibilityLevel.BACKWARD, List.of(), List.of(),
        ReferenceSubjects.NAME, List.of(), false);
    return new ValidateService.Request(new ContractsRequest(project, disabled, false, true, dir.resolve("work"), "test"),
        false);
  }

  @Test
  void aLintErrorFailsNamingTheFileAndOnlyASuccessIsRemembered() throws Exception {
    Files.createDirectories(dir.resolve("schemas"));
    // avro.java.string changes what the registry sees: an error unless switched off
    Files.writeString(dir.resolve("schemas/orders.avsc"), """
        {"type": "record", "name": "OrderPlaced", "namespace": "com.acme", "doc": "An order.",
         "fields": [{"name": "id", "type": {"type": "string", "avro.java.string": "String"}, "doc": "Its id."}]}
        """);
    assertThatThrownBy(() -> new ValidateService(request(Set.of()), log, new HashMap<>()).run())
        .isInstanceOf(GoalFailure.class).hasMessageContaining("schemas/orders.avsc");
    assertThat(logged).anyMatch(l -> l.startsWith("ERROR schemas/orders.avsc:2:55 AVRO_NO_JAVA_STRING_PROP"));
    assertThat(dir.resolve("work/validate.sha256")).doesNotExist();

    logged.clear();
    new ValidateService(request(Set.of("AVRO_NO_JAVA_STRING_PROP")), log, new HashMap<>()).run();
    assertThat(logged).anyMatch(l -> l.startsWith("INFO Validated 1 contract(s): 0 error(s)"));
    assertThat(dir.resolve("work/validate.sha256")).exists();

    logged.clear();
    new ValidateService(request(Set.of("AVRO_NO_JAVA_STRING_PROP")), log, new HashMap<>()).run();
    assertThat(logged).containsExactly("INFO Contracts unchanged since the last successful validate; nothing to do "
        + "(-Dschema.incremental=false to force)");
  }
}
