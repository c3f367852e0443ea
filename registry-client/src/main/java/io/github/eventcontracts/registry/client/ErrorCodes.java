package io.github.eventcontracts.registry.client;

/** Confluent Schema Registry's {@code error_code} values. */
public final class ErrorCodes {
  public static final int UNAUTHORIZED = 401;
  /** Confluent's (RBAC): the caller is known but may not do this to this subject or the configuration. */
  public static final int FORBIDDEN = 40301;
  /** A request body that is not the JSON the endpoint takes. */
  public static final int BAD_REQUEST = 400;
  /** An unknown path: Confluent's answer is {@code {"error_code":404,"message":"HTTP 404 Not Found"}}. */
  public static final int NOT_FOUND = 404;
  /** A known path with another method (Confluent's Jersey answers 405 with this code). */
  public static final int METHOD_NOT_ALLOWED = 405;
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_SOFT_DELETED = 40404;
  public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
  public static final int VERSION_SOFT_DELETED = 40406;
  public static final int VERSION_NOT_SOFT_DELETED = 40407;
  public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int INCOMPATIBLE_SCHEMA = 40901;
  public static final int PAYLOAD_TOO_LARGE = 413;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int REFERENCE_EXISTS = 42206;
  public static final int INVALID_SUBJECT = 42208;
  /** Confluent's: a rule set the registry refuses (a rule without name or type, a duplicate name, ...). */
  public static final int INVALID_RULESET = 42210;
  public static final int STORE_ERROR = 50001;
  /** Confluent's: the store did not answer in time. */
  public static final int OPERATION_TIMEOUT = 50002;
  /** Confluent's: a follower could not forward a write to the leader. */
  public static final int REQUEST_FORWARDING_FAILED = 50003;
  /** Confluent's: no leader is known, so no write can be taken. */
  public static final int UNKNOWN_LEADER = 50004;
  /** Confluent's: not a mode (READWRITE, READONLY, IMPORT). */
  public static final int INVALID_MODE = 42204;
  /** Confluent's: the subject or registry is in READONLY mode. */
  public static final int OPERATION_NOT_PERMITTED = 42205;

  private ErrorCodes() {}
}
