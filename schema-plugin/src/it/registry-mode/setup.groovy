import io.github.eventcontracts.registry.client.RegistryClient
import io.github.eventcontracts.registry.client.RegistrySchema
import io.github.eventcontracts.registry.server.EmbeddedRegistry

// Start a registry holding version 1 of two subjects; the build finds it through .mvn/maven.config.
def registry = EmbeddedRegistry.start()
System.getProperties().put('it.registry-mode.registry', registry)
def client = RegistryClient.of(registry.url())
client.register('orders-value', RegistrySchema.avro('{"type":"record","name":"OrderCreated","namespace":"it.orders",'
    + '"fields":[{"name":"id","type":"string"},{"name":"total","type":"long"}]}'))
client.register('shipments-value', RegistrySchema.protobuf('syntax = "proto3";\npackage it.shipping;\n\n'
    + 'message OrderShipped {\n  string order_id = 1;\n  string carrier = 2;\n}\n', []))
def config = new File(basedir, '.mvn/maven.config')
config.parentFile.mkdirs()
config.text = "-Dschema.registryUrl=${registry.url()}\n"
return true
