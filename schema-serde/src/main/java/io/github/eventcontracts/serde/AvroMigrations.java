package io.github.eventcontracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * An Avro record written under one version read as another, across major versions, as Confluent's
 * deserializers do it: the {@link MigrationPath}'s rules run on the record's Avro JSON, and the
 * result is read with the target version's schema.
 */
final class AvroMigrations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MigrationPath path;
  private final Schema writer;
  private final Schema target;

  private AvroMigrations(MigrationPath path, Schema writer, Schema target) {
    this.path = path;
    this.writer = writer;
    this.target = target;
  }

  /** The way from the version {@code writerVersion} to {@code target} of {@code subject}. */
  static AvroMigrations between(RegistryClient client, String subject, int writerVersion, SubjectVersion target,
      Schema writer, Schema targetSchema) {
    return new AvroMigrations(MigrationPath.between(client, subject, writerVersion, target), writer, targetSchema);
  }

  /** The record (as the writer wrote it) migrated and read as the target version. */
  Object migrate(Object record) throws DomainRules.Failed, IOException {
    JsonNode json = path.run(JSON.readTree(toJson(writer, record)));
    GenericDatumReader<Object> reader = new GenericDatumReader<>(target);
    return reader.read(null, DecoderFactory.get().jsonDecoder(target, JSON.writeValueAsString(json)));
  }

  private static String toJson(Schema schema, Object record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
    new GenericDatumWriter<>(schema).write(record, encoder);
    encoder.flush();
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
