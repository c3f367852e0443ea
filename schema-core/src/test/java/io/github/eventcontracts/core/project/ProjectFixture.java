package io.github.eventcontracts.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small schemas folder: a shared Money type, an order event using it, and a proto file. */
public final class ProjectFixture {
  public static final String MONEY = """
      {"type": "record", "name": "Money", "namespace": "acme.common", "doc": "Money.",
       "fields": [{"name": "units", "type": "long", "doc": "Minor units."}]}
      """;
  public static final String ORDER = """
      {"type": "record", "name": "OrderCreated", "namespace": "acme.orders", "doc": "Placed.",
       "fields": [
         {"name": "id", "type": "string", "doc": "Id."},
         {"name": "total", "type": "acme.common.Money", "doc": "Total."}
       ]}
      """;
  public static final String SHIPMENTS = """
      syntax = "proto3";
      package acme.shipping;
      message OrderShipped { string order_id = 1; string carrier = 2; }
      message Parcel { string id = 1; }
      """;

  public static Path write(Path dir, String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  public static Path standard(Path dir) throws IOException {
    write(dir, "avro/order-created.avsc", ORDER);
    write(dir, "avro/money.avsc", MONEY);
    write(dir, "proto/shipments.proto", SHIPMENTS);
    return dir;
  }

  private ProjectFixture() {}
}
