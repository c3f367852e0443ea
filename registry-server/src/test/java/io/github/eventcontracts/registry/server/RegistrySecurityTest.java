package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.registry.server.auth.PasswordHash;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry run for real: HTTPS with and without client certificates, users and per-subject
 * permissions from Karapace's authfile on every route that reads or writes a subject or the
 * configuration, the authfile reloaded when it changes.
 */
class RegistrySecurityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AVRO = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"E\\\",\\\"fields\\\":[]}\"}";
  /** Another schema, so a payment has its own id. */
  private static final String PAYMENT = AVRO.replace("\\\"E\\\"", "\\\"Payment\\\"");

  @TempDir Path dir;

  record Answer(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  static Answer send(HttpClient http, String method, String url, String user, String password, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** An authfile as karapace_mkpasswd writes its entries: each user's password is its name reversed. */
  static String authFile(List<String[]> users, List<String[]> permissions) {
    StringBuilder out = new StringBuilder("{\"users\": [");
    for (int i = 0; i < users.size(); i++) {
      String name = users.get(i)[0];
      PasswordHash algorithm = PasswordHash.parse(users.get(i)[1]);
      String salt = "salt-" + name;
      out.append(i == 0 ? "" : ",").append("{\"username\": \"").append(name).append("\", \"algorithm\": \"")
          .append(users.get(i)[1]).append("\", \"salt\": \"").append(salt).append("\", \"password_hash\": \"")
          .append(algorithm.hash(salt, password(name))).append("\"}");
    }
    out.append("], \"permissions\": [");
    for (int i = 0; i < permissions.size(); i++) {
      String[] p = permissions.get(i);
      out.append(i == 0 ? "" : ",").append("{\"username\": \"").append(p[0]).append("\", \"operation\": \"")
          .append(p[1]).append("\", \"resource\": \"").append(p[2]).append("\"}");
    }
    return out.append("]}").toString();
  }

  static String password(String user) {
    return new StringBuilder(user).reverse().toString();
  }

  private Path writeAuthFile(List<String[]> permissions) throws IOException {
    return replace(authFile(List.of(new String[] {"admin", "scrypt"}, new String[] {"alice", "sha512"},
        new String[] {"bob", "sha1"}), permissions));
  }

  /** The authfile replaced in one step, as a deployment writes it: a reload never sees half a file. */
  private Path replace(String text) throws IOException {
    Path file = dir.resolve("auth.json");
    Path next = dir.resolve("auth.json.next");
    Files.writeString(next, text);
    Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  static final List<String[]> PERMISSIONS = List.of(
      new String[] {"admin", "Write", ".*"},
      new String[] {"alice", "Write", "Subject:orders-.*"},
      new String[] {"bob", "Read", "Subject:orders-.*"},
      new String[] {"bob", "Read", "Config:"});

  @Test
  void permissionsFromTheAuthfileOnEveryRouteThatTouchesASubjectOrTheConfiguration() throws Exception {
    Path file = writeAuthFile(PERMISSIONS);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withAuthFile(file))) {
      HttpClient http = HttpClient.newHttpClient();
      String url = registry.url();
      // 401: nobody, a wrong password, an unknown user; counted, never with the password in the log
      assertThat(send(http, "GET", url + "/subjects", null, null, null).status()).isEqualTo(401);
      assertThat(send(http, "GET", url + "/subjects", "alice", "wrong", null).status()).isEqualTo(401);
      assertThat(send(http, "GET", url + "/subjects", "mallory", "yrollam", null).status()).isEqualTo(401);
      assertThat(registry.access().failedLogins()).isEqualTo(2);

      assertThat(send(http, "POST", url + "/subjects/orders-value/versions", "alice", "ecila", AVRO).status())
          .isEqualTo(200);
      assertThat(send(http, "POST", url + "/subjects/payments-value/versions", "admin", "nimda", PAYMENT).json()
          .path("id").asInt()).isEqualTo(2);

      // alice writes orders-*: every route on payments-value, and the global configuration, is 403 for her
      List<String[]> denied = List.of(
          new String[] {"POST", "/subjects/payments-value/versions", AVRO},
          new String[] {"POST", "/subjects/payments-value", AVRO},
          new String[] {"GET", "/subjects/payments-value/versions", null},
          new String[] {"GET", "/subjects/payments-value/versions/1", null},
          new String[] {"GET", "/subjects/payments-value/versions/1/schema", null},
          new String[] {"GET", "/subjects/payments-value/versions/1/referencedby", null},
          new String[] {"GET", "/subjects/payments-value/metadata?key=a&value=b", null},
          new String[] {"DELETE", "/subjects/payments-value/versions/1", null},
          new String[] {"DELETE", "/subjects/payments-value", null},
          new String[] {"POST", "/compatibility/subjects/payments-value/versions", AVRO},
          new String[] {"POST", "/compatibility/subjects/payments-value/versions/1", AVRO},
          new String[] {"GET", "/config/payments-value", null},
          new String[] {"PUT", "/config/payments-value", "{\"compatibility\": \"NONE\"}"},
          new String[] {"DELETE", "/config/payments-value", null},
          new String[] {"GET", "/mode/payments-value", null},
          new String[] {"PUT", "/mode/payments-value", "{\"mode\": \"READONLY\"}"},
          new String[] {"DELETE", "/mode/payments-value", null},
          new String[] {"GET", "/config", null},
          new String[] {"PUT", "/config", "{\"compatibility\": \"NONE\"}"},
          new String[] {"GET", "/mode", null},
          new String[] {"PUT", "/mode", "{\"mode\": \"READONLY\"}"},
          new String[] {"GET", "/schemas/ids/2", null},
          new String[] {"GET", "/schemas/ids/2/schema", null});
      List<String> wrong = new ArrayList<>();
      for (String[] r : denied) {
        Answer answer = send(http, r[0], url + r[1], "alice", "ecila", r[2]);
        if (answer.status() != 403 || answer.json().path("error_code").asInt() != 40301) {
          wrong.add(r[0] + " " + r[1] + " -> " + answer.status() + " " + answer.body());
        }
      }
      assertThat(wrong).as("routes alice reached").isEmpty();
      assertThat(send(http, "POST", url + "/subjects/payments-value/versions", "alice", "ecila", AVRO).json()
          .path("message").asText()).isEqualTo("User alice is denied operation Write on Subject:payments-value");
      // ... and her own subject answers her
      assertThat(send(http, "GET", url + "/subjects/orders-value/versions", "alice", "ecila", null).status())
          .isEqualTo(200);
      assertThat(send(http, "PUT", url + "/config/orders-value", "alice", "ecila", "{\"compatibility\": \"FULL\"}")
          .status()).isEqualTo(200);

      // bob reads orders-* and the configuration; writes nothing; sees only what he may read
      assertThat(send(http, "GET", url + "/subjects", "bob", "bob", null).json().toString())
          .isEqualTo("[\"orders-value\"]");
      assertThat(send(http, "GET", url + "/subjects", "admin", "nimda", null).json().toString())
          .isEqualTo("[\"orders-value\",\"payments-value\"]");
      assertThat(send(http, "GET", url + "/schemas/ids/1", "bob", "bob", null).status()).isEqualTo(200);
      assertThat(send(http, "GET", url + "/schemas/ids/1/subjects", "bob", "bob", null).json().toString())
          .isEqualTo("[\"orders-value\"]");
      assertThat(send(http, "GET", url + "/config", "bob", "bob", null).status()).isEqualTo(200);
      assertThat(send(http, "PUT", url + "/config", "bob", "bob", "{\"compatibility\": \"NONE\"}").status())
          .isEqualTo(403);
      assertThat(send(http, "POST", url + "/subjects/orders-value/versions", "bob", "bob", AVRO).status())
          .isEqualTo(403);
    }
  }

  @Test
  void theAuthfileIsReloadedWhenItChangesAndABrokenOneKeepsTheLastGood() throws Exception {
    Path file = writeAuthFile(PERMISSIONS);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withAuthFile(file))) {
      HttpClient http = HttpClient.newHttpClient();
      String url = registry.url();
      send(http, "POST", url + "/subjects/payments-value/versions", "admin", "nimda", AVRO);
      assertThat(send(http, "GET", url + "/subjects", "bob", "bob", null).json().toString()).isEqualTo("[]");

      long seen = registry.access().generation();
      List<String[]> more = new ArrayList<>(PERMISSIONS);
      more.add(new String[] {"bob", "Read", "Subject:payments-.*"});
      writeAuthFile(more);
      assertThat(registry.access().awaitReloadAfter(seen, Duration.ofSeconds(30))).isTrue();
      assertThat(send(http, "GET", url + "/subjects", "bob", "bob", null).json().toString())
          .isEqualTo("[\"payments-value\"]");

      seen = registry.access().generation();
      replace("{\"users\": [{\"username\": \"bob\"}]");
      assertThat(registry.access().awaitReloadAfter(seen, Duration.ofSeconds(30))).isTrue();
      assertThat(send(http, "GET", url + "/subjects", "bob", "bob", null).json().toString())
          .isEqualTo("[\"payments-value\"]");
    }
  }

  @Test
  void aBrokenAuthfileAtStartIsARefusalNamingTheEntry() throws Exception {
    Path file = dir.resolve("auth.json");
    Files.writeString(file, "{\"users\": [{\"username\": \"x\", \"algorithm\": \"md5\", \"salt\": \"s\", "
        + "\"password_hash\": \"h\"}], \"permissions\": []}");
    assertThatThrownBy(() -> EmbeddedRegistry.start(RegistryOptions.defaults().withAuthFile(file)))
        .hasMessageContaining("users[0] (x): unknown algorithm 'md5'");
  }

  private RegistryOptions https(TestCertificates certificates, RegistryOptions.ClientAuth clientAuth) {
    return certificates.httpsRegistry(clientAuth);
  }

  @Test
  void httpsWithoutClientCertificatesAndPlainHttpRefusedThere() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(https(certificates, RegistryOptions.ClientAuth.NONE))) {
      assertThat(registry.url()).startsWith("https://127.0.0.1:");
      HttpClient trusting = HttpClient.newBuilder().sslContext(certificates.clientContext(null)).build();
      assertThat(send(trusting, "POST", registry.url() + "/subjects/orders-value/versions", null, null, AVRO).status())
          .isEqualTo(200);
      // plain HTTP on the HTTPS port gets no answer, and a client that does not trust the CA none either
      String plain = registry.url().replace("https://", "http://");
      assertThatThrownBy(() -> send(HttpClient.newHttpClient(), "GET", plain + "/subjects", null, null, null))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> send(HttpClient.newHttpClient(), "GET", registry.url() + "/subjects", null, null, null))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void clientCertificatesRequiredTheirCommonNameIsTheUser() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir.resolve("tls"));
    Path file = dir.resolve("auth.json");
    Files.writeString(file, authFile(List.of(), List.<String[]>of(new String[] {"svc-orders", "Write", "Subject:orders-.*"})));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(https(certificates, RegistryOptions.ClientAuth.REQUIRED)
        .withAuthFile(file))) {
      SSLContext orders = certificates.clientContext(certificates.keyStore("svc-orders"));
      HttpClient service = HttpClient.newBuilder().sslContext(orders).build();
      assertThat(send(service, "POST", registry.url() + "/subjects/orders-value/versions", null, null, AVRO).status())
          .isEqualTo(200);
      Answer denied = send(service, "POST", registry.url() + "/subjects/payments-value/versions", null, null, AVRO);
      assertThat(denied.status()).isEqualTo(403);
      assertThat(denied.json().path("message").asText()).contains("User svc-orders is denied operation Write");
      // no certificate: the handshake fails
      HttpClient anonymous = HttpClient.newBuilder().sslContext(certificates.clientContext(null)).build();
      assertThatThrownBy(() -> send(anonymous, "GET", registry.url() + "/subjects", null, null, null))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theSharedCredentialStaysTheSimpleCase() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withBasicAuth("ci:s3cret"))) {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(send(http, "PUT", registry.url() + "/config", "ci", "s3cret", "{\"compatibility\": \"FULL\"}").status())
          .isEqualTo(200);
      assertThat(send(http, "GET", registry.url() + "/config", "ci", "wrong", null).status()).isEqualTo(401);
      assertThat(Map.of("failed", registry.access().failedLogins())).containsEntry("failed", 1L);
    }
  }
}
