// Registers an Avro and a Protobuf schema in the registry at argv[2] with the npm Confluent client,
// encodes one record of each in Confluent's wire format, decodes the Avro one back through the
// client (which fetches GET /schemas/ids/{id}), and prints what happened as one JSON line.
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main() {
  const registry = new SchemaRegistry({ host: process.argv[2] });

  const avroSchema = {
    type: 'record', name: 'OrderCreated', namespace: 'com.acme.interop',
    fields: [{ name: 'order_id', type: 'string' }, { name: 'quantity', type: 'int' }],
  };
  const { id: avroId } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(avroSchema) }, { subject: 'interop-orders-value' });
  const avroPayload = await registry.encode(avroId, { order_id: 'o-1', quantity: 3 });

  const proto = 'syntax = "proto3";\npackage acme.interop;\n\nmessage OrderShipped {\n  string order_id = 1;\n  int32 lines = 2;\n}\n';
  const { id: protoId } = await registry.register(
    { type: SchemaType.PROTOBUF, schema: proto }, { subject: 'interop-shipments-value' });
  const protoPayload = await registry.encode(protoId, { orderId: 'o-2', lines: 2 });

  // A fresh client has no cache: decoding must fetch the schema from our registry by id.
  const fresh = new SchemaRegistry({ host: process.argv[2] });
  const decodedAvro = await fresh.decode(avroPayload);
  const decodedProto = await fresh.decode(protoPayload);

  console.log(JSON.stringify({
    avroId, protoId,
    avroPayload: avroPayload.toString('hex'),
    protoPayload: protoPayload.toString('hex'),
    decodedAvro, decodedProto,
  }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
