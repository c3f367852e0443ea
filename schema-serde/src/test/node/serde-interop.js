// Wire interop between our Java serdes and the npm Confluent client, @kafkajs/confluent-schema-registry.
// argv: registry URL, JSON file of frames our Java serializers wrote (hex) plus the ids to encode with.
// Prints one JSON line: what the npm client decoded from our frames, and frames it encoded for Java.
//
// This client writes Protobuf frames without Confluent's message-index list and, reading, only
// skips leading zero bytes (enough for [0], the single 0x00). For any other message it must be told
// the message name. So for our frames we read the index list, name the message it points at in the
// registered schema (protobufjs, which the client itself uses), and give the client a frame without
// the list plus that name; the payload bytes are the client's to decode.
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const protobuf = require('protobufjs');
const fs = require('fs');

const url = process.argv[2];
const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

function readVarint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos.at++];
    value |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return (value >>> 1) ^ -(value & 1); // zigzag
    shift += 7;
  }
}

function messageIndexes(buf) {
  const pos = { at: 5 };
  const count = readVarint(buf, pos);
  if (count === 0) return { indexes: [0], offset: pos.at };
  const indexes = [];
  for (let i = 0; i < count; i++) indexes.push(readVarint(buf, pos));
  return { indexes, offset: pos.at };
}

function messageName(schemaText, indexes) {
  const parsed = protobuf.parse(schemaText);
  let level = parsed.package ? parsed.root.lookup(parsed.package) : parsed.root;
  const names = [];
  for (const index of indexes) {
    level = level.nestedArray.filter((t) => t instanceof protobuf.Type)[index];
    names.push(level.name);
  }
  return names.join('.');
}

async function decodeOurProtobuf(hex) {
  const frame = Buffer.from(hex, 'hex');
  const id = frame.readInt32BE(1);
  const { indexes, offset } = messageIndexes(frame);
  const schema = (await (await fetch(`${url}/schemas/ids/${id}`)).json()).schema;
  const name = messageName(schema, indexes);
  const client = new SchemaRegistry({ host: url }, { [SchemaType.PROTOBUF]: { messageName: name } });
  const decoded = await client.decode(Buffer.concat([frame.subarray(0, 5), frame.subarray(offset)]));
  return { indexes, name, value: decoded.toJSON() };
}

async function main() {
  const plain = new SchemaRegistry({ host: url });
  const decoded = {
    avro: await plain.decode(Buffer.from(input.avro, 'hex')),
    // [0] is the single byte 0x00, which this client skips: our frame decodes as it is
    shipmentAsIs: (await plain.decode(Buffer.from(input.shipment, 'hex'))).toJSON(),
    shipment: await decodeOurProtobuf(input.shipment),
    parcel: await decodeOurProtobuf(input.parcel),
    audit: await decodeOurProtobuf(input.audit),
    detail: await decodeOurProtobuf(input.detail),
  };
  const forName = (name) => new SchemaRegistry({ host: url }, { [SchemaType.PROTOBUF]: { messageName: name } });
  const encoded = {
    avro: (await plain.encode(input.avroId, {
      order_id: '6f1c1a8e-4f7e-4b7c-9a59-5b0c9d1e2f30', customer_id: 'from-node', created_at: 1790000000123,
      total: { units: 4250, currency: 'EUR' }, channel: 'MOBILE', coupon_code: 'NODE5',
    })).toString('hex'),
    parcel: (await forName('Shipment.Parcel').encode(input.nestedId, { parcelId: 'p-node', weightGrams: 750 })).toString('hex'),
    audit: (await forName('Audit').encode(input.nestedId, { actor: 'node' })).toString('hex'),
  };
  console.log(JSON.stringify({ decoded, encoded }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
