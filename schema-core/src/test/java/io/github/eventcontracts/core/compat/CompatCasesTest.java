package io.github.eventcontracts.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every example of {@code compat/*.cases}: the verdict and the exact set of differences. */
class CompatCasesTest {
  private static final List<CompatCase> PROTOBUF = CompatCase.load("/compat/protobuf.cases", SchemaType.PROTOBUF);
  private static final List<CompatCase> AVRO = CompatCase.load("/compat/avro.cases", SchemaType.AVRO);
  private final CompatibilityChecker checker = new CompatibilityChecker();

  static Stream<CompatCase> protobufCases() {
    return PROTOBUF.stream();
  }

  static Stream<CompatCase> avroCases() {
    return AVRO.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protobufCases")
  void protobuf(CompatCase c) {
    run(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroCases")
  void avro(CompatCase c) {
    run(c);
  }

  private void run(CompatCase c) {
    List<Contract> history = new ArrayList<>();
    for (int i = 0; i < c.history().size(); i++) {
      CompatCase.Block v = c.history().get(i);
      history.add(parse(c.type(), "v" + (i + 1) + "/" + v.fileName(), v, c.oldFiles(), false));
    }
    Contract candidate = parse(c.type(), "new/" + c.candidate().fileName(), c.candidate(), c.newFiles(), true);

    CompatibilityResult result = checker.check(c.level(), history, candidate);

    Set<String> found = new LinkedHashSet<>();
    for (Difference d : result.differences()) {
      found.add(d.type().id() + " " + d.path());
    }
    // one walk over one pair of versions reports each difference once (a transitive check repeats
    // it per version and direction, which is why the expectation above is a set)
    for (Comparison comparison : result.comparisons()) {
      List<String> once = comparison.differences().stream().map(d -> d.type().id() + " " + d.path()).toList();
      assertThat(once).as("differences of %s against version %d, %s", c.name(), comparison.previousIndex() + 1,
          comparison.direction()).doesNotHaveDuplicates();
    }
    assertThat(found).as("differences of %s; details: %s", c.name(), result.diagnostics())
        .containsExactlyInAnyOrderElementsOf(c.differences());
    Map<String, String> texts = displayedTexts(c);
    for (Difference d : result.differences()) {
      String key = d.type().id() + " " + d.path();
      String at = d.file() + ":" + d.line() + ":" + d.column();
      if (c.positions().containsKey(key)) {
        assertThat(at).as("position of %s in %s", key, c.name()).isEqualTo(c.positions().get(key));
      }
      // every position names a line and column of a file of the case, never a made-up one
      assertThat(texts).as("file of %s in %s", key, c.name()).containsKey(d.file());
      String[] lines = texts.get(d.file()).split("\n", -1);
      assertThat(d.line()).as("line of %s in %s", key, c.name()).isBetween(1, lines.length);
      assertThat(d.column()).as("column of %s in %s", key, c.name()).isBetween(1, lines[d.line() - 1].length());
    }
    assertThat(result.compatible()).as("verdict of %s; details: %s", c.name(), result.diagnostics())
        .isEqualTo(c.expectCompatible());
  }

  /** Each file of a case under the name a difference reports it by. */
  private static Map<String, String> displayedTexts(CompatCase c) {
    Map<String, String> texts = new HashMap<>();
    for (int i = 0; i < c.history().size(); i++) {
      texts.put("v" + (i + 1) + "/" + c.history().get(i).fileName(), c.history().get(i).text());
      for (Map.Entry<String, String> e : c.oldFiles().entrySet()) {
        texts.put("v" + (i + 1) + "/" + e.getKey(), e.getValue());
      }
    }
    texts.put("new/" + c.candidate().fileName(), c.candidate().text());
    c.newFiles().forEach((name, text) -> texts.put("new/" + name, text));
    return texts;
  }

  private static Contract parse(SchemaType type, String display, CompatCase.Block main, Map<String, String> files,
      boolean strict) {
    String dir = display.substring(0, display.indexOf('/') + 1);
    List<SourceFile> extras = files.entrySet().stream()
        .map(e -> new SourceFile(dir + e.getKey(), e.getKey(), e.getValue())).toList();
    SourceFile source = new SourceFile(display, main.fileName(), main.text());
    return switch (type) {
      case AVRO -> new AvroContractParser(strict).parse(source, extras);
      case PROTOBUF -> new ProtobufContractParser().parse(source, ImportResolver.of(extras));
    };
  }

  @Test
  void enoughExamples() {
    assertThat(PROTOBUF).hasSizeGreaterThanOrEqualTo(60);
    assertThat(AVRO).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void everyProtobufDifferenceTypeHasACompatibleAndAnIncompatibleExample() {
    assertCoverage(PROTOBUF, EnumSet.allOf(ProtobufDifferenceType.class).stream().map(Enum::name).toList());
  }

  @Test
  void everyAvroIncompatibilityTypeHasACompatibleAndAnIncompatibleExample() {
    assertCoverage(AVRO, Arrays.stream(AvroDifferenceType.values()).map(Enum::name).toList());
  }

  @Test
  void everyLevelHasExamplesWithAThreeVersionHistory() {
    for (List<CompatCase> cases : List.of(PROTOBUF, AVRO)) {
      Set<CompatibilityLevel> levels = new HashSet<>();
      for (CompatCase c : cases) {
        if (c.history().size() >= 2) {
          levels.add(c.level());
        }
      }
      assertThat(levels).containsExactlyInAnyOrder(CompatibilityLevel.values());
    }
  }

  /** A case covers a type either by finding it, or by naming it in covers: as a near miss. */
  private static void assertCoverage(List<CompatCase> cases, List<String> types) {
    for (String type : types) {
      boolean compatible = false;
      boolean incompatible = false;
      for (CompatCase c : cases) {
        boolean mentions = c.covers().contains(type)
            || c.differences().stream().anyMatch(d -> d.startsWith(type + " "));
        if (mentions) {
          compatible |= c.expectCompatible();
          incompatible |= !c.expectCompatible();
        }
      }
      assertThat(compatible).as("a compatible example for " + type).isTrue();
      assertThat(incompatible).as("an incompatible example for " + type).isTrue();
    }
  }
}
