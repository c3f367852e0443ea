import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.download.registry")
try {
  def log = new File(basedir, 'build.log').text
  def schemas = new File(basedir, 'schemas')
  // laid out so the plugin names every subject as the registry does
  assert new File(schemas, 'orders.avsc').isFile()
  assert new File(schemas, 'orders-key.avsc').isFile()
  assert new File(schemas, 'orders-key.avsc.properties').text == 'topic=orders\nkey=true\n'
  assert new File(schemas, 'it.common.Money.avsc').isFile()
  assert new File(schemas, 'shipments.proto').isFile()
  assert new File(schemas, 'proto/common/address.proto').isFile() // at its import path
  assert log.contains('5 file(s) written to')
  // validated, then registered: every subject found as it is, nothing new
  assert log.contains('BUILD SUCCESS')
  assert log.contains('5 subject(s): 0 new, 0 new version(s), 5 unchanged')
  def client = RegistryClient.of(registry.url())
  client.subjects().each { assert client.versions(it) == [1] }
  return true
} finally {
  registry?.close()
}
