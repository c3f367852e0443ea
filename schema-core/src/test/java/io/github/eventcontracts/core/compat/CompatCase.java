package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.model.SchemaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compatibility example from a {@code .cases} file:
 *
 * <pre>
 * === name
 * level: BACKWARD
 * expect: incompatible
 * differences: FIELD_SCALAR_KIND_CHANGED #/Order/2, MESSAGE_ADDED #/Price     (or: none)
 * covers: FIELD_SCALAR_KIND_CHANGED
 * at: FIELD_SCALAR_KIND_CHANGED #/Order/2 new/order.proto:3:45    (optional, one line per position)
 * --- old order.proto          (one block per previous version, oldest first)
 * --- old-file common.proto    (a file the previous versions import)
 * --- new order.proto
 * --- new-file common.proto    (a file the new version imports)
 * </pre>
 */
record CompatCase(
    String source,
    String name,
    SchemaType type,
    CompatibilityLevel level,
    boolean expectCompatible,
    Set<String> differences,
    Set<String> covers,
    Map<String, String> positions,
    List<Block> history,
    Block candidate,
    Map<String, String> oldFiles,
    Map<String, String> newFiles) {

  record Block(String fileName, String text) {}

  @Override
  public String toString() {
    return source + ": " + name;
  }

  static List<CompatCase> load(String resource, SchemaType type) {
    String text;
    try (InputStream in = CompatCase.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<CompatCase> cases = new ArrayList<>();
    String[] chunks = text.split("(?m)^=== ");
    for (String chunk : chunks) {
      if (chunk.isBlank() || chunk.startsWith("#")) {
        continue;
      }
      cases.add(parse(resource, type, chunk));
    }
    return cases;
  }

  private static CompatCase parse(String source, SchemaType type, String chunk) {
    String[] lines = chunk.split("\n", -1);
    String name = lines[0].trim();
    CompatibilityLevel level = CompatibilityLevel.BACKWARD;
    Boolean expect = null;
    Set<String> differences = null;
    Set<String> covers = new LinkedHashSet<>();
    Map<String, String> positions = new LinkedHashMap<>();
    List<Block> history = new ArrayList<>();
    Block candidate = null;
    Map<String, String> oldFiles = new LinkedHashMap<>();
    Map<String, String> newFiles = new LinkedHashMap<>();
    String blockKind = null;
    String blockName = null;
    StringBuilder body = new StringBuilder();
    for (int i = 1; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "--- end";
      if (line.startsWith("--- ")) {
        if (blockKind != null) {
          String content = body.toString();
          switch (blockKind) {
            case "old" -> history.add(new Block(blockName, content));
            case "new" -> candidate = new Block(blockName, content);
            case "old-file" -> oldFiles.put(blockName, content);
            case "new-file" -> newFiles.put(blockName, content);
            case "file" -> {
              oldFiles.put(blockName, content);
              newFiles.put(blockName, content);
            }
            default -> throw new IllegalArgumentException(name + ": unknown block " + blockKind);
          }
        }
        String[] header = line.substring(4).trim().split("\\s+");
        blockKind = header[0];
        blockName = header.length > 1 ? header[1] : (type == SchemaType.AVRO ? "event.avsc" : "order.proto");
        body.setLength(0);
      } else if (blockKind != null) {
        body.append(line).append('\n');
      } else if (line.startsWith("level:")) {
        level = CompatibilityLevel.parse(line.substring(6).trim());
      } else if (line.startsWith("expect:")) {
        expect = line.substring(7).trim().equals("compatible");
      } else if (line.startsWith("differences:")) {
        differences = new LinkedHashSet<>();
        String list = line.substring(12).trim();
        if (!list.equals("none")) {
          for (String d : list.split(",")) {
            differences.add(d.trim().replaceAll("\\s+", " "));
          }
        }
      } else if (line.startsWith("at:")) {
        String[] at = line.substring(3).trim().split("\\s+");
        if (at.length != 3) {
          throw new IllegalArgumentException(name + ": 'at:' takes TYPE PATH FILE:LINE:COLUMN, got " + line);
        }
        positions.put(at[0] + " " + at[1], at[2]);
      } else if (line.startsWith("covers:")) {
        for (String c : line.substring(7).trim().split("[,\\s]+")) {
          covers.add(c);
        }
      }
    }
    if (expect == null || differences == null || candidate == null || history.isEmpty()) {
      throw new IllegalArgumentException(source + ": case '" + name
          + "' needs expect:, differences:, at least one --- old block and a --- new block");
    }
    if (!differences.containsAll(positions.keySet())) {
      throw new IllegalArgumentException(source + ": case '" + name + "' gives a position for a difference it"
          + " does not expect: " + positions.keySet());
    }
    return new CompatCase(source, name, type, level, expect, differences, covers, positions, history, candidate,
        oldFiles, newFiles);
  }
}
