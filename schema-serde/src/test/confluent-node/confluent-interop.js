// Confluent's official JavaScript client, @confluentinc/schemaregistry, as a peer of our Java serdes
// and registry. argv: registry URL, a request JSON file. Prints one JSON line.
//
// The request names protoc's descriptor set (the same one the Java side builds its messages from),
// the serializer mode, the values to encode (Protobuf: the message's full name and its binary
// encoding; Avro: the record as JSON) and frames to decode. Nothing here is a shim: the serializers
// and deserializers are the client's own, with its default configuration but for the mode.
const {
  SchemaRegistryClient, SerdeType, ProtobufSerializer, ProtobufDeserializer, AvroSerializer, AvroDeserializer,
} = require('@confluentinc/schemaregistry');
const { createFileRegistry, fromBinary, toBinary, toJson } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');
const fs = require('fs');

const url = process.argv[2];
const request = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

function serdeConfig(mode) {
  switch (mode) {
    case 'autoRegister': return { autoRegisterSchemas: true };
    case 'useLatest': return { autoRegisterSchemas: false, useLatestVersion: true };
    case 'autoRegisterNormalized': return { autoRegisterSchemas: true, normalizeSchemas: true };
    default: throw new Error(`unknown mode ${mode}`);
  }
}

async function main() {
  // one client per serde, as applications have; caches are the client's own
  const client = () => new SchemaRegistryClient({ baseURLs: [url], cacheCapacity: 1000 });
  const set = fromBinary(FileDescriptorSetSchema, fs.readFileSync(request.descriptorSet));
  const registry = createFileRegistry(set);

  const out = { protobuf: [], avro: [], decodedProtobuf: [], decodedAvro: [] };
  const protobufSerializer = new ProtobufSerializer(client(), SerdeType.VALUE, { ...serdeConfig(request.mode), registry });
  for (const item of request.protobuf || []) {
    const desc = registry.getMessage(item.type);
    if (!desc) throw new Error(`no message ${item.type} in the descriptor set`);
    const message = fromBinary(desc, Buffer.from(item.payload, 'hex'));
    const frame = await protobufSerializer.serialize(item.topic, message);
    out.protobuf.push(frame.toString('hex'));
  }
  const avroSerializer = new AvroSerializer(client(), SerdeType.VALUE, serdeConfig(request.mode));
  for (const item of request.avro || []) {
    const frame = await avroSerializer.serialize(item.topic, item.value);
    out.avro.push(frame.toString('hex'));
  }

  const protobufDeserializer = new ProtobufDeserializer(client(), SerdeType.VALUE, {});
  for (const item of request.decodeProtobuf || []) {
    const message = await protobufDeserializer.deserialize(item.topic, Buffer.from(item.frame, 'hex'));
    const desc = registry.getMessage(message.$typeName);
    out.decodedProtobuf.push({
      type: message.$typeName,
      payload: Buffer.from(toBinary(desc, message)).toString('hex'),
      json: toJson(desc, message),
    });
  }
  const avroDeserializer = new AvroDeserializer(client(), SerdeType.VALUE, {});
  for (const item of request.decodeAvro || []) {
    out.decodedAvro.push(await avroDeserializer.deserialize(item.topic, Buffer.from(item.frame, 'hex')));
  }
  console.log(JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
