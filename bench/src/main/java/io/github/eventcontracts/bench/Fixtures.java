package io.github.eventcontracts.bench;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;

/**
 * Realistic contract pairs: about twenty fields, a nested record/message, an enum, a map and a
 * union/oneof. Version 2 adds fields the compatible way, so the checker walks everything and
 * finds only compatible differences, as in most real pull requests.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final String AVRO_V1 = """
      {"type": "record", "name": "OrderCreated", "namespace": "com.acme.orders", "doc": "An order was placed.",
       "fields": [
        {"name": "order_id", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "customer_id", "type": "string"},
        {"name": "created_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["UNKNOWN", "OPEN", "PAID", "SHIPPED"], "default": "UNKNOWN"}},
        {"name": "channel", "type": "string", "default": "web"},
        {"name": "total_units", "type": "long"},
        {"name": "currency", "type": "string"},
        {"name": "tax_units", "type": "long", "default": 0},
        {"name": "discount", "type": ["null", "double"], "default": null},
        {"name": "coupon", "type": ["null", "string"], "default": null},
        {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
          {"name": "sku", "type": "string"},
          {"name": "quantity", "type": "int"},
          {"name": "unit_price", "type": "long"},
          {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 16}}
        ]}}},
        {"name": "shipping", "type": {"type": "record", "name": "Address", "fields": [
          {"name": "street", "type": "string"}, {"name": "city", "type": "string"},
          {"name": "zip", "type": "string"}, {"name": "country", "type": "string"}
        ]}},
        {"name": "billing", "type": ["null", "Address"], "default": null},
        {"name": "attributes", "type": {"type": "map", "values": "string"}, "default": {}},
        {"name": "priority", "type": "int", "default": 0},
        {"name": "gift", "type": "boolean", "default": false},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "source_system", "type": "string", "default": "shop"}
       ]}
      """;

  public static final String AVRO_V2 = AVRO_V1
      .replace("{\"name\": \"source_system\", \"type\": \"string\", \"default\": \"shop\"}",
          "{\"name\": \"source_system\", \"type\": \"string\", \"default\": \"shop\"},\n"
              + "        {\"name\": \"sales_rep\", \"type\": [\"null\", \"string\"], \"default\": null},\n"
              + "        {\"name\": \"loyalty_points\", \"type\": \"long\", \"default\": 0}")
      .replace("{\"name\": \"quantity\", \"type\": \"int\"}", "{\"name\": \"quantity\", \"type\": \"long\"}");

  public static final String PROTO_V1 = """
      syntax = "proto3";
      package acme.orders.v1;
      import "google/protobuf/timestamp.proto";

      enum OrderStatus { ORDER_STATUS_UNSPECIFIED = 0; ORDER_STATUS_OPEN = 1; ORDER_STATUS_PAID = 2; ORDER_STATUS_SHIPPED = 3; }

      message Address { string street = 1; string city = 2; string zip = 3; string country = 4; }

      message OrderCreated {
        message Line {
          string sku = 1;
          int32 quantity = 2;
          int64 unit_price = 3;
          bytes hash = 4;
        }
        string order_id = 1;
        string customer_id = 2;
        google.protobuf.Timestamp created_at = 3;
        OrderStatus status = 4;
        string channel = 5;
        int64 total_units = 6;
        string currency = 7;
        int64 tax_units = 8;
        double discount = 9;
        repeated Line lines = 10;
        Address shipping = 11;
        Address billing = 12;
        map<string, string> attributes = 13;
        int32 priority = 14;
        bool gift = 15;
        string note = 16;
        oneof payment { string card_token = 17; string iban = 18; }
        string source_system = 19;
      }

      message OrderCancelled { string order_id = 1; string reason = 2; google.protobuf.Timestamp at = 3; }
      """;

  public static final String PROTO_V2 = PROTO_V1
      .replace("string source_system = 19;", "string source_system = 19;\n  string sales_rep = 20;\n  int64 loyalty_points = 21;")
      .replace("int32 quantity = 2;", "int64 quantity = 2;")
      .replace("oneof payment { string card_token = 17; string iban = 18; }",
          "oneof payment { string card_token = 17; string iban = 18; string voucher = 22; }");

  public static Contract avro(String text) {
    return new AvroContractParser().parse(SourceFile.of("order-created.avsc", text));
  }

  public static Contract proto(String text) {
    return new ProtobufContractParser().parse(SourceFile.of("orders.proto", text));
  }
}
