package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.ErrorCodes;

/** An error answer: HTTP status, Confluent error code and message. */
final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final int errorCode;

  RegistryError(int status, int errorCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(String version) {
    return new RegistryError(404, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound(String what) {
    return new RegistryError(404, ErrorCodes.SCHEMA_NOT_FOUND, what == null ? "Schema not found" : "Schema " + what + " not found");
  }

  static RegistryError invalidSchema(String message) {
    return new RegistryError(422, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + message);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(422, ErrorCodes.INVALID_VERSION, "The specified version '" + version
        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidLevel(String level) {
    return new RegistryError(422, ErrorCodes.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level. Valid values are "
        + "none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive; got '" + level + "'");
  }

  static RegistryError badRequest(String message) {
    return new RegistryError(400, ErrorCodes.BAD_REQUEST, message);
  }

  /** No such path, as Confluent answers it. */
  static RegistryError notFound(String detail) {
    return new RegistryError(404, ErrorCodes.NOT_FOUND, "HTTP 404 Not Found" + (detail == null ? "" : ": " + detail));
  }
}
