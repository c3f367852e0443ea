package io.github.eventcontracts.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.eventcontracts.core.diag.SourcePosition;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a JSON document stands in its text, keyed by JSON Pointer ({@code /fields/1/type}).
 * Avro reports schema locations as pointers, so this turns them into line and column.
 */
public final class JsonLocations {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final Map<String, SourcePosition> positions;

  private JsonLocations(Map<String, SourcePosition> positions) {
    this.positions = positions;
  }

  /**
   * Scans the text once. A syntax error (including a duplicate key) becomes a {@link ContractException}
   * at Jackson's location.
   */
  public static JsonLocations scan(String displayPath, String text) {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      boolean any = false;
      while ((token = parser.nextToken()) != null) {
        any = true;
        // A member's key comes before its value: recording the first sighting points at the key.
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          pointer = parser.getParsingContext().getParent() == null
              ? "" : parser.getParsingContext().getParent().pathAsPointer().toString();
        }
        JsonLocation at = parser.currentTokenLocation();
        positions.putIfAbsent(pointer, new SourcePosition(at.getLineNr(), at.getColumnNr()));
      }
      if (!any) {
        throw new ContractException(SourceFile.error(displayPath, 1, ParseErrors.FILE_EMPTY,
            "file has no JSON value; write an Avro schema in it"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ContractException(new io.github.eventcontracts.core.diag.Diagnostic(
          ParseErrors.SYNTAX_ERROR, io.github.eventcontracts.core.diag.Severity.ERROR, displayPath,
          at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
          "invalid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ContractException(SourceFile.error(displayPath, 0, ParseErrors.FILE_UNREADABLE,
          "cannot read JSON: " + e.getMessage()));
    }
    return new JsonLocations(positions);
  }

  /** The position of the node at {@code pointer}, or of its nearest ancestor that has one. */
  public SourcePosition find(String pointer) {
    String p = pointer == null ? "" : pointer;
    while (true) {
      SourcePosition at = positions.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return SourcePosition.UNKNOWN;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** True when the exact pointer names a node of the document. */
  public boolean has(String pointer) {
    return positions.containsKey(pointer);
  }
}
