package io.github.eventcontracts.core.parse;

/** Stable rule IDs for diagnostics about input that could not be read or parsed. */
public final class ParseErrors {
  public static final String FILE_UNREADABLE = "FILE_UNREADABLE";
  public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
  public static final String FILE_NOT_TEXT = "FILE_NOT_TEXT";
  public static final String FILE_EMPTY = "FILE_EMPTY";
  public static final String SYNTAX_ERROR = "SYNTAX_ERROR";
  public static final String INVALID_SCHEMA = "INVALID_SCHEMA";
  public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
  public static final String DUPLICATE_TYPE = "DUPLICATE_TYPE";
  public static final String IMPORT_NOT_FOUND = "IMPORT_NOT_FOUND";
  public static final String IMPORT_CYCLE = "IMPORT_CYCLE";
  public static final String REFERENCE_CYCLE = "REFERENCE_CYCLE";
  public static final String INVALID_CONFIGURATION = "INVALID_CONFIGURATION";
  public static final String NESTING_TOO_DEEP = "NESTING_TOO_DEEP";
  /** Valid for protoc, but a construct this tool cannot check (proto2 groups). */
  public static final String UNSUPPORTED_FEATURE = "UNSUPPORTED_FEATURE";

  private ParseErrors() {}
}
