package io.github.eventcontracts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic contract tree for build benchmarks: Avro events (10–30 fields, an inline
 * nested record and enum, logical types, unions, arrays, maps, references to shared types in other
 * files) and Protobuf events (10–30 fields, a nested message, an enum, a oneof, maps, repeated
 * fields, imports of shared files), plus a baseline copy where every event lacks its last field,
 * so a check compares every contract.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.ContractTreeGenerator OUT [avro] [proto] [seed]}
 */
public final class ContractTreeGenerator {
  private static final int AVRO_COMMON = 20;
  private static final int PROTO_COMMON = 10;

  private final Random random;

  private ContractTreeGenerator(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/contract-tree");
    int avro = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int proto = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    new ContractTreeGenerator(seed).write(out, avro, proto);
    System.out.println("wrote " + avro + " Avro and " + proto + " Protobuf contracts (and a baseline) under " + out);
  }

  void write(Path out, int avroCount, int protoCount) throws IOException {
    for (int i = 0; i < AVRO_COMMON; i++) {
      String text = avroCommon(i);
      write(out, "avro/common/common-" + i + ".avsc", text, text);
    }
    for (int i = 0; i < avroCount - AVRO_COMMON; i++) {
      String[] versions = avroEvent(i);
      write(out, "avro/events/event-" + i + ".avsc", versions[0], versions[1]);
    }
    for (int i = 0; i < PROTO_COMMON; i++) {
      String text = protoCommon(i);
      write(out, "proto/common/common_" + i + ".proto", text, text);
    }
    for (int i = 0; i < protoCount - PROTO_COMMON; i++) {
      String[] versions = protoEvent(i);
      write(out, "proto/events/event_" + i + ".proto", versions[0], versions[1]);
    }
  }

  private static void write(Path out, String relative, String current, String baseline) throws IOException {
    for (Path[] target : new Path[][] {{out.resolve("schemas"), null}, {out.resolve("baseline"), null}}) {
      Path file = target[0].resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, target[0].endsWith("schemas") ? current : baseline);
    }
  }

  private String avroCommon(int i) {
    StringBuilder fields = new StringBuilder();
    int n = 5 + random.nextInt(4);
    for (int f = 0; f < n; f++) {
      fields.append(f == 0 ? "" : ",\n").append("    {\"name\": \"c").append(f).append("\", \"type\": \"")
          .append(List.of("string", "long", "int", "double", "boolean").get(random.nextInt(5)))
          .append("\", \"doc\": \"Field ").append(f).append(".\"}");
    }
    return "{\"type\": \"record\", \"name\": \"Common" + i + "\", \"namespace\": \"bench.avro.common\",\n"
        + " \"doc\": \"A shared type.\",\n \"fields\": [\n" + fields + "\n ]}\n";
  }

  /** The event and its baseline (the same event without its last field). */
  private String[] avroEvent(int i) {
    List<String> fields = new ArrayList<>();
    int n = 10 + random.nextInt(21);
    fields.add("{\"name\": \"id\", \"type\": {\"type\": \"string\", \"logicalType\": \"uuid\"}, \"doc\": \"Id.\"}");
    fields.add("{\"name\": \"at\", \"type\": {\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}, \"doc\": \"When.\"}");
    fields.add("{\"name\": \"shared\", \"type\": \"bench.avro.common.Common" + random.nextInt(AVRO_COMMON)
        + "\", \"doc\": \"A shared type.\"}");
    fields.add("{\"name\": \"detail\", \"doc\": \"Nested.\", \"type\": {\"type\": \"record\", \"name\": \"Detail" + i
        + "\", \"fields\": [{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": [\"null\", \"long\"], \"default\": null}]}}");
    fields.add("{\"name\": \"state\", \"doc\": \"State.\", \"type\": {\"type\": \"enum\", \"name\": \"State" + i
        + "\", \"symbols\": [\"UNKNOWN\", \"OPEN\", \"DONE\"], \"default\": \"UNKNOWN\"}}");
    while (fields.size() < n) {
      int f = fields.size();
      String type = switch (random.nextInt(7)) {
        case 0 -> "\"string\"";
        case 1 -> "\"long\"";
        case 2 -> "[\"null\", \"string\"], \"default\": null";
        case 3 -> "{\"type\": \"array\", \"items\": \"string\"}";
        case 4 -> "{\"type\": \"map\", \"values\": \"long\"}";
        case 5 -> "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 2}";
        default -> "\"double\"";
      };
      fields.add("{\"name\": \"f" + f + "\", \"type\": " + type + ", \"doc\": \"Field " + f + ".\"}");
    }
    fields.add("{\"name\": \"added\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"New in this version.\"}");
    String head = "{\"type\": \"record\", \"name\": \"Event" + i + "\", \"namespace\": \"bench.avro.events\",\n"
        + " \"doc\": \"Event " + i + ".\",\n \"fields\": [\n    ";
    String current = head + String.join(",\n    ", fields) + "\n ]}\n";
    String baseline = head + String.join(",\n    ", fields.subList(0, fields.size() - 1)) + "\n ]}\n";
    return new String[] {current, baseline};
  }

  private String protoCommon(int i) {
    return "syntax = \"proto3\";\npackage bench.proto.common;\noption java_package = \"bench.proto.common\";\n"
        + "option java_multiple_files = true;\n\n"
        + "enum Kind" + i + " {\n  KIND" + i + "_UNSPECIFIED = 0;\n  KIND" + i + "_A = 1;\n  KIND" + i + "_B = 2;\n}\n\n"
        + "message Shared" + i + " {\n  string id = 1;\n  int64 amount = 2;\n  Kind" + i + " kind = 3;\n}\n\n"
        + "message Extra" + i + " {\n  repeated string tags = 1;\n  map<string, string> labels = 2;\n}\n";
  }

  private String[] protoEvent(int i) {
    int common = random.nextInt(PROTO_COMMON);
    List<String> fields = new ArrayList<>();
    int n = 10 + random.nextInt(21);
    fields.add("string id = 1;");
    fields.add("bench.proto.common.Shared" + common + " shared = 2;");
    fields.add("Detail detail = 3;");
    fields.add("State state = 4;");
    fields.add("map<string, int64> counters = 5;");
    fields.add("repeated string tags = 6;");
    int tag = 7;
    while (fields.size() < n) {
      String type = List.of("string", "int64", "int32", "double", "bool", "bytes", "uint32").get(random.nextInt(7));
      fields.add(type + " f" + tag + " = " + tag + ";");
      tag++;
    }
    String oneof = "  oneof payment {\n    string card = " + (tag + 1) + ";\n    string iban = " + (tag + 2) + ";\n  }\n";
    String added = "  string added = " + (tag + 3) + ";\n";
    String head = "syntax = \"proto3\";\npackage bench.proto.events.e" + i + ";\n"
        + "import \"proto/common/common_" + common + ".proto\";\n"
        + "option java_package = \"bench.proto.events.e" + i + "\";\noption java_multiple_files = true;\n\n"
        + "message Event" + i + " {\n"
        + "  message Detail {\n    string a = 1;\n    int64 b = 2;\n  }\n"
        + "  enum State {\n    STATE_UNSPECIFIED = 0;\n    STATE_OPEN = 1;\n    STATE_DONE = 2;\n  }\n";
    StringBuilder body = new StringBuilder();
    for (String f : fields) {
      body.append("  ").append(f).append('\n');
    }
    String current = head + body + oneof + added + "}\n";
    String baseline = head + body + oneof + "}\n";
    return new String[] {current, baseline};
  }
}
