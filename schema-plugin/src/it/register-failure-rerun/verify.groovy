import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.register-failure-rerun.registry")
def proxy = System.getProperties().remove("it.register-failure-rerun.proxy")
try {
  def log = new File(basedir, 'build.log').text
  assert log =~ ('FAILED\\s+' + java.util.regex.Pattern.quote('it.common.Money: POST /subjects/it.common.Money/versions'))
  assert log =~ ('NOT\\sDONE\\s+' + java.util.regex.Pattern.quote('order-value')) // it references it.common.Money
  assert log.contains('Registration stopped: 1 failed, 1 not attempted, 1 done')
  assert log =~ /UNCHANGED\s+shipment-value id \d+ version 1/ // registered in the first build
  assert log =~ /NEW\s+order-value id \d+ version 1/          // finished by the second
  def client = RegistryClient.of(registry.url())
  assert client.subjects() == ['it.common.Money', 'order-value', 'shipment-value']
  ['it.common.Money', 'order-value', 'shipment-value'].each { assert client.versions(it) == [1] }
  return true
} finally {
  proxy?.close()
  registry?.close()
}
