package io.github.eventcontracts.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one logical request: tries the URLs in turn, retrying IO errors, 429 and 5xx with
 * exponential backoff and full jitter; any other error answer is final. Never logs, and never puts
 * credentials in a message.
 */
final class HttpTransport {
  private final RegistryClientConfig config;
  private final HttpClient http;
  private final String authorization;
  /** The URL that answered last; requests start there so a dead URL is not tried first every time. */
  private final AtomicInteger preferred = new AtomicInteger();

  HttpTransport(RegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (config.sslContext() != null) {
      builder.sslContext(config.sslContext());
    }
    this.http = builder.build();
    if (config.basicAuthUserInfo() != null) {
      authorization = "Basic " + Base64.getEncoder()
          .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    } else if (config.bearerToken() != null) {
      authorization = "Bearer " + config.bearerToken();
    } else {
      authorization = null;
    }
  }

  /** Sends and returns the parsed JSON answer (null for an empty body). */
  JsonNode send(String method, String path, JsonNode body) {
    List<URI> urls = config.urls();
    RegistryException lastError = null;
    Exception lastCause = null;
    int attempts = config.maxRetries() + 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        sleep(backoff(attempt));
      }
      int index = Math.floorMod(preferred.get() + attempt, urls.size());
      URI base = urls.get(index);
      String where = method + " " + path + " on " + base;
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(config.requestTimeout())
          .header("Accept", RegistryJson.CONTENT_TYPE + ", application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) {
        request.header("Content-Type", RegistryJson.CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      config.headers().forEach(request::header);
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) { // timeouts included: both are worth another URL or attempt
        lastCause = e;
        lastError = null;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException.RegistryUnavailableException(where + " interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        preferred.set(index);
        return parse(response.body(), where);
      }
      RegistryException error = errorOf(status, response.body(), where);
      if (status == 429 || status >= 500) {
        lastError = error;
        lastCause = null;
        continue;
      }
      throw error;
    }
    if (lastError != null) {
      throw lastError;
    }
    String reason = lastCause instanceof HttpTimeoutException ? "timed out after " + config.requestTimeout()
        : lastCause == null ? "no answer" : describe(lastCause);
    throw new RegistryException.RegistryUnavailableException("registry unreachable: " + method + " " + path + " failed on "
        + urls + " after " + attempts + " attempt(s): " + reason, lastCause);
  }

  private static JsonNode parse(String body, String where) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return RegistryJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(200, 50005, where + ": the answer is not JSON", e);
    }
  }

  private static RegistryException errorOf(int status, String body, String where) {
    int code = status;
    String message = null;
    try {
      JsonNode json = body == null || body.isBlank() ? null : RegistryJson.MAPPER.readTree(body);
      if (json != null && json.has("error_code")) {
        code = json.get("error_code").asInt(status);
        message = json.path("message").asText(null);
      }
    } catch (IOException ignored) {
      // not JSON (a proxy's page, say): the status is all we know
    }
    String text = where + " -> HTTP " + status + (code != status ? " (error " + code + ")" : "") + ": "
        + (message != null ? message : status == 401 ? "unauthorized; check the registry credentials"
            : status == 403 ? "forbidden; the credentials lack permission" : "no error message");
    return RegistryException.of(status, code, text);
  }

  private long backoff(int attempt) {
    long initial = Math.max(1, config.initialBackoff().toMillis());
    long cap = Math.max(initial, config.maxBackoff().toMillis());
    long exponential = Math.min(cap, initial << Math.min(20, attempt - 1));
    // full jitter between half and all of the exponential step, so clients do not retry in lockstep
    return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException.RegistryUnavailableException("interrupted while waiting to retry", e);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
