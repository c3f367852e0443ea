package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.common.Money;
import it.common.proto.AddressOuterClass.Address;
import it.events.Catalog;
import it.orders.OrderPlaced;
import it.shipping.Shipping.Shipment;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  @Test
  void avroWithATypeFromAnotherFile() throws Exception {
    OrderPlaced order = OrderPlaced.newBuilder().setId("o-1")
        .setTotal(Money.newBuilder().setUnits(1999).setCurrency("EUR").build())
        .setPlacedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setDiscount(new BigDecimal("1.50"))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(OrderPlaced.class).write(order, encoder);
    encoder.flush();
    OrderPlaced back = new SpecificDatumReader<>(OrderPlaced.class)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    assertEquals(order, back);
  }

  @Test
  void protobufWithAnImportAndANestedMessage() throws Exception {
    Shipment shipment = Shipment.newBuilder().setOrderId("o-1")
        .setDestination(Address.newBuilder().setStreet("Main St 1").setCity("Berlin"))
        .addParcels(Shipment.Parcel.newBuilder().setId("p-1").setWeightKg(2.5))
        .build();
    assertEquals(shipment, Shipment.parseFrom(shipment.toByteArray()));
  }

  @Test
  void catalog() {
    assertEquals(OrderPlaced.class, Catalog.forSubject("order-placed-value").orElseThrow().load());
    assertEquals(Shipment.class, Catalog.forSubject("shipping-value").orElseThrow().load());
    assertEquals(2, Catalog.entries().size()); // events only: Money and Address are shared types
  }

  @Test
  void confluentsFieldTagsInTheCatalogAndTheGeneratedDescriptor() {
    assertEquals(java.util.List.of("it.shipping.Shipment.order_id"),
        Catalog.forSubject("shipping-value").orElseThrow().fieldsTagged("ORDER_REF"));
    // confluent/meta.proto's class was generated beside the contract, so the option is a known extension
    assertEquals(java.util.List.of("ORDER_REF"), Shipment.getDescriptor().findFieldByName("order_id").getOptions()
        .getExtension(io.confluent.protobuf.MetaProto.fieldMeta).getTagsList());
  }
}
