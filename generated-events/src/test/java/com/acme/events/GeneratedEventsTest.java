package com.acme.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import com.acme.orders.SalesChannel;
import com.acme.orders.v1.OrderShipped;
import com.acme.orders.v1.ShipmentLine;
import com.acme.orders.v1.ShipmentStatus;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Timestamp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The published jar's classes work, and its catalog tells the truth about them. */
class GeneratedEventsTest {
  @Test
  void avroEventRoundTrips() throws Exception {
    OrderCreated order = OrderCreated.newBuilder()
        .setOrderId(UUID.randomUUID())
        .setCustomerId("c-42")
        .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setTotal(Money.newBuilder().setUnits(1999).setCurrency("EUR").build())
        .setChannel(SalesChannel.WEB)
        .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(OrderCreated.class).write(order, encoder);
    encoder.flush();
    OrderCreated back = new SpecificDatumReader<>(OrderCreated.class)
        .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    assertThat(back).isEqualTo(order);
    assertThat(back.getCouponCode()).isNull();
  }

  @Test
  void protobufEventRoundTrips() throws Exception {
    OrderShipped shipped = OrderShipped.newBuilder()
        .setOrderId("o-1")
        .setShippedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L))
        .setStatus(ShipmentStatus.SHIPMENT_STATUS_SHIPPED)
        .addLines(ShipmentLine.newBuilder().setSku("sku-1").setQuantity(2))
        .setCarrier("DHL")
        .build();
    assertThat(OrderShipped.parseFrom(shipped.toByteArray())).isEqualTo(shipped);
  }

  @Test
  void catalogNamesEverySubjectAndItsClass() {
    assertThat(EventCatalog.entries()).extracting(EventCatalog.Entry::subject)
        .containsExactly("order-created-value", "order-shipped-value"); // money.avsc is a shared type
    assertThat(EventCatalog.forSubject("order-created-value").orElseThrow().load()).isEqualTo(OrderCreated.class);
    assertThat(EventCatalog.forSubject("order-shipped-value").orElseThrow().load()).isEqualTo(OrderShipped.class);
    assertThat(EventCatalog.forClass(OrderShipped.class).orElseThrow().schemaType()).isEqualTo("PROTOBUF");
    assertThat(EventCatalog.forSubject("order-shipped-value").orElseThrow().schema())
        .startsWith("syntax = \"proto3\";").contains("message OrderShipped");
  }

  @Test
  void catalogFingerprintMatchesTheSchemaCompiledIntoTheClass() throws Exception {
    // The classic trap: avro-compiler adds avro.java.string to SCHEMA$, so the text a serializer sends
    // differs from the contract. Parsing Canonical Form ignores such properties; the catalog's
    // fingerprint is over that form, so an application can check its classes at start-up.
    String compiled = SchemaNormalization.toParsingForm(OrderCreated.getClassSchema());
    String fingerprint = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(compiled.getBytes(StandardCharsets.UTF_8)));
    EventCatalog.Entry entry = EventCatalog.forClass(OrderCreated.class).orElseThrow();
    assertThat(entry.fingerprint()).isEqualTo(fingerprint);
    assertThat(OrderCreated.getClassSchema().toString()).contains("avro.java.string");
    assertThat(entry.schema()).doesNotContain("avro.java.string");
  }

  @Test
  void jarCarriesTheSchemasAndADescriptorSet() throws Exception {
    for (String file : new String[] {"avro/order-created.avsc", "avro/money.avsc", "proto/orders.proto"}) {
      assertThat(getClass().getResource("/META-INF/schemas/" + file)).as(file).isNotNull();
    }
    try (InputStream in = getClass().getResourceAsStream("/META-INF/schemas/descriptors.pb")) {
      FileDescriptorSet set = FileDescriptorSet.parseFrom(in);
      assertThat(set.getFileList()).extracting(f -> f.getName())
          .contains("proto/orders.proto", "google/protobuf/timestamp.proto");
    }
  }
}
