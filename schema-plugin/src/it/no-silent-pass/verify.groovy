def log = new File(basedir, 'build.log').text
assert log.contains('schema.includes [avro/**] matched no contract under schemas; globs are relative to that folder')
assert log.contains('schema:check has nothing to compare with: set schema.registryUrl, or schema.against=git:<ref> or a baseline folder (or -Dschema.allowNoBaseline=true to allow this)')
assert log.contains('Validated 1 contract(s)')
assert new File(basedir, 'target/generated-sources/schemas/it/shipping/Shipment.java').isFile()
return true
