package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RuleSet;

/**
 * A subject's (or the registry's) configuration, as Confluent's {@code Config}: the compatibility
 * level, and for data contracts the metadata property that splits versions into compatibility
 * groups (e.g. {@code major_version}) and the metadata and rule sets merged into every version
 * registered: {@code default*} under what the version brings, {@code override*} over it. Any field
 * may be null (not set here).
 */
record SubjectConfig(CompatibilityLevel level, String compatibilityGroup, Metadata defaultMetadata,
    Metadata overrideMetadata, RuleSet defaultRuleSet, RuleSet overrideRuleSet) {
  static final SubjectConfig NONE = new SubjectConfig(null, null, null, null, null, null);

  static SubjectConfig ofLevel(CompatibilityLevel level) {
    return new SubjectConfig(level, null, null, null, null, null);
  }

  /** Confluent's {@code mergeConfigs}: this subject's fields, else {@code outer}'s. */
  SubjectConfig over(SubjectConfig outer) {
    return new SubjectConfig(level != null ? level : outer.level,
        compatibilityGroup != null ? compatibilityGroup : outer.compatibilityGroup,
        defaultMetadata != null ? defaultMetadata : outer.defaultMetadata,
        overrideMetadata != null ? overrideMetadata : outer.overrideMetadata,
        defaultRuleSet != null ? defaultRuleSet : outer.defaultRuleSet,
        overrideRuleSet != null ? overrideRuleSet : outer.overrideRuleSet);
  }

  /**
   * A {@code PUT /config} body applied to this configuration, as Confluent's
   * {@code ConfigValue.update}: a field the body leaves out keeps its value, one it sets to null
   * is cleared.
   */
  SubjectConfig updatedBy(JsonNode body, CompatibilityLevel newLevel) {
    return new SubjectConfig(newLevel != null ? newLevel : level,
        body.has("compatibilityGroup") ? body.get("compatibilityGroup").asText(null) : compatibilityGroup,
        body.has("defaultMetadata") ? RegistryJson.readMetadata(body.get("defaultMetadata")) : defaultMetadata,
        body.has("overrideMetadata") ? RegistryJson.readMetadata(body.get("overrideMetadata")) : overrideMetadata,
        body.has("defaultRuleSet") ? RegistryJson.readRuleSet(body.get("defaultRuleSet")) : defaultRuleSet,
        body.has("overrideRuleSet") ? RegistryJson.readRuleSet(body.get("overrideRuleSet")) : overrideRuleSet);
  }

  boolean isEmpty() {
    return equals(NONE);
  }

  /** The data-contract fields as Confluent writes them, after {@code levelField} when there is a level. */
  ObjectNode toJson(String levelField) {
    ObjectNode out = RegistryJson.MAPPER.createObjectNode();
    if (level != null) {
      out.put(levelField, level.name());
    }
    if (compatibilityGroup != null) {
      out.put("compatibilityGroup", compatibilityGroup);
    }
    if (defaultMetadata != null) {
      out.set("defaultMetadata", RegistryJson.MAPPER.valueToTree(defaultMetadata));
    }
    if (overrideMetadata != null) {
      out.set("overrideMetadata", RegistryJson.MAPPER.valueToTree(overrideMetadata));
    }
    if (defaultRuleSet != null) {
      out.set("defaultRuleSet", RegistryJson.MAPPER.valueToTree(defaultRuleSet));
    }
    if (overrideRuleSet != null) {
      out.set("overrideRuleSet", RegistryJson.MAPPER.valueToTree(overrideRuleSet));
    }
    return out;
  }

  /** Reads what {@link #toJson} wrote, the level from {@code levelField}. */
  static SubjectConfig fromJson(JsonNode node, String levelField) {
    String level = node.hasNonNull(levelField) ? node.get(levelField).asText() : null;
    return new SubjectConfig(level == null ? null : CompatibilityLevel.parse(level),
        node.hasNonNull("compatibilityGroup") ? node.get("compatibilityGroup").asText() : null,
        RegistryJson.readMetadata(node.get("defaultMetadata")), RegistryJson.readMetadata(node.get("overrideMetadata")),
        RegistryJson.readRuleSet(node.get("defaultRuleSet")), RegistryJson.readRuleSet(node.get("overrideRuleSet")));
  }
}
