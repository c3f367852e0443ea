package io.github.eventcontracts.serde;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * Confluent's subject name strategies, as the serializers need them. (schema-core has the same
 * rules for the build; a serde jar should not pull the build's dependencies into services.)
 */
enum SubjectNames {
  TOPIC, RECORD, TOPIC_RECORD;

  String subject(String topic, boolean isKey, String recordName) {
    return switch (this) {
      case TOPIC -> topic + (isKey ? "-key" : "-value");
      case RECORD -> recordName;
      case TOPIC_RECORD -> topic + "-" + recordName;
    };
  }

  /** Accepts Confluent's class names ({@code io.confluent...TopicNameStrategy}) and simple names. */
  static SubjectNames parse(String text) {
    String simple = text.substring(text.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
        .replace("strategy", "").replace("name", "").replace("_", "");
    return switch (simple) {
      case "topic" -> TOPIC;
      case "record" -> RECORD;
      case "topicrecord" -> TOPIC_RECORD;
      default -> throw new ConfigException("unknown subject name strategy '" + text + "'");
    };
  }
}
