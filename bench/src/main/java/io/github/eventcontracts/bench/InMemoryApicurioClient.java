package io.github.eventcontracts.bench;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.v2.beans.ArtifactMetaData;
import io.apicurio.registry.rest.v2.beans.ArtifactReference;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Apicurio's registry client answered from memory, so the serde benchmark times Apicurio's serdes
 * and not HTTP: artifacts are created in a map (one id serves as global and content id), content is
 * read back by id. Default methods delegate as Apicurio wrote them; any other abstract method fails
 * loudly, naming itself.
 */
final class InMemoryApicurioClient {
  private InMemoryApicurioClient() {}

  static RegistryClient create() {
    Map<Long, byte[]> contents = new ConcurrentHashMap<>();
    Map<Long, List<ArtifactReference>> references = new ConcurrentHashMap<>();
    Map<String, Long> idsByCoordinates = new ConcurrentHashMap<>();
    Map<String, Long> idsByContent = new ConcurrentHashMap<>();
    AtomicLong nextId = new AtomicLong(1);
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      switch (method.getName()) {
        case "createArtifact" -> {
          byte[] content = ((InputStream) args[11]).readAllBytes();
          long id = idsByContent.computeIfAbsent(new String(content, java.nio.charset.StandardCharsets.UTF_8),
              k -> nextId.getAndIncrement());
          contents.put(id, content);
          @SuppressWarnings("unchecked")
          List<ArtifactReference> refs = args.length > 12 && args[12] != null ? (List<ArtifactReference>) args[12] : List.of();
          references.put(id, refs);
          idsByCoordinates.put(args[0] + "/" + args[1], id);
          ArtifactMetaData meta = new ArtifactMetaData();
          meta.setGroupId((String) args[0]);
          meta.setId((String) args[1]);
          meta.setVersion("1");
          meta.setGlobalId(id);
          meta.setContentId(id);
          return meta;
        }
        case "getContentById", "getContentByGlobalId" -> {
          return new ByteArrayInputStream(contents.get((Long) args[0]));
        }
        case "getArtifactReferencesByGlobalId", "getArtifactReferencesByContentId" -> {
          return references.getOrDefault((Long) args[0], List.of());
        }
        case "getArtifactReferencesByCoordinates" -> {
          return references.getOrDefault(idsByCoordinates.get(args[0] + "/" + args[1]), List.of());
        }
        case "getLatestArtifact", "getArtifactVersion" -> {
          return new ByteArrayInputStream(contents.get(idsByCoordinates.get(args[0] + "/" + args[1])));
        }
        case "close" -> {
          return null;
        }
        default -> throw new UnsupportedOperationException("in-memory Apicurio client: " + method);
      }
    };
    return (RegistryClient) Proxy.newProxyInstance(RegistryClient.class.getClassLoader(),
        new Class<?>[] {RegistryClient.class}, handler);
  }

}
