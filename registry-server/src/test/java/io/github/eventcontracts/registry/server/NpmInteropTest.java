package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Cross-language interop: the npm Confluent client ({@code @kafkajs/confluent-schema-registry},
 * installed here with npm ci from the committed lock file) registers an Avro and a Protobuf schema
 * in our registry and encodes a record of each; our client then reads the schemas back by the id
 * the frames carry, and decodes the payloads.
 */
class NpmInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NpmProject installNodeProject() throws Exception {
    return NpmProject.install(Path.of(System.getProperty("interop.node.dir", "src/test/node")),
        Path.of(System.getProperty("interop.work.dir", "target/npm-interop")),
        List.of("package.json", "package-lock.json", "interop.js"));
  }

  @Test
  void npmClientAndOurClientAgreeOnOurRegistry() throws Exception {
    NpmProject node;
    try {
      node = installNodeProject();
    } catch (IOException e) {
      throw new AssertionError("this test needs node and npm on the PATH (see README): " + e.getMessage(), e);
    }
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode result = JSON.readTree(node.node("interop.js", registry.url()));
      RegistryClient client = RegistryClient.of(registry.url());

      // Avro: frame = 0x00, 4-byte big-endian id, Avro binary
      byte[] avro = HexFormat.of().parseHex(result.get("avroPayload").asText());
      int avroId = result.get("avroId").asInt();
      assertThat(avro[0]).isZero();
      assertThat(ByteBuffer.wrap(avro, 1, 4).getInt()).isEqualTo(avroId);
      RegistrySchema avroSchema = client.schemaById(avroId);
      assertThat(avroSchema.schemaType()).isEqualTo("AVRO");
      Schema schema = new Schema.Parser().parse(avroSchema.schema());
      GenericRecord record = new GenericDatumReader<GenericRecord>(schema)
          .read(null, DecoderFactory.get().binaryDecoder(avro, 5, avro.length - 5, null));
      assertThat(record.get("order_id").toString()).isEqualTo("o-1");
      assertThat(record.get("quantity")).isEqualTo(3);
      assertThat(client.lookup("interop-orders-value", avroSchema).id()).isEqualTo(avroId);
      // and the npm client decoded it by fetching the schema from us
      assertThat(result.get("decodedAvro").get("order_id").asText()).isEqualTo("o-1");

      // Protobuf: 0x00, id, then the message; this npm client writes no message-index list
      byte[] proto = HexFormat.of().parseHex(result.get("protoPayload").asText());
      int protoId = result.get("protoId").asInt();
      assertThat(proto[0]).isZero();
      assertThat(ByteBuffer.wrap(proto, 1, 4).getInt()).isEqualTo(protoId);
      RegistrySchema protoSchema = client.schemaById(protoId);
      assertThat(protoSchema.schemaType()).isEqualTo("PROTOBUF");
      var linked = new ProtobufContractParser().parse(SourceFile.of("interop.proto", protoSchema.schema()))
          .protobuf().schema();
      @SuppressWarnings("unchecked")
      Map<String, Object> message = (Map<String, Object>) linked.protoAdapter("acme.interop.OrderShipped", true)
          .decode(java.util.Arrays.copyOfRange(proto, 5, proto.length));
      assertThat(message).containsEntry("order_id", "o-2").containsEntry("lines", 2);
      assertThat(result.get("decodedProto").get("orderId").asText()).isEqualTo("o-2");
      assertThat(client.subjects()).containsExactly("interop-orders-value", "interop-shipments-value");
    }
  }
}
