package io.github.eventcontracts.serde;

import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Serializer settings under Confluent's keys, so existing Kafka configurations carry over. They are
 * declared in a Kafka {@link ConfigDef} ({@link #DEFINITION}): values are type-checked with Kafka's
 * own error messages, passwords stay hidden in logs, and because only declared keys are read, Kafka's
 * "supplied but are not used" warning names a misspelt key. A ready {@link RegistryClient} can be
 * passed as {@code schema.registry.client} (tests, shared clients).
 */
record SerdeConfig(RegistryClient client, boolean autoRegister, boolean useLatestVersion, boolean specificReader,
    SubjectNamingStrategy strategy, boolean removeJavaProperties, boolean normalize, int maxZeroByteItems,
    Map<String, String> latestWithMetadata) {

  static final String CLIENT = "schema.registry.client";
  static final String URL = "schema.registry.url";
  static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
  static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  static final String BEARER_TOKEN = "bearer.auth.token";
  static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  static final String AUTO_REGISTER = "auto.register.schemas";
  static final String USE_LATEST_VERSION = "use.latest.version";
  static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  static final String KEY_STRATEGY = "key.subject.name.strategy";
  static final String VALUE_STRATEGY = "value.subject.name.strategy";
  static final String REMOVE_JAVA_PROPERTIES = "avro.remove.java.properties";
  static final String NORMALIZE = "normalize.schemas";
  static final String MAX_ZERO_BYTE_ITEMS = "avro.max.zero.byte.items";
  static final String MISSING_ID_TTL = "missing.id.cache.ttl.sec";
  static final String LATEST_WITH_METADATA = "use.latest.with.metadata";

  /** Default of {@code missing.id.cache.ttl.sec}. */
  static final int DEFAULT_MISSING_ID_TTL_SECONDS = 10;

  /** Every key the serializers and deserializers read, with its type, default and meaning. */
  static final ConfigDef DEFINITION = new ConfigDef()
      .define(URL, Type.LIST, List.of(), Importance.HIGH,
          "Comma-separated registry URLs; required unless a RegistryClient is given as " + CLIENT + ".")
      .define(BASIC_AUTH_SOURCE, Type.STRING, "URL", ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"),
          Importance.MEDIUM, "Where basic-auth credentials come from: URL (user:password@ in the URL) or USER_INFO.")
      .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
          "user:password for basic auth when " + BASIC_AUTH_SOURCE + " is USER_INFO.")
      .define(BEARER_TOKEN, Type.PASSWORD, null, Importance.MEDIUM, "A bearer token sent on every request.")
      .define(TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Trust store for a TLS registry.")
      .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Password of the trust store.")
      .define(KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Key store for mutual TLS.")
      .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Password of the key store.")
      .define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
          "Register the schema of a value being serialized; false looks it up and fails when it is missing.")
      .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.LOW,
          "Serialize with the subject's latest registered schema instead of the value's own.")
      .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW,
          "Deserialize Avro into the generated classes instead of GenericRecord.")
      .define(KEY_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.MEDIUM,
          "How key subjects are named: TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy"
              + " (Confluent's class names are accepted).")
      .define(VALUE_STRATEGY, Type.STRING, "TopicNameStrategy", Importance.MEDIUM,
          "How value subjects are named, as " + KEY_STRATEGY + ".")
      .define(REMOVE_JAVA_PROPERTIES, Type.BOOLEAN, false, Importance.LOW,
          "Drop the avro.java.string property before registering, as Confluent's serializer does.")
      .define(NORMALIZE, Type.BOOLEAN, false, Importance.LOW,
          "Register and look up with the registry's normalize=true.")
      .define(MAX_ZERO_BYTE_ITEMS, Type.INT, BoundedDecoder.DEFAULT_MAX_ZERO_BYTE_ITEMS, ConfigDef.Range.atLeast(0),
          Importance.LOW, "Array and map items a frame may hold that take no bytes (such as nulls); guards memory.")
      .define(MISSING_ID_TTL, Type.INT, DEFAULT_MISSING_ID_TTL_SECONDS, ConfigDef.Range.atLeast(0), Importance.LOW,
          "Seconds an id the registry does not know is not asked about again.")
      .define(LATEST_WITH_METADATA, Type.STRING, "", Importance.LOW,
          "Read (and migrate to) the subject's latest version with these metadata properties, e.g. "
              + "major_version=2 (comma-separated key=value pairs, as Confluent's serdes take them).");

  static SerdeConfig of(Map<String, ?> configs, boolean isKey) {
    AbstractConfig parsed = new AbstractConfig(DEFINITION, configs, false);
    // AbstractConfig reads a copy; reading each declared key from the producer's recording map marks
    // it used, so Kafka's "supplied but not used" warning names only keys nobody knows (a typo).
    DEFINITION.names().forEach(configs::get);
    configs.get(CLIENT);
    RegistryClient client = configs.get(CLIENT) instanceof RegistryClient given ? given : client(parsed);
    String strategyKey = isKey ? KEY_STRATEGY : VALUE_STRATEGY;
    return new SerdeConfig(client,
        parsed.getBoolean(AUTO_REGISTER),
        parsed.getBoolean(USE_LATEST_VERSION),
        parsed.getBoolean(SPECIFIC_AVRO_READER),
        strategy(parsed.getString(strategyKey), strategyKey),
        parsed.getBoolean(REMOVE_JAVA_PROPERTIES),
        parsed.getBoolean(NORMALIZE),
        parsed.getInt(MAX_ZERO_BYTE_ITEMS),
        properties(parsed.getString(LATEST_WITH_METADATA), LATEST_WITH_METADATA));
  }

  /** Registers (auto-register) or looks up the schema under the subject, normalized when configured. */
  int idOf(String subject, RegistrySchema schema) {
    return autoRegister ? client.register(subject, schema, normalize) : client.lookup(subject, schema, normalize).id();
  }

  /** {@code key=value,key2=value2}, in order. */
  private static Map<String, String> properties(String spec, String key) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(key, spec, "expected comma-separated key=value pairs, e.g. major_version=2");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return Map.copyOf(out);
  }

  /** The build's own naming rules (schema-core), so a subject is named the same at build and at run time. */
  private static SubjectNamingStrategy strategy(String text, String key) {
    try {
      return SubjectNamingStrategy.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, text, e.getMessage());
    }
  }

  private static RegistryClient client(AbstractConfig config) {
    List<String> urls = config.getList(URL);
    if (urls.isEmpty()) {
      throw new ConfigException(URL + " is required (or pass a RegistryClient as " + CLIENT + ")");
    }
    RegistryClientConfig.Builder builder = RegistryClientConfig.builder(urls.toArray(String[]::new));
    String source = config.getString(BASIC_AUTH_SOURCE).toUpperCase(Locale.ROOT);
    Password userInfo = config.getPassword(BASIC_AUTH_USER_INFO);
    if (source.equals("USER_INFO") && userInfo != null && !userInfo.value().isBlank()) {
      builder.basicAuth(userInfo.value());
    }
    Password token = config.getPassword(BEARER_TOKEN);
    if (token != null && !token.value().isBlank()) {
      builder.bearerToken(token.value());
    }
    String trustStore = config.getString(TRUSTSTORE_LOCATION);
    String keyStore = config.getString(KEYSTORE_LOCATION);
    if (trustStore != null || keyStore != null) {
      builder.tls(trustStore == null ? null : Path.of(trustStore), chars(config.getPassword(TRUSTSTORE_PASSWORD)),
          keyStore == null ? null : Path.of(keyStore), chars(config.getPassword(KEYSTORE_PASSWORD)));
    }
    // an unknown id in a frame is asked about once per this many seconds, not once per frame
    builder.missingIdCacheTtl(Duration.ofSeconds(config.getInt(MISSING_ID_TTL)));
    return new RegistryClient(builder.build());
  }

  private static char[] chars(Password password) {
    return password == null ? null : password.value().toCharArray();
  }
}
