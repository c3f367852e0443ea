package io.github.eventcontracts.core.parse;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The text of one schema file and the two names it goes by.
 *
 * @param displayPath the path shown to the user in diagnostics (e.g. {@code schemas/orders.proto})
 * @param logicalPath the path other schemas use to import it (e.g. {@code orders.proto}); for Avro
 *     files it is only an identifier
 * @param text the file's content
 */
public record SourceFile(String displayPath, String logicalPath, String text) {

  /** Contracts larger than this are refused unless a caller raises the limit. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  public SourceFile {
    Objects.requireNonNull(displayPath, "displayPath");
    Objects.requireNonNull(logicalPath, "logicalPath");
    Objects.requireNonNull(text, "text");
  }

  public static SourceFile of(String path, String text) {
    return new SourceFile(path, path, text);
  }

  /**
   * Reads a file defensively: size-limited, strict UTF-8, no NUL bytes, not blank. Each failure is
   * a {@link ContractException} naming the file.
   */
  public static SourceFile read(Path file, String displayPath, String logicalPath, long maxBytes) {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ContractException(error(displayPath, 1, ParseErrors.FILE_TOO_LARGE,
            "file is " + size + " bytes, more than the " + maxBytes
                + "-byte limit for one contract; split it, or raise the limit if it really is one schema"));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ContractException(error(displayPath, 0, ParseErrors.FILE_UNREADABLE,
          "no such file; check the path"));
    } catch (IOException e) {
      throw new ContractException(error(displayPath, 0, ParseErrors.FILE_UNREADABLE,
          "cannot read file: " + e.getMessage()));
    }
    return new SourceFile(displayPath, logicalPath, decode(displayPath, bytes));
  }

  public static SourceFile read(Path file, String displayPath, String logicalPath) {
    return read(file, displayPath, logicalPath, DEFAULT_MAX_BYTES);
  }

  /** Strict UTF-8 decoding that names the first bad byte's line instead of inserting U+FFFD. */
  static String decode(String displayPath, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new ContractException(error(displayPath, lineOf(bytes, i), ParseErrors.FILE_NOT_TEXT,
            "binary content (NUL byte at offset " + i + "); a schema file must be UTF-8 text"));
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      int offset = firstInvalidUtf8(bytes);
      throw new ContractException(error(displayPath, lineOf(bytes, offset), ParseErrors.FILE_NOT_TEXT,
          "invalid UTF-8 at byte offset " + offset + "; save the file as UTF-8 text"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw new ContractException(error(displayPath, 1, ParseErrors.FILE_EMPTY,
          "file is empty; write a schema in it or delete it"));
    }
    return text;
  }

  private static int firstInvalidUtf8(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : bytes.length;
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  static Diagnostic error(String file, int line, String rule, String message) {
    return new Diagnostic(rule, Severity.ERROR, file, line, 0, "", message);
  }
}
