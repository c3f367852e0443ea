package io.github.eventcontracts.sample.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sample's registry client settings, from a properties file under the names Confluent's serdes
 * use, so the same file serves a Confluent client and ours. Only registry-client keys are taken: a
 * misspelt one is refused by name rather than silently leaving TLS or credentials off.
 */
public final class RegistryClientSettings {
  static final Set<String> KEYS = new TreeSet<>(Set.of("schema.registry.ssl.truststore.location",
      "schema.registry.ssl.truststore.password", "schema.registry.ssl.keystore.location",
      "schema.registry.ssl.keystore.password", "basic.auth.credentials.source", "basic.auth.user.info",
      "bearer.auth.token"));

  private RegistryClientSettings() {}

  /** The file's settings; none when {@code file} is null. */
  public static Map<String, Object> read(Path file) {
    if (file == null) {
      return Map.of();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("--registry-config " + file + ": cannot read: " + e.getMessage(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("--registry-config " + file + ": unknown setting " + key + "; use " + KEYS);
      }
      out.put(key, p.getProperty(key).trim());
    }
    return out;
  }
}
