package io.github.eventcontracts.registry.client;

/**
 * A registry request that failed, with the HTTP status and Confluent {@code error_code}; status 0
 * when no answer came (the registry was unreachable). Messages never contain credentials.
 */
public class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final int errorCode;

  public RegistryException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  public RegistryException(int status, int errorCode, String message) {
    this(status, errorCode, message, null);
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  /** The typed exception for an error answer. */
  static RegistryException of(int status, int errorCode, String message) {
    return switch (errorCode) {
      case ErrorCodes.SUBJECT_NOT_FOUND -> new SubjectNotFoundException(status, errorCode, message);
      case ErrorCodes.VERSION_NOT_FOUND -> new VersionNotFoundException(status, errorCode, message);
      case ErrorCodes.SCHEMA_NOT_FOUND -> new SchemaNotFoundException(status, errorCode, message);
      case ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED ->
          new SubjectCompatibilityNotConfiguredException(status, errorCode, message);
      case ErrorCodes.INVALID_SCHEMA -> new InvalidSchemaException(status, errorCode, message);
      case ErrorCodes.INVALID_VERSION -> new InvalidVersionException(status, errorCode, message);
      case ErrorCodes.INVALID_COMPATIBILITY_LEVEL -> new InvalidCompatibilityLevelException(status, errorCode, message);
      case ErrorCodes.REFERENCE_EXISTS -> new ReferenceExistsException(status, errorCode, message);
      default -> {
        if (status == 409) {
          yield new IncompatibleSchemaException(status, errorCode, message);
        }
        if (status == 401 || status == 403) {
          yield new RegistryAuthenticationException(status, errorCode, message);
        }
        if (status >= 500 || status == 429) {
          yield new RegistryServerException(status, errorCode, message);
        }
        yield new RegistryException(status, errorCode, message);
      }
    };
  }

  /** 40401. */
  public static final class SubjectNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    SubjectNotFoundException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40402. */
  public static final class VersionNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    VersionNotFoundException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40403: no such schema id, or the schema is not registered under the subject. */
  public static final class SchemaNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    SchemaNotFoundException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40408. */
  public static final class SubjectCompatibilityNotConfiguredException extends RegistryException {
    private static final long serialVersionUID = 1L;

    SubjectCompatibilityNotConfiguredException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 409 (error code 40901, or 409 from older registries); the message lists the differences. */
  public static final class IncompatibleSchemaException extends RegistryException {
    private static final long serialVersionUID = 1L;

    IncompatibleSchemaException(int status, int code, String message) {
      super(status, code, message);
    }

    /** The difference types named in the message ({@code errorType:'TYPE'}), in order. */
    public java.util.List<String> errorTypes() {
      java.util.List<String> types = new java.util.ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("errorType:[\"']?([A-Z_]+)")
          .matcher(String.valueOf(getMessage()));
      while (m.find()) {
        types.add(m.group(1));
      }
      return types;
    }
  }

  /** 42201. */
  public static final class InvalidSchemaException extends RegistryException {
    private static final long serialVersionUID = 1L;

    InvalidSchemaException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42202. */
  public static final class InvalidVersionException extends RegistryException {
    private static final long serialVersionUID = 1L;

    InvalidVersionException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42203. */
  public static final class InvalidCompatibilityLevelException extends RegistryException {
    private static final long serialVersionUID = 1L;

    InvalidCompatibilityLevelException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42206: a version other schemas reference cannot be deleted. */
  public static final class ReferenceExistsException extends RegistryException {
    private static final long serialVersionUID = 1L;

    ReferenceExistsException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 401 / 403: not retried; check the credentials. */
  public static final class RegistryAuthenticationException extends RegistryException {
    private static final long serialVersionUID = 1L;

    RegistryAuthenticationException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 5xx or 429 after retries. */
  public static final class RegistryServerException extends RegistryException {
    private static final long serialVersionUID = 1L;

    RegistryServerException(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** No answer: every URL refused, failed or timed out, after retries. */
  public static final class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    RegistryUnavailableException(String message, Throwable cause) {
      super(0, 0, message, cause);
    }
  }
}
