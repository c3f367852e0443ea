package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.client.RegistryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Instances on one Kafka topic: a write that reaches a follower goes to the leader with the
 * caller's credentials (its basic auth, or, for a caller known by its certificate, its name on a
 * connection showing this registry's own certificate), and its answer comes back only once this instance has read the write back
 * from the topic (read your writes).
 */
final class LeaderForwarder {
  /** What the follower answers: the leader's status, content type and body. */
  record Answer(int status, String contentType, String body) {}

  /**
   * Who a write forwarded for a caller known by its client certificate is for. A leader takes it
   * only from a connection showing this registry's own certificate, which no caller has.
   */
  static final String FORWARDED_PRINCIPAL = "X-Registry-Forwarded-Principal";

  private final KafkaLeaderElector elector;
  private final KafkaStore store;
  private final HttpClient http;

  /** @param tls the instances' TLS context (trusting each other, showing this one's certificate), or null */
  LeaderForwarder(KafkaLeaderElector elector, KafkaStore store, javax.net.ssl.SSLContext tls) {
    this.elector = elector;
    this.store = store;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  boolean isLeader() {
    return elector.isLeader();
  }

  KafkaLeaderElector elector() {
    return elector;
  }

  KafkaStore store() {
    return store;
  }

  /**
   * The leader to send a write to, waiting while an election is under way (up to twice the session
   * timeout); empty when this instance became the leader meanwhile.
   */
  private Optional<String> leader() throws InterruptedException {
    long deadline = System.nanoTime() + 2 * KafkaLeaderElector.SESSION_TIMEOUT.toNanos();
    while (true) {
      long seen = elector.rebalances();
      if (elector.isLeader()) {
        return Optional.empty();
      }
      String leader = elector.leaderUrl().orElse(null);
      if (leader != null && !leader.equals(elector.advertisedUrl())) {
        return Optional.of(leader);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new RegistryError(500, ErrorCodes.UNKNOWN_LEADER, "Unknown leader: no registry instance leads "
            + store.topic() + " at the moment; retry");
      }
      // none yet, or this instance is assigned and still taking over: the election ends with a
      // rebalance; a heartbeat interval bounds the wait in case the group's description lags it
      elector.awaitRebalanceAfter(seen, Math.min(left, KafkaLeaderElector.HEARTBEAT_INTERVAL.toNanos()));
    }
  }

  /**
   * Sends the write to the leader; null when this instance is the leader by now (then the caller
   * answers it locally).
   */
  Answer forward(String method, String pathAndQuery, String contentType, String authorization,
      String certificatePrincipal, byte[] body) throws InterruptedException {
    String leader = leader().orElse(null);
    if (leader == null) {
      return null;
    }
    HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(leader + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    out.header("Content-Type", contentType != null ? contentType : RegistryJson.CONTENT_TYPE);
    if (authorization != null) {
      out.header("Authorization", authorization);
    } else if (certificatePrincipal != null) {
      out.header(FORWARDED_PRINCIPAL, certificatePrincipal);
    }
    HttpResponse<String> answer;
    try {
      answer = http.send(out.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      elector.forgetLeader();
      throw new RegistryError(500, ErrorCodes.REQUEST_FORWARDING_FAILED, "Error while forwarding the request to the "
          + "leader " + leader + ": " + e.getMessage());
    }
    if (answer.statusCode() < 300) {
      store.awaitApplied(store.endOffset()); // read the write back before answering it
    }
    return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(RegistryJson.CONTENT_TYPE),
        answer.body());
  }
}
