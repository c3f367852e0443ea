package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.UserInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * Settings for one contract, from the plugin configuration (matched by {@code file}, a path
 * relative to the schemas folder) or from a small properties file next to the schema
 * ({@code order-created.avsc.properties}). Every field is optional.
 *
 * @param file the contract's path relative to the schemas folder (for configuration entries)
 * @param topic the Kafka topic; default: the file name without extension
 * @param key whether the schema is for record keys; default false (values)
 * @param subject an explicit subject name, overriding the strategy
 * @param compatibility the subject's compatibility level
 * @param message for a proto file with several messages, the one this subject is for (simple or
 *     full name); default: the first message, as Confluent does
 * @param ruleSet the contract's rule set (Confluent's {@code RuleSet} JSON), a path relative to the
 *     schemas folder; default: the {@code <name>.ruleset.json} beside the contract
 * @param metadata the contract's metadata (Confluent's {@code Metadata} JSON), likewise; default:
 *     {@code <name>.metadata.json} beside it
 */
public record ContractSettings(String file, String topic, Boolean key, String subject, CompatibilityLevel compatibility,
    String message, String ruleSet, String metadata) {
  public static final String SIDECAR_SUFFIX = ".properties";
  private static final Set<String> KEYS = Set.of("topic", "key", "subject", "compatibility", "message", "ruleSet",
      "metadata");

  public static final ContractSettings NONE = new ContractSettings(null, null, null, null, null, null, null, null);

  /** The settings that name the subject and its level, without a data contract elsewhere. */
  public ContractSettings(String file, String topic, Boolean key, String subject, CompatibilityLevel compatibility,
      String message) {
    this(file, topic, key, subject, compatibility, message, null, null);
  }

  /** Fields of {@code override} win over this one's. */
  public ContractSettings overriddenBy(ContractSettings override) {
    return new ContractSettings(file,
        override.topic != null ? override.topic : topic,
        override.key != null ? override.key : key,
        override.subject != null ? override.subject : subject,
        override.compatibility != null ? override.compatibility : compatibility,
        override.message != null ? override.message : message,
        override.ruleSet != null ? override.ruleSet : ruleSet,
        override.metadata != null ? override.metadata : metadata);
  }

  /** Reads {@code <schema>.properties} if it exists; unknown keys are an error naming the file. */
  public static ContractSettings sidecar(Path schemaFile, String display) {
    Path file = schemaFile.resolveSibling(schemaFile.getFileName() + SIDECAR_SUFFIX);
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UserInputException(display + SIDECAR_SUFFIX + ": cannot read: " + e.getMessage(), e);
    }
    for (String name : p.stringPropertyNames()) {
      if (!KEYS.contains(name)) {
        throw new UserInputException(display + SIDECAR_SUFFIX + ": unknown setting '" + name + "'; use " + KEYS);
      }
    }
    try {
      return new ContractSettings(null, p.getProperty("topic"),
          p.getProperty("key") == null ? null : Boolean.parseBoolean(p.getProperty("key").trim()),
          p.getProperty("subject"),
          p.getProperty("compatibility") == null ? null : CompatibilityLevel.parse(p.getProperty("compatibility")),
          p.getProperty("message"), p.getProperty("ruleSet"), p.getProperty("metadata"));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(display + SIDECAR_SUFFIX + ": " + e.getMessage(), e);
    }
  }
}
