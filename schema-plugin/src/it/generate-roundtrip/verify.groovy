def log = new File(basedir, 'build.log').text
// first build: generated and tested; second build: a no-op, nothing regenerated or recompiled
assert log.count('Generated it.orders.OrderPlaced for order-placed-value') == 1
// money.avsc and address.proto are shared types (reference subjects): classes, but no catalog entry
assert log.count('Generated catalog it.events.Catalog with 2 subject(s)') == 1
assert log.contains('Contracts unchanged since the last generate; sources in')
assert log.count('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') >= 2
def generated = new File(basedir, 'target/generated-sources/schemas')
def marker = new File(basedir, 'target/schema-plugin/generate.sha256')
generated.eachFileRecurse(groovy.io.FileType.FILES) { f ->
  assert f.lastModified() <= marker.lastModified() : "${f} was written after the first build's marker"
}
assert new File(generated, 'it/shipping/Shipping.java').isFile()
assert new File(generated, 'it/common/proto/AddressOuterClass.java').isFile()
