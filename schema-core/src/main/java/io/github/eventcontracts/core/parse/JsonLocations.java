package io.github.eventcontracts.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.github.eventcontracts.core.diag.SourcePosition;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where each node of a JSON document stands in its text, keyed by JSON Pointer ({@code /fields/1/type}).
 * Avro reports schema locations as pointers, so this turns them into line and column.
 */
public final class JsonLocations {
  private static final JsonFactory STRICT = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  /** Apache Avro's own parser allows Java/C comments ({@code /* ... *}{@code /}, {@code //}), and Apache projects ship licence blocks. */
  private static final JsonFactory COMMENTED = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .build();
  /** Jackson's locations name their source; a diagnostic already names the file. */
  private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source: [^\\]]*\\]\\)?");

  private final Map<String, SourcePosition> positions;
  private final boolean commented;

  private JsonLocations(Map<String, SourcePosition> positions, boolean commented) {
    this.positions = positions;
    this.commented = commented;
  }

  /**
   * Scans the text once (twice when it has comments). A syntax error (including a duplicate key)
   * becomes a {@link ContractException} at Jackson's location.
   */
  public static JsonLocations scan(String displayPath, String text) {
    try {
      return scan(displayPath, text, STRICT, false);
    } catch (ContractException strictFailure) {
      // Comments are the only difference: if the text reads with them, it is valid for Avro.
      return scan(displayPath, text, COMMENTED, true);
    }
  }

  /** Jackson's message without the parts that describe Jackson rather than the file. */
  public static String cleanMessage(String message) {
    return message == null ? "" : SOURCE_NOTE.matcher(message).replaceAll("").trim();
  }

  private static JsonLocations scan(String displayPath, String text, JsonFactory factory, boolean commented) {
    Map<String, SourcePosition> positions = new HashMap<>();
    try (JsonParser parser = factory.createParser(text)) {
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
          "invalid JSON: " + cleanMessage(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ContractException(SourceFile.error(displayPath, 0, ParseErrors.FILE_UNREADABLE,
          "cannot read JSON: " + e.getMessage()));
    }
    return new JsonLocations(positions, commented);
  }

  /** True when the text has comments: valid for Avro, but not JSON a registry must accept as is. */
  public boolean commented() {
    return commented;
  }

  /** Reads the text into a tree, comments allowed (call after {@link #scan} accepted it). */
  public static com.fasterxml.jackson.databind.JsonNode tree(String text) {
    try {
      return TREES.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("text passed the JSON scan but not the tree parser", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper TREES =
      new com.fasterxml.jackson.databind.ObjectMapper(COMMENTED);

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
