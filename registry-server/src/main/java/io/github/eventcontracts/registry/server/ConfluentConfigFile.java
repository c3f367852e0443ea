package io.github.eventcontracts.registry.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Confluent Schema Registry's {@code schema-registry.properties}, as its start script takes it, for
 * what this registry does: listeners (HTTP and HTTPS), the server's TLS, the Kafka store and its
 * security, plus Karapace's {@code registry.authfile}. A key it does not know is refused by name:
 * a misspelt {@code ssl.client.authentication} must not leave a registry open.
 */
final class ConfluentConfigFile {
  /** Keys passed to every Kafka client of the store, without {@code kafkastore.}. */
  private static final Set<String> KAFKA_CLIENT = Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
      "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.keystore.location",
      "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password", "ssl.endpoint.identification.algorithm",
      "ssl.enabled.protocols", "ssl.protocol");
  private static final Set<String> KEYS = new TreeSet<>(List.of("listeners", "ssl.keystore.location",
      "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password", "ssl.truststore.location",
      "ssl.truststore.password", "ssl.truststore.type", "ssl.client.authentication", "ssl.client.auth",
      "ssl.enabled.protocols", "kafkastore.bootstrap.servers", "kafkastore.topic",
      "kafkastore.topic.replication.factor", "schema.registry.group.id", "registry.authfile", "schema.compatibility.level"));

  static {
    KAFKA_CLIENT.forEach(k -> KEYS.add("kafkastore." + k));
  }

  private ConfluentConfigFile() {}

  /** {@code base} with what the file sets; every problem an {@link IllegalArgumentException} naming the file. */
  static RegistryOptions apply(Path file, RegistryOptions base) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    List<String> unknown = new ArrayList<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (!KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(file + ": unknown setting" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; this registry takes " + String.join(", ", KEYS));
    }
    Path folder = file.toAbsolutePath().getParent();
    RegistryOptions out = base;
    try {
      String listeners = value(p, "listeners");
      if (listeners != null) {
        List<RegistryOptions.Listener> parsed = new ArrayList<>();
        for (String url : listeners.split(",")) {
          if (!url.isBlank()) {
            parsed.add(RegistryOptions.Listener.parse(url));
          }
        }
        out = out.withListeners(parsed);
      }
      if (value(p, "ssl.keystore.location") != null || value(p, "ssl.truststore.location") != null) {
        out = out.withTls(new RegistryOptions.Tls(path(folder, value(p, "ssl.keystore.location")),
            value(p, "ssl.keystore.type"), value(p, "ssl.keystore.password"), value(p, "ssl.key.password"),
            path(folder, value(p, "ssl.truststore.location")), value(p, "ssl.truststore.type"),
            value(p, "ssl.truststore.password"), clientAuth(p), protocols(value(p, "ssl.enabled.protocols"))));
      } else if (value(p, "ssl.client.authentication") != null) {
        throw new IllegalArgumentException("ssl.client.authentication needs ssl.truststore.location (the CA of the "
            + "client certificates) and ssl.keystore.location");
      }
      if (out.effectiveListeners().stream().anyMatch(RegistryOptions.Listener::https)
          && (out.tls() == null || out.tls().keyStore() == null)) {
        throw new IllegalArgumentException("an https:// listener needs ssl.keystore.location and ssl.keystore.password");
      }
      String level = value(p, "schema.compatibility.level");
      if (level != null) {
        out = out.withDefaultLevel(io.github.eventcontracts.core.compat.CompatibilityLevel.parse(level));
      }
      String authFile = value(p, "registry.authfile");
      if (authFile != null) {
        out = out.withAuthFile(path(folder, authFile));
      }
      String servers = value(p, "kafkastore.bootstrap.servers");
      if (servers != null) {
        short replication = value(p, "kafkastore.topic.replication.factor") == null ? (short) 1
            : Short.parseShort(value(p, "kafkastore.topic.replication.factor"));
        Map<String, String> client = new LinkedHashMap<>();
        for (String key : KAFKA_CLIENT) {
          String v = value(p, "kafkastore." + key);
          if (v != null) {
            client.put(key, key.endsWith(".location") ? path(folder, v).toString() : v);
          }
        }
        String topic = value(p, "kafkastore.topic") != null ? value(p, "kafkastore.topic") : "_schemas";
        out = out.withKafka(new KafkaStore.Options(bootstrapServers(servers), topic, replication,
            Math.min(replication, 2), client, value(p, "schema.registry.group.id")));
      } else if (p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("kafkastore."))) {
        throw new IllegalArgumentException("the kafkastore.* settings need kafkastore.bootstrap.servers");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** A path as the file says it, relative ones from the file's folder. */
  private static Path path(Path folder, String value) {
    if (value == null) {
      return null;
    }
    Path given = Path.of(value);
    return given.isAbsolute() ? given : folder.resolve(given);
  }

  /** {@code ssl.client.authentication}, or the older boolean {@code ssl.client.auth}. */
  private static RegistryOptions.ClientAuth clientAuth(Properties p) {
    String mode = value(p, "ssl.client.authentication");
    if (mode != null) {
      try {
        return RegistryOptions.ClientAuth.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ssl.client.authentication is NONE, REQUESTED or REQUIRED, not '" + mode + "'");
      }
    }
    return "true".equalsIgnoreCase(value(p, "ssl.client.auth")) ? RegistryOptions.ClientAuth.REQUIRED
        : RegistryOptions.ClientAuth.NONE;
  }

  private static List<String> protocols(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String protocol : value.split(",")) {
        if (!protocol.isBlank()) {
          out.add(protocol.trim());
        }
      }
    }
    return out;
  }

  /** Confluent accepts {@code SASL_SSL://host:9093}; Kafka's clients want {@code host:9093}. */
  private static String bootstrapServers(String value) {
    List<String> out = new ArrayList<>();
    for (String server : value.split(",")) {
      String s = server.trim();
      int scheme = s.indexOf("://");
      out.add(scheme >= 0 ? s.substring(scheme + 3) : s);
    }
    return String.join(",", out);
  }
}
