package io.github.eventcontracts.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.eventcontracts.registry.client.ScriptedServer.Answer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication headers and TLS, against real servers on loopback. */
class RegistryClientTransportTest {
  @Test
  void bearerTokenAndCustomHeadersAreSent() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Answer.of(200, "[\"a-value\"]"))) {
      RegistryClient client = new RegistryClient(RegistryClientConfig.builder(server.url())
          .bearerToken("tok-123").header("X-Tenant", "acme").build());
      assertThat(client.subjects()).containsExactly("a-value");
      assertThat(server.authorizations).containsExactly("Bearer tok-123");
    }
  }

  @Test
  void tlsWithATrustStore(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    char[] password = "changeit".toCharArray();
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    https.createContext("/", exchange -> {
      byte[] body = "[\"tls-value\"]".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort();
      RegistryClient trusting = new RegistryClient(RegistryClientConfig.builder(url)
          .tls(store, password, null, null).build());
      assertThat(trusting.subjects()).isEqualTo(List.of("tls-value"));

      RegistryClient untrusting = new RegistryClient(RegistryClientConfig.builder(url).maxRetries(0)
          .requestTimeout(Duration.ofSeconds(5)).build());
      assertThatThrownBy(untrusting::subjects)
          .isInstanceOf(RegistryException.RegistryUnavailableException.class)
          .hasMessageContaining("SSL");
    } finally {
      https.stop(0);
    }
  }
}
