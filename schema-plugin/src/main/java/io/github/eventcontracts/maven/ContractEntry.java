package io.github.eventcontracts.maven;

/**
 * One {@code <contract>} entry of the plugin configuration: settings for the file at {@code file}
 * (relative to the schemas folder). Every other field is optional. Named apart from the core model's
 * {@code Contract}, which is a parsed schema; this is only configuration.
 *
 * <pre>{@code
 * <contracts>
 *   <contract>
 *     <file>avro/order-created.avsc</file>
 *     <topic>orders</topic>
 *     <compatibility>FULL</compatibility>
 *     <ruleSet>rules/orders.json</ruleSet>
 *   </contract>
 * </contracts>
 * }</pre>
 */
public class ContractEntry {
  /** Path relative to the schemas folder. */
  String file;
  /** Kafka topic (default: the file name without extension). */
  String topic;
  /** True when the schema is for record keys (subject {@code <topic>-key}). */
  Boolean key;
  /** Explicit subject name, overriding the naming strategy. */
  String subject;
  /** The subject's compatibility level. */
  String compatibility;
  /** For a proto file with several messages: the one the subject is for (default: the first). */
  String message;
  /** The contract's rule set, Confluent's RuleSet JSON, relative to the schemas folder (default: the {@code .ruleset.json} beside it). */
  String ruleSet;
  /** The contract's metadata, Confluent's Metadata JSON, relative to the schemas folder (default: the {@code .metadata.json} beside it). */
  String metadata;
}
