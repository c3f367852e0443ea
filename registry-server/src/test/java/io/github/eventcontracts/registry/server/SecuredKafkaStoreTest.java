package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka store on a cluster that requires SASL over TLS, as managed clusters do: SCRAM and
 * PLAIN logins, the history replayed by a new instance, a refused login a clear refusal to start,
 * and the authfile's permissions held on a follower before it forwards a write to the leader.
 */
class SecuredKafkaStoreTest {
  private static final String AVRO = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"E\\\",\\\"fields\\\":[]}\"}";

  @TempDir Path dir;

  @Test
  void aStoreOnSaslSslWithPermissionsOnForwardedWrites() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    EmbeddedKafka.SaslSsl secured = new EmbeddedKafka.SaslSsl(certificates.keyStore("kafka"),
        certificates.trustStore(), TestCertificates.PASSWORD, Map.of("sr-plain", "plain-secret"),
        Map.of("sr", "scram-secret"));
    Path authFile = dir.resolve("auth.json");
    Files.writeString(authFile, RegistrySecurityTest.authFile(
        List.of(new String[] {"admin", "sha256"}, new String[] {"alice", "sha512"}),
        List.of(new String[] {"admin", "Write", ".*"}, new String[] {"alice", "Write", "Subject:orders-.*"})));
    try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(secured)) {
      RegistryOptions scram = RegistryOptions.defaults().withAuthFile(authFile).withKafka(new KafkaStore.Options(
          kafka.securedBootstrapServers(), "_schemas", (short) 1, 1,
          secured.clientSettings("SCRAM-SHA-512", "sr", "scram-secret"), null));
      HttpClient http = HttpClient.newHttpClient();
      try (EmbeddedRegistry first = EmbeddedRegistry.start(scram); EmbeddedRegistry second = EmbeddedRegistry.start(scram)) {
        // the admin's write waits for a leader, through whichever instance
        assertThat(RegistrySecurityTest.send(http, "POST", first.url() + "/subjects/payments-value/versions", "admin",
            "nimda", AVRO).status()).isEqualTo(200);
        EmbeddedRegistry follower = RegistrySecurityTest.send(http, "GET", first.url() + "/v1/metadata/leader", "admin",
            "nimda", null).json().path("isLeader").asBoolean() ? second : first;
        // alice's write to her own subject is forwarded with her credentials and taken
        assertThat(RegistrySecurityTest.send(http, "POST", follower.url() + "/subjects/orders-value/versions", "alice",
            "ecila", AVRO.replace("\\\"E\\\"", "\\\"Order\\\"")).status()).isEqualTo(200);
        // one she may not make is refused before it reaches the leader, on either instance
        for (EmbeddedRegistry instance : List.of(first, second)) {
          RegistrySecurityTest.Answer denied = RegistrySecurityTest.send(http, "DELETE", instance.url()
              + "/subjects/payments-value", "alice", "ecila", null);
          assertThat(denied.status()).isEqualTo(403);
          assertThat(denied.json().path("error_code").asInt()).isEqualTo(40301);
        }
      }
      // a new instance replays the secured topic: everything is there
      try (EmbeddedRegistry again = EmbeddedRegistry.start(scram)) {
        assertThat(RegistrySecurityTest.send(http, "GET", again.url() + "/subjects", "admin", "nimda", null).json()
            .toString()).isEqualTo("[\"orders-value\",\"payments-value\"]");
      }
      // PLAIN over TLS too
      try (EmbeddedRegistry plain = EmbeddedRegistry.start(RegistryOptions.defaults().withKafka(new KafkaStore.Options(
          kafka.securedBootstrapServers(), "_schemas", (short) 1, 1,
          secured.clientSettings("PLAIN", "sr-plain", "plain-secret"), null)))) {
        assertThat(RegistrySecurityTest.send(http, "GET", plain.url() + "/subjects", null, null, null).json().size())
            .isEqualTo(2);
      }
      // a login Kafka refuses: the registry does not start, and says why
      assertThatThrownBy(() -> EmbeddedRegistry.start(RegistryOptions.defaults().withKafka(new KafkaStore.Options(
          kafka.securedBootstrapServers(), "_schemas", (short) 1, 1,
          secured.clientSettings("SCRAM-SHA-512", "sr", "wrong"), null))))
          .hasMessageContaining("uthentication failed");
    }
  }

  @Test
  void aCertificateUsersWriteIsForwardedOverHttpsWithItsIdentityAndNobodyElseMaySayWhoItIsFor() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    Path authFile = dir.resolve("auth.json");
    Files.writeString(authFile, "{\"users\": [], \"permissions\": [{\"username\": \"svc-orders\", "
        + "\"operation\": \"Write\", \"resource\": \"Subject:orders-.*\"}]}");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      RegistryOptions options = certificates.httpsRegistry(RegistryOptions.ClientAuth.REQUIRED).withAuthFile(authFile)
          .withKafka(kafka.bootstrapServers(), "_schemas", (short) 1, 1);
      HttpClient service = HttpClient.newBuilder()
          .sslContext(certificates.clientContext(certificates.keyStore("svc-orders"))).build();
      try (EmbeddedRegistry first = EmbeddedRegistry.start(options); EmbeddedRegistry second = EmbeddedRegistry.start(options)) {
        assertThat(first.url()).startsWith("https://");
        for (EmbeddedRegistry instance : List.of(first, second)) { // one of them forwards
          assertThat(RegistrySecurityTest.send(service, "POST", instance.url() + "/subjects/orders-value/versions", null,
              null, AVRO).status()).as(instance.url()).isEqualTo(200);
          assertThat(RegistrySecurityTest.send(service, "POST", instance.url() + "/subjects/payments-value/versions",
              null, null, AVRO).status()).as(instance.url()).isEqualTo(403);
        }
        // a caller cannot claim to be forwarding for someone else: only an instance's certificate may
        java.net.http.HttpResponse<String> spoofed = service.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(first.url() + "/subjects/payments-value/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .header(LeaderForwarder.FORWARDED_PRINCIPAL, "admin")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(AVRO)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(spoofed.statusCode()).isEqualTo(401);
      }
    }
  }
}
