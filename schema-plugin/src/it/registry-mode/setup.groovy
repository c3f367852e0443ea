import io.github.eventcontracts.maven.ItRegistry
import io.github.eventcontracts.registry.client.RegistryClient
import io.github.eventcontracts.registry.client.RegistrySchema

// Start a registry holding version 1 of two subjects; the build finds it through .mvn/maven.config.
def registry = ItRegistry.startFor(basedir)
def client = RegistryClient.of(registry.url())
client.register('orders-value', RegistrySchema.avro('{"type":"record","name":"OrderCreated","namespace":"it.orders",'
    + '"fields":[{"name":"id","type":"string"},{"name":"total","type":"long"}]}'))
client.register('shipments-value', RegistrySchema.protobuf('syntax = "proto3";\npackage it.shipping;\n\n'
    + 'message OrderShipped {\n  string order_id = 1;\n  string carrier = 2;\n}\n', []))
return true
