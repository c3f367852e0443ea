def log = new File(basedir, 'build.log').text
assert log.contains('Protobuf classes with protoc 3.25.5')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0/
def generated = new File(basedir, 'target/generated-sources/schemas/it/orders/proto/OrderPlaced.java').text
// protoc writes its version into every class: 3.25.5's, never the plugin's own 4.x
assert generated.contains('// Protobuf Java Version: 3.25.5')
assert !generated.contains('Protobuf Java Version: 4.')
assert log.contains('schema.protobufVersion is 4.33.2 but the project uses protobuf-java 3.25.5')
return true
