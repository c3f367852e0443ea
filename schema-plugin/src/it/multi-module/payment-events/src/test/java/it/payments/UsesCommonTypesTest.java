package it.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.common.Money;
import it.common.proto.Address;
import it.payments.proto.InvoiceSent;
import org.junit.jupiter.api.Test;

class UsesCommonTypesTest {
  @Test
  void eventsUseTheSharedTypesFromTheOtherModulesJar() throws Exception {
    PaymentCaptured captured = PaymentCaptured.newBuilder().setId("p-1")
        .setAmount(Money.newBuilder().setUnits(1999).setCurrency("EUR").build()).build();
    assertEquals(1999L, captured.getAmount().getUnits());
    // (the working tree made id an int64 and dropped Address.city, see setup.groovy)
    InvoiceSent sent = InvoiceSent.newBuilder().setId(7L)
        .setBillingAddress(Address.newBuilder().setStreet("Main St 1")).build();
    assertEquals(sent, InvoiceSent.parseFrom(sent.toByteArray()));
    // one Money class, the common module's: this module did not generate its own copy
    assertTrue(Money.class.getProtectionDomain().getCodeSource().getLocation().getPath().endsWith(".jar"));
  }

  @Test
  void eachModuleHasItsOwnCatalogListingItsEventsOnly() {
    assertEquals(2, it.multi.PaymentEventsCatalog.entries().size());
  }
}
