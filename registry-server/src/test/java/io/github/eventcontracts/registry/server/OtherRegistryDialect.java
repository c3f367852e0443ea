package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers the way other Confluent-compatible registries have been seen to, for a
 * {@link CountingProxy} in front of ours: clients must not depend on which error code a miss gets,
 * nor on the verbose field's name.
 *
 * <ul>
 *   <li>a lookup of a schema the subject does not hold: 40401 (subject not found) instead of 40403;
 *   <li>a lookup whose references name a version that does not exist: 404 with 40402, not 422;
 *   <li>a compatibility check of a schema with references: 422 (the registry cannot check those);
 *   <li>a verbose compatibility answer: {@code reason} (one string) instead of {@code messages}.
 * </ul>
 */
public final class OtherRegistryDialect implements CountingProxy.Rewrite {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public CountingProxy.Answer apply(String request, byte[] requestBody, CountingProxy.Answer upstream) {
    try {
      String path = request.substring(request.indexOf(' ') + 1).split("\\?")[0];
      boolean post = request.startsWith("POST ");
      boolean lookup = post && path.matches("/subjects/[^/]+") ;
      boolean compatibility = post && path.startsWith("/compatibility/");
      boolean hasReferences = requestBody.length > 0 && JSON.readTree(requestBody).path("references").size() > 0;
      JsonNode answer = upstream.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(upstream.body());
      int code = answer.path("error_code").asInt();
      if (lookup && code == 40403) {
        return error(404, 40401, "Subject not found.");
      }
      if (lookup && upstream.status() == 422 && hasReferences) {
        return error(404, 40402, "Version not found.");
      }
      if (compatibility && hasReferences) {
        return error(422, 42201, "Invalid schema: schema references are not supported by the compatibility check");
      }
      if (compatibility && upstream.status() == 200 && answer.has("messages")) {
        List<String> messages = new ArrayList<>();
        answer.get("messages").forEach(m -> messages.add(m.asText()));
        ObjectNode rewritten = JSON.createObjectNode().put("is_compatible", answer.path("is_compatible").asBoolean());
        if (!messages.isEmpty()) {
          rewritten.put("reason", String.join("; ", messages));
        }
        return new CountingProxy.Answer(200, JSON.writeValueAsBytes(rewritten));
      }
      return upstream;
    } catch (IOException e) {
      return upstream; // not JSON: pass it on as it is
    }
  }

  private static CountingProxy.Answer error(int status, int code, String message) {
    return new CountingProxy.Answer(status, ("{\"error_code\":" + code + ",\"message\":\"" + message + "\"}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
