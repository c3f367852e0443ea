import io.github.eventcontracts.registry.client.RegistryClient
import java.util.regex.Pattern
def registry = System.getProperties().remove("it.shared-type-evolution.registry")
try {
  def log = new File(basedir, 'build.log').text
  def client = RegistryClient.of(registry.url())

  // 1. first registration: shared types under Confluent's reference subjects, before their users
  assert log =~ /NEW\s+it\.common\.Money id \d+ version 1/
  assert log =~ /NEW\s+proto\/common\/address\.proto id \d+ version 1/

  // 2. the dry run plans a new version of each shared type and of every event using one
  def dry = log.substring(log.indexOf('Dry run: nothing is written.'))
  ['it.common.Money version 2', 'payment-captured-value version 2', 'refund-issued-value version 2',
   'proto/common/address.proto version 2', 'shipment-value version 2'].each {
    assert dry =~ ('NEW_VERSION\\s+' + Pattern.quote(it)) : "dry run plans ${it}"
  }

  // 3. registered in dependency order, each event pointing at the shared type's new version
  assert log.contains('5 subject(s): 0 new, 5 new version(s), 0 unchanged')
  assert client.versions('it.common.Money') == [1, 2]
  assert client.versions('payment-captured-value') == [1, 2]
  assert client.latest('payment-captured-value').references().collect { "${it.subject()}@${it.version()}" } == ['it.common.Money@2']
  assert client.latest('shipment-value').references().collect { "${it.subject()}@${it.version()}" } == ['proto/common/address.proto@2']

  // 4. check: our engine names the file, line and break, for Money and for the events using it
  assert log =~ /schemas-v3\/avro\/money\.avsc:2:\d+ TYPE_MISMATCH/
  assert log =~ ('INCOMPATIBLE\\s+' + Pattern.quote('schemas-v3/avro/payment-captured.avsc (payment-captured-value, BACKWARD)'))

  // 5. register: the registry's 409 with its reason, not a 422 about a missing reference version
  def failed = log.readLines().find { it.contains('FAILED') && it.contains('it.common.Money') }
  assert failed != null && failed.contains('409') : failed
  assert !log.contains('which is not registered')
  assert log =~ ('NOT\\sDONE\\s+' + Pattern.quote('payment-captured-value'))
  assert client.versions('it.common.Money') == [1, 2] // nothing half-registered
  return true
} finally {
  registry?.close()
}
