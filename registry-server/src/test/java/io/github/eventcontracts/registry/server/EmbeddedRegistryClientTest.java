package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.RegistryClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract against our registry over real HTTP on loopback. */
class EmbeddedRegistryClientTest extends RegistryClientContract {
  private static EmbeddedRegistry registry;
  private static RegistryClient client;

  @BeforeAll
  static void start() {
    registry = EmbeddedRegistry.start();
    client = RegistryClient.of(registry.url());
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Override
  RegistryClient client() {
    return client;
  }

  @Override
  RegistryClient freshClient() {
    return RegistryClient.of(registry.url());
  }
}
