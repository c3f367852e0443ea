import io.github.eventcontracts.maven.ItRegistry
import io.github.eventcontracts.registry.client.RegistryClient
import io.github.eventcontracts.registry.client.RegistrySchema
import io.github.eventcontracts.registry.client.SchemaReference

// A registry holding what another team registered: events, a key subject, and shared types under
// Confluent's reference subjects. This project starts with no schemas folder at all.
def registry = ItRegistry.startFor(basedir)
def client = RegistryClient.of(registry.url())
client.register('it.common.Money', RegistrySchema.avro('{"type":"record","name":"Money","namespace":"it.common",'
    + '"doc":"An amount.","fields":[{"name":"units","type":"long","doc":"Minor units."}]}'))
client.register('orders-value', new RegistrySchema('{"type":"record","name":"OrderPlaced","namespace":"it.orders",'
    + '"doc":"An order was placed.","fields":[{"name":"id","type":"string","doc":"Order id."},'
    + '{"name":"total","type":"it.common.Money","doc":"Total."}]}', 'AVRO',
    [new SchemaReference('it.common.Money', 'it.common.Money', 1)]))
client.register('orders-key', RegistrySchema.avro('{"type":"record","name":"OrderKey","namespace":"it.orders",'
    + '"doc":"The key of order events.","fields":[{"name":"id","type":"string","doc":"Order id."}]}'))
client.register('proto/common/address.proto', RegistrySchema.protobuf('syntax = "proto3";\npackage it.common;\n\n'
    + '// A postal address.\nmessage Address {\n  string street = 1;\n  string city = 2;\n}\n', []))
client.register('shipments-value', new RegistrySchema('syntax = "proto3";\npackage it.shipping;\n\n'
    + 'import "proto/common/address.proto";\n\n// A shipment left.\nmessage ShipmentSent {\n  string id = 1;\n'
    + '  it.common.Address destination = 2;\n}\n', 'PROTOBUF',
    [new SchemaReference('proto/common/address.proto', 'proto/common/address.proto', 1)]))
return true
