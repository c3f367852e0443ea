package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry a goal talks to.
 *
 * @param urls one or more URLs (they fail over); empty when none is configured
 * @param normalize Confluent's {@code normalize=true} on register, lookup and check
 * @param config how to connect (timeouts, credentials, TLS), built only when a goal connects: an
 *     offline check must not fail on credentials it never uses
 */
public record RegistryTarget(List<String> urls, boolean normalize, Supplier<RegistryClientConfig> config) {
  public RegistryTarget {
    urls = List.copyOf(urls);
  }

  public boolean configured() {
    return !urls.isEmpty();
  }

  /** How reports name it. */
  public String display() {
    return String.join(",", urls);
  }

  /** A client for it; fails clearly when no URL is set. */
  RegistryClient client() {
    if (urls.isEmpty()) {
      throw new GoalFailure("No registry: set -Dschema.registryUrl=<url> or <registryUrls> in the plugin configuration");
    }
    return new RegistryClient(config.get());
  }
}
