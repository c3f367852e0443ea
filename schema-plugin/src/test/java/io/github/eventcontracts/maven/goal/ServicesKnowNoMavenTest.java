package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The goal services are the plugin's flows without Maven: a class of this package that names a
 * Maven or Aether type (its constant pool holds every type a class refers to) belongs in a mojo.
 */
class ServicesKnowNoMavenTest {
  @Test
  void noClassOfTheGoalPackageRefersToMaven() throws Exception {
    Path folder = Path.of(ValidateService.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(ValidateService.class.getPackageName().replace('.', '/'));
    List<Path> classes;
    try (Stream<Path> files = Files.list(folder)) {
      classes = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(classes).hasSizeGreaterThan(10);
    for (Path c : classes) {
      String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
      assertThat(constants).as(c.getFileName().toString()).doesNotContain("org/apache/maven", "org/eclipse/aether");
    }
  }
}
