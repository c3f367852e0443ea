package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's {@code schema-registry.properties}, as Confluent's start script takes it. */
class ConfluentConfigFileTest {
  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path file = dir.resolve("schema-registry.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aMisspeltKeyIsRefusedByName() throws Exception {
    Path file = file("listeners=http://127.0.0.1:0\nssl.client.authenticaton=REQUIRED\n");
    assertThatThrownBy(() -> ConfluentConfigFile.apply(file, RegistryOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema-registry.properties: unknown setting ssl.client.authenticaton");
  }

  @Test
  void confluentsKeysBecomeListenersTlsTheKafkaStoreAndItsSecurity() throws Exception {
    Path file = file("""
        listeners=http://0.0.0.0:8081,https://0.0.0.0:8082
        ssl.keystore.location=tls/registry.p12
        ssl.keystore.password=changeit
        ssl.keystore.type=PKCS12
        ssl.truststore.location=/etc/registry/truststore.p12
        ssl.truststore.password=changeit
        ssl.client.authentication=REQUESTED
        ssl.enabled.protocols=TLSv1.3,TLSv1.2
        kafkastore.bootstrap.servers=SASL_SSL://kafka-1:9093,SASL_SSL://kafka-2:9093
        kafkastore.topic=_schemas_prod
        kafkastore.topic.replication.factor=3
        kafkastore.security.protocol=SASL_SSL
        kafkastore.sasl.mechanism=SCRAM-SHA-512
        kafkastore.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="sr" password="x";
        kafkastore.ssl.truststore.location=kafka-truststore.p12
        schema.registry.group.id=schema-registry-prod
        registry.authfile=auth.json
        """);
    RegistryOptions options = ConfluentConfigFile.apply(file, RegistryOptions.defaults());
    assertThat(options.effectiveListeners()).containsExactly(new RegistryOptions.Listener("http", "0.0.0.0", 8081),
        new RegistryOptions.Listener("https", "0.0.0.0", 8082));
    assertThat(options.tls().keyStore()).isEqualTo(dir.resolve("tls/registry.p12"));
    assertThat(options.tls().trustStore()).isEqualTo(Path.of("/etc/registry/truststore.p12"));
    assertThat(options.tls().clientAuth()).isEqualTo(RegistryOptions.ClientAuth.REQUESTED);
    assertThat(options.tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(options.tls().toString()).doesNotContain("changeit");
    assertThat(options.authFile()).isEqualTo(dir.resolve("auth.json"));
    assertThat(options.kafka().bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
    assertThat(options.kafka().topic()).isEqualTo("_schemas_prod");
    assertThat(options.kafka().replicationFactor()).isEqualTo((short) 3);
    assertThat(options.kafka().group()).isEqualTo("schema-registry-prod");
    assertThat(options.kafka().client()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.location", dir.resolve("kafka-truststore.p12").toString())
        .containsKey("sasl.jaas.config");
    assertThat(options.kafka().toString()).doesNotContain("password");
  }

  @Test
  void anHttpsListenerWithoutAKeystoreIsRefused() throws Exception {
    Path file = file("listeners=https://127.0.0.1:0\n");
    assertThatThrownBy(() -> ConfluentConfigFile.apply(file, RegistryOptions.defaults()))
        .hasMessageContaining("an https:// listener needs ssl.keystore.location");
  }

  @Test
  void aRegistryStartsFromTheFileOverHttpsAndHttp() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    Path keyStore = certificates.keyStore("registry");
    Path file = file("listeners=https://127.0.0.1:0,http://127.0.0.1:0\n"
        + "ssl.keystore.location=" + keyStore + "\nssl.keystore.password=" + TestCertificates.PASSWORD + "\n"
        + "ssl.keystore.type=PKCS12\nschema.compatibility.level=FULL_TRANSITIVE\n");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(ConfluentConfigFile.apply(file, RegistryOptions.defaults()))) {
      assertThat(registry.urls()).hasSize(2);
      assertThat(registry.urls().get(0)).startsWith("https://");
      HttpClient secure = HttpClient.newBuilder().sslContext(certificates.clientContext(null)).build();
      for (Map.Entry<String, HttpClient> at : Map.of(registry.urls().get(0), secure,
          registry.urls().get(1), HttpClient.newHttpClient()).entrySet()) {
        HttpResponse<String> answer = at.getValue().send(HttpRequest.newBuilder(URI.create(at.getKey() + "/subjects"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(at.getKey()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
      }
      HttpResponse<String> level = secure.send(HttpRequest.newBuilder(URI.create(registry.urls().get(0) + "/config"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(level.body()).contains("\"compatibilityLevel\":\"FULL_TRANSITIVE\"");
    }
  }
}
