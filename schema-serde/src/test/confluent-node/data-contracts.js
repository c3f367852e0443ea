// Confluent's official JavaScript client running data contracts against our registry. argv: the
// registry URL, a request JSON file ({"steps": [...]}). Prints one JSON line: each step's result.
//
// The rules run in the client's own executors (CEL, CEL_FIELD, JSONata), registered as an
// application registers them; what they need from the registry (a version's metadata and rule set,
// the latest version with given metadata, the configuration) comes from ours.
const {
  SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer, ProtobufDeserializer, CelExecutor, CelFieldExecutor,
  JsonataExecutor,
} = require('@confluentinc/schemaregistry');
const fs = require('fs');

CelExecutor.register();
CelFieldExecutor.register();
JsonataExecutor.register();

const url = process.argv[2];
const request = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

async function run(step) {
  // a fresh client per step: nothing cached from an earlier step, every answer from the registry
  const client = new SchemaRegistryClient({ baseURLs: [url], cacheCapacity: 1000 });
  switch (step.op) {
    case 'register': return { id: await client.register(step.subject, step.schema, false) };
    case 'latest': return client.getLatestSchemaMetadata(step.subject);
    case 'withMetadata': return client.getLatestWithMetadata(step.subject, step.metadata);
    case 'updateConfig': return client.updateConfig(step.subject, step.config);
    case 'getConfig': return client.getConfig(step.subject);
    case 'serialize': {
      const serializer = new AvroSerializer(client, SerdeType.VALUE, step.config);
      const out = [];
      for (const value of step.values) {
        try {
          out.push({ frame: (await serializer.serialize(step.topic, value)).toString('hex') });
        } catch (e) {
          out.push({ error: String(e && e.message ? e.message : e) });
        }
      }
      return out;
    }
    case 'deserialize': {
      const deserializer = new AvroDeserializer(client, SerdeType.VALUE, step.config || {});
      const out = [];
      for (const frame of step.frames) {
        try {
          out.push({ value: await deserializer.deserialize(step.topic, Buffer.from(frame, 'hex')) });
        } catch (e) {
          out.push({ error: String(e && e.message ? e.message : e) });
        }
      }
      return out;
    }
    case 'deserializeProtobuf': {
      // the message type comes from the registry's descriptor of the writer's schema, rules and all
      const deserializer = new ProtobufDeserializer(client, SerdeType.VALUE, step.config || {});
      const out = [];
      for (const frame of step.frames) {
        try {
          const { $typeName, ...fields } = await deserializer.deserialize(step.topic, Buffer.from(frame, 'hex'));
          out.push({ type: $typeName, value: fields });
        } catch (e) {
          out.push({ error: String(e && e.message ? e.message : e) });
        }
      }
      return out;
    }
    default: throw new Error(`unknown step ${step.op}`);
  }
}

async function main() {
  const results = [];
  for (const step of request.steps) {
    try {
      results.push(await run(step));
    } catch (e) {
      results.push({ error: String(e && e.message ? e.message : e), status: e && e.status });
    }
  }
  console.log(JSON.stringify(results, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
