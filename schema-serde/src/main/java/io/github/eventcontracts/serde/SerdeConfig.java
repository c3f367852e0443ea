package io.github.eventcontracts.serde;

import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serializer settings under Confluent's keys, so existing Kafka configurations carry over:
 * {@code schema.registry.url}, {@code basic.auth.credentials.source} + {@code basic.auth.user.info},
 * {@code bearer.auth.token}, {@code schema.registry.ssl.truststore.location/password},
 * {@code schema.registry.ssl.keystore.location/password}, {@code auto.register.schemas},
 * {@code use.latest.version}, {@code specific.avro.reader}, {@code key.subject.name.strategy},
 * {@code value.subject.name.strategy}, {@code avro.remove.java.properties}, {@code normalize.schemas}
 * (registrations and lookups with Confluent's {@code normalize=true}), {@code avro.max.zero.byte.items}
 * (array and map items a frame may hold that take no bytes, such as nulls), {@code missing.id.cache.ttl.sec}
 * (how long an id the registry does not know is not asked about again; 10). A ready
 * {@link RegistryClient} can be passed as {@code schema.registry.client} (tests, shared clients).
 */
record SerdeConfig(RegistryClient client, boolean autoRegister, boolean useLatestVersion, boolean specificReader,
    SubjectNamingStrategy strategy, boolean removeJavaProperties, boolean normalize, int maxZeroByteItems) {

  static final String CLIENT = "schema.registry.client";

  static SerdeConfig of(Map<String, ?> configs, boolean isKey) {
    RegistryClient client = configs.get(CLIENT) instanceof RegistryClient given ? given : client(configs);
    String strategyKey = isKey ? "key.subject.name.strategy" : "value.subject.name.strategy";
    return new SerdeConfig(client,
        bool(configs, "auto.register.schemas", true),
        bool(configs, "use.latest.version", false),
        bool(configs, "specific.avro.reader", false),
        strategy(string(configs, strategyKey, "TopicNameStrategy"), strategyKey),
        bool(configs, "avro.remove.java.properties", false),
        bool(configs, "normalize.schemas", false),
        positiveInt(configs, "avro.max.zero.byte.items", BoundedDecoder.DEFAULT_MAX_ZERO_BYTE_ITEMS));
  }

  /** Registers (auto-register) or looks up the schema under the subject, normalized when configured. */
  int idOf(String subject, RegistrySchema schema) {
    return autoRegister ? client.register(subject, schema, normalize) : client.lookup(subject, schema, normalize).id();
  }

  /** The build's own naming rules (schema-core), so a subject is named the same at build and at run time. */
  private static SubjectNamingStrategy strategy(String text, String key) {
    try {
      return SubjectNamingStrategy.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, text, e.getMessage());
    }
  }

  private static RegistryClient client(Map<String, ?> configs) {
    String urls = string(configs, "schema.registry.url", null);
    if (urls == null || urls.isBlank()) {
      throw new ConfigException("schema.registry.url is required (or pass a RegistryClient as " + CLIENT + ")");
    }
    RegistryClientConfig.Builder builder = RegistryClientConfig.builder(urls.split(","));
    String source = string(configs, "basic.auth.credentials.source", "URL").toUpperCase(Locale.ROOT);
    String userInfo = string(configs, "basic.auth.user.info", null);
    if (source.equals("USER_INFO") && userInfo != null && !userInfo.isBlank()) {
      builder.basicAuth(userInfo);
    }
    String token = string(configs, "bearer.auth.token", null);
    if (token != null && !token.isBlank()) {
      builder.bearerToken(token);
    }
    String trustStore = string(configs, "schema.registry.ssl.truststore.location", null);
    String keyStore = string(configs, "schema.registry.ssl.keystore.location", null);
    if (trustStore != null || keyStore != null) {
      builder.tls(trustStore == null ? null : Path.of(trustStore), chars(configs, "schema.registry.ssl.truststore.password"),
          keyStore == null ? null : Path.of(keyStore), chars(configs, "schema.registry.ssl.keystore.password"));
    }
    // an unknown id in a frame is asked about once per this many seconds, not once per frame
    builder.missingIdCacheTtl(java.time.Duration.ofSeconds(positiveInt(configs, "missing.id.cache.ttl.sec",
        DEFAULT_MISSING_ID_TTL_SECONDS)));
    return new RegistryClient(builder.build());
  }

  /** Default of {@code missing.id.cache.ttl.sec}. */
  static final int DEFAULT_MISSING_ID_TTL_SECONDS = 10;

  private static char[] chars(Map<String, ?> configs, String key) {
    String value = string(configs, key, null);
    return value == null ? null : value.toCharArray();
  }

  private static String string(Map<String, ?> configs, String key, String fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof java.util.List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return String.valueOf(value);
  }

  private static int positiveInt(Map<String, ?> configs, String key, int fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number of 0 or more");
    }
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value).trim());
  }
}
