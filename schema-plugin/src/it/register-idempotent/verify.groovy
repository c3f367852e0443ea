import groovy.json.JsonSlurper
import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.register-idempotent.registry")
try {
  def log = new File(basedir, 'build.log').text
  def first = (log =~ /NEW\s+(\S+) id (\d+) version (\d+)/).collect { [it[1], it[2], it[3]] }
  def second = (log =~ /UNCHANGED\s+(\S+) id (\d+) version (\d+)/).collect { [it[1], it[2], it[3]] }
  assert first*.get(0) == ['it.common.Money', 'order-value', 'shipment-value']
  assert second == first : "the second run must report the same ids and versions"
  def client = RegistryClient.of(registry.url())
  ['it.common.Money', 'order-value', 'shipment-value'].each { assert client.versions(it) == [1] }
  assert client.latest('order-value').references()*.subject == ['it.common.Money']
  assert client.compatibility('order-value', false) == 'FULL'
  def registered = new JsonSlurper().parse(new File(basedir, 'target/schema-registry/registered.json'))
  assert registered.subjects['order-value'].id == client.latest('order-value').id()
  assert new File(basedir, 'target/classes/META-INF/schema-registry/registered.json').isFile()
  return true
} finally {
  registry.close()
}
