package io.github.eventcontracts.sample.support;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** The two options every sample takes (a picocli mixin); blank means "start an embedded one". */
public final class EndpointOptions {
  @Option(names = "--bootstrap-servers", description = "Kafka to use; default: an embedded single-node Kafka")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Confluent-compatible schema registry; default: the embedded one")
  String registryUrl;

  @Option(names = "--registry-config", description = "a properties file of Confluent's registry client settings for an "
      + "HTTPS or secured registry: schema.registry.ssl.truststore.location/.password, "
      + "schema.registry.ssl.keystore.location/.password, basic.auth.credentials.source, basic.auth.user.info")
  java.nio.file.Path registryConfig;

  /** For messages: the Kafka given, or "the embedded Kafka". */
  public String bootstrapServersOrEmbedded() {
    return bootstrapServers == null || bootstrapServers.isBlank() ? "the embedded Kafka" : bootstrapServers;
  }

  /** The endpoints given, embedded ones started for the rest. */
  public Endpoints resolve(PrintStream log) {
    return Endpoints.resolve(bootstrapServers, registryUrl, log).withRegistryClient(RegistryClientSettings.read(registryConfig));
  }
}
