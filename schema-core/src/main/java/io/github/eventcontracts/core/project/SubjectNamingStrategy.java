package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.UserInputException;
import java.util.Locale;

/**
 * Confluent's subject name strategies: how a contract's subject is named from its topic, whether
 * it is the key or the value, and its record (Avro) or first message (Protobuf) full name.
 */
public enum SubjectNamingStrategy {
  /** {@code <topic>-value} / {@code <topic>-key}: one schema per topic (Confluent's default). */
  TOPIC_NAME("TopicNameStrategy"),
  /** {@code <record full name>}: the same type in any topic shares a subject. */
  RECORD_NAME("RecordNameStrategy"),
  /** {@code <topic>-<record full name>}: several types per topic. */
  TOPIC_RECORD_NAME("TopicRecordNameStrategy");

  private final String confluentName;

  SubjectNamingStrategy(String confluentName) {
    this.confluentName = confluentName;
  }

  public String confluentName() {
    return confluentName;
  }

  public String subject(String topic, boolean key, String recordName) {
    return switch (this) {
      case TOPIC_NAME -> topic + (key ? "-key" : "-value");
      case RECORD_NAME -> requireRecord(recordName);
      case TOPIC_RECORD_NAME -> topic + "-" + requireRecord(recordName);
    };
  }

  public boolean needsRecordName() {
    return this != TOPIC_NAME;
  }

  private String requireRecord(String recordName) {
    if (recordName == null) {
      throw new UserInputException(confluentName + " needs a named record or message at the top of the file");
    }
    return recordName;
  }

  /** Accepts {@code TopicNameStrategy}, Confluent's class names, {@code topic}, {@code TOPIC_NAME}, ... */
  public static SubjectNamingStrategy parse(String text) {
    String simple = text.trim();
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    String key = simple.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace("strategy", "")
        .replace("name", "");
    return switch (key) {
      case "topic" -> TOPIC_NAME;
      case "record" -> RECORD_NAME;
      case "topicrecord" -> TOPIC_RECORD_NAME;
      default -> throw new UserInputException("unknown subject naming strategy '" + text
          + "': use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
