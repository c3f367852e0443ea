package io.github.eventcontracts.core.compat.protobuf;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.Schema;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.compat.ProtobufDifferenceType;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What one comparison walk shares: both sides, where the walk is ({@link #enter}), what it found, and
 * the referenced message pairs already compared. "original" wrote the data, "update" reads it.
 */
final class Context {
  /** One side of the comparison: the parsed file and the name to report for it. */
  record Side(ProtobufParsedSchema parsed, String file) {
    Schema schema() {
      return parsed.schema();
    }

    String path() {
      return parsed.file().getLocation().getPath();
    }
  }

  /** Closes the path segments it entered, so a scope cannot leave the path longer than it found it. */
  interface PathScope extends AutoCloseable {
    @Override
    void close();
  }

  final Side original;
  final Side update;
  private final boolean updateIsNew;
  /** Differences inside referenced message pairs, computed once per pair, shared by nested walks. */
  private final Map<String, List<Difference>> referencedPairs;
  private final Set<String> pairsInProgress;
  private final List<String> path = new ArrayList<>();
  private final List<Difference> differences = new ArrayList<>();

  private Context(Side original, Side update, boolean updateIsNew, Map<String, List<Difference>> referencedPairs,
      Set<String> pairsInProgress) {
    this.original = original;
    this.update = update;
    this.updateIsNew = updateIsNew;
    this.referencedPairs = referencedPairs;
    this.pairsInProgress = pairsInProgress;
  }

  static Context of(Side original, Side update, boolean updateIsNew) {
    return new Context(original, update, updateIsNew, new HashMap<>(), new HashSet<>());
  }

  List<Difference> differences() {
    return differences;
  }

  PathScope enter(Object... segments) {
    for (Object segment : segments) {
      path.add(String.valueOf(segment));
    }
    int depth = path.size() - segments.length;
    return () -> path.subList(depth, path.size()).clear();
  }

  /**
   * The differences inside a referenced message pair, walked by {@code walk} in a context of its own
   * (paths start at the type's local name) the first time the pair is met; a cycle counts as equal.
   */
  List<Difference> referencedPair(String key, List<String> startPath, Consumer<Context> walk) {
    List<Difference> known = referencedPairs.get(key);
    if (known != null) {
      return known;
    }
    if (!pairsInProgress.add(key)) {
      return List.of();
    }
    Context nested = new Context(original, update, updateIsNew, referencedPairs, pairsInProgress);
    nested.path.addAll(startPath);
    walk.accept(nested);
    pairsInProgress.remove(key);
    referencedPairs.put(key, nested.differences);
    return nested.differences;
  }

  /**
   * "from A to B" with A the old schema's text and B the new one's, whichever side reads: a message
   * describes the edit, not the comparison.
   */
  String fromTo(String originalText, String updateText) {
    return updateIsNew ? "from " + originalText + " to " + updateText : "from " + updateText + " to " + originalText;
  }

  /** "added" or "removed" as an edit, for an element only one side has. */
  String edit(boolean onlyInUpdate) {
    return onlyInUpdate == updateIsNew ? "added" : "removed";
  }

  void addAll(List<Difference> found) {
    differences.addAll(found);
  }

  /**
   * Records a difference at the current path. Its position is in the new file when the element
   * exists there, else in the old one; an element of an imported file is reported in that file.
   */
  void report(ProtobufDifferenceType type, Location originalAt, Location updateAt, String message) {
    Location newAt = updateIsNew ? updateAt : originalAt;
    Location oldAt = updateIsNew ? originalAt : updateAt;
    boolean onNewSide = newAt != null;
    Location at = onNewSide ? newAt : oldAt;
    Side side = onNewSide == updateIsNew ? update : original;
    String file;
    if (at == null) {
      file = (updateIsNew ? update : original).file();
    } else if (at.getPath().equals(side.path())) {
      file = side.file();
    } else {
      file = side.parsed().displayPath(at.getPath()); // an element of an imported file
    }
    differences.add(new Difference(type, "#/" + String.join("/", path), message, file,
        at == null ? 0 : at.getLine(), at == null ? 0 : Math.max(at.getColumn(), 0)));
  }
}
